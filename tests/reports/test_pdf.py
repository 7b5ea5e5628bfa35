"""The PDFs themselves: text read back with pdftotext, fonts with pdffonts."""

from __future__ import annotations

import logging
import random
import subprocess
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from checklist.loader import load_rubric, rubric_files
from checklist.samples import sample_answers, sample_school
from checklist.scoring import score
from checklist.seeds import SeedLibrary
from reports.build import build_school_report
from reports.model import SchoolReport, SchoolSummary
from reports.render import get_renderer, subsetter_available
from tests.conftest import ROOT
from tests.reports.conftest import DRAFT_META, need, pdf_text

SECTIONS = (
    "一、学校基本情况",
    "二、评估依据与过程",
    "三、评估结论",
    "四、主要成绩",
    "五、存在问题",
    "六、整改建议",
    "七、整改要求",
    "附表",
)


def between(text: str, start: str, end: str) -> str:
    return text[text.index(start) : text.index(end, text.index(start))]


def test_harfbuzz_subsetter_is_available() -> None:
    assert subsetter_available(), "install libharfbuzz-subset0: PDFs are 6× slower without it"


def test_draft_pdf_has_every_section_in_order(draft_pdf: Path) -> None:
    text = pdf_text(draft_pdf)
    positions = [text.index(s) for s in SECTIONS]
    assert positions == sorted(positions)


def test_cover_names_school_cycle_bureau_and_date(draft_pdf: Path) -> None:
    text = pdf_text(draft_pdf)
    cover = text[: text.index("一、学校基本情况")]
    for words in ("测试市实验学校", "办学水平评估报告", "2024年度", "测试市教育局", "2024年12月20日"):
        assert words in cover
    assert "自评稿·待核定" in cover


def test_draft_watermark_is_drawn_not_written(draft_render: tuple[Path, Any]) -> None:
    path, fetcher = draft_render
    assert [url.rsplit("/", 1)[-1] for url in fetcher.fetched] == ["watermark-draft.svg"]
    assert fetcher.blocked == []
    text = pdf_text(path)
    assert text.count("自评稿") == 1  # only the cover's status line: the watermark is outlines


def test_conclusion_gives_total_and_level(draft_pdf: Path) -> None:
    section = between(pdf_text(draft_pdf), "三、评估结论", "四、主要成绩")
    assert "自评总分为59.69分（含加分2分），评估等级为“不合格”" in section
    assert "图1一级指标得分率雷达图" in section


def test_a_failed_item_is_under_problems_with_its_clause(draft_pdf: Path) -> None:
    section = between(pdf_text(draft_pdf), "五、存在问题", "六、整改建议")
    item = section.index("教师交流轮岗比例不低于符合交流条件教师总数的10%")
    rest = section[item:]
    assert "交流教师2人/符合交流条件教师40人=5.0%，要求不低于10%" in rest
    assert "《2024年营口市推动新时代基础教育扩优提质任务分解方案》（营教发〔2024〕12号）第17条" in rest
    assert "各学校教师交流轮岗的比例不低于符合交流条件教师总数的10%" in rest


def test_suggestions_carry_numbers_and_the_school_signs_a_draft(draft_pdf: Path) -> None:
    section = between(pdf_text(draft_pdf), "六、整改建议", "附表")
    assert "还需安排2人参加交流轮岗" in section
    assert "测试市实验学校（盖章）" in section and "校长（签字）：" in section
    assert "____年____月____日" in section
    assert "督导室" not in section  # only once finalised


def test_annex_of_a_draft_shows_the_self_assessment(draft_pdf: Path) -> None:
    annex = pdf_text(draft_pdf)[pdf_text(draft_pdf).index("附表") :]
    assert "附表评估要点明细（自评）" in annex
    assert "班额不超过45人部分达标4/5分" in annex
    assert "核定" not in annex


def test_finalised_pdf_has_verified_scores_reasons_and_signatures(final_pdf: Path) -> None:
    text = pdf_text(final_pdf)
    assert "自评稿" not in text
    assert "核定稿" in text
    assert "核定总分为54.57分" in text
    assert "核减1人：调令未生效" in text  # the reason for the difference
    assert "交流名单与调令不一致" in text  # the inspector's comment
    assert "评估组组长（签字）：测试市人民政府教育督导室2024年12月28日" in text
    assert "学校应于2025年3月31日前" in text  # a deadline set by hand is printed as given


def test_running_header_and_page_footer(draft_pdf: Path) -> None:
    pages = PdfReader(draft_pdf).pages
    count = len(pages)
    second = "".join(pages[1].extract_text().split())
    assert "测试市实验学校" in second and "2024年度办学水平评估报告" in second
    assert f"第2页共{count}页" in second
    cover = "".join(pages[0].extract_text().split())
    assert "共" not in cover  # no footer on the cover


def pdf_fonts(path: Path) -> list[list[str]]:
    out = subprocess.run([need("pdffonts"), str(path)], check=True, capture_output=True, text=True).stdout
    return [line.split() for line in out.splitlines()[2:] if line.strip()]


def test_cjk_fonts_are_embedded_and_subset(draft_pdf: Path) -> None:
    rows = pdf_fonts(draft_pdf)
    names = [row[0].split("+")[-1] for row in rows]
    if get_renderer().fonts:  # the GB 2312 cut of Noto CJK SC (reports.fonts)
        assert sorted(names) == ["Selfcheck-Sans", "Selfcheck-Sans-Bold", "Selfcheck-Serif"]
    else:
        assert any("Noto-Serif-CJK-SC" in n for n in names)
    for row in rows:
        emb, sub = row[-5], row[-4]
        assert (emb, sub) == ("yes", "yes"), row


def test_a_missing_subsetter_is_warned_about(monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    import weasyprint.text.ffi as ffi

    monkeypatch.setattr(ffi, "harfbuzz_subset", None)
    with caplog.at_level(logging.WARNING, logger="reports.render"):
        assert subsetter_available.__wrapped__() is False  # the uncached check
    assert "libharfbuzz-subset0" in caplog.text


@pytest.fixture(scope="module")
def long_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A report on the largest shipped rubric: its annex runs over several pages."""
    files = rubric_files(ROOT / "config" / "rubrics")
    if not files:
        pytest.skip("no shipped rubrics yet")
    rubric = max((load_rubric(f) for f in files), key=lambda r: len(r.items))
    name, code, district, profile = sample_school(2)
    answers = sample_answers(rubric, profile, random.Random(2), shortfall=0.2)
    report = build_school_report(
        rubric,
        score(rubric, answers, profile),
        SchoolSummary(name, code, district),
        DRAFT_META,
        answers=answers,
        profile=profile,
        seeds=SeedLibrary(ROOT / "seeds"),
    )
    path = tmp_path_factory.mktemp("long") / "long.pdf"
    path.write_bytes(get_renderer().school_pdf(report))
    return path


def test_long_tables_repeat_their_headers_on_every_page(long_pdf: Path) -> None:
    pages = ["".join(p.extract_text().split()) for p in PdfReader(long_pdf).pages]
    start = next(i for i, text in enumerate(pages) if "附表评估要点明细" in text)
    annex = pages[start:]
    assert len(annex) >= 3
    for number, text in enumerate(annex, start=start + 1):
        assert "编号评估要点自评结果（得分/分值）" in text, f"page {number} lacks the table header"
        assert f"第{number}页共{len(pages)}页" in text


def test_pdf_outline_lists_the_sections(final_pdf: Path) -> None:
    def flatten(items: list[Any]) -> list[str]:
        return [t for i in items for t in (flatten(i) if isinstance(i, list) else [i.title])]

    titles = flatten(PdfReader(final_pdf).outline)
    assert titles[:4] == ["办学水平评估报告", "一、学校基本情况", "二、评估依据与过程", "三、评估结论"]
    assert "五、存在问题" in titles and "附表\u3000评估要点明细（自评与核定）" in titles


def test_the_trimmed_user_agent_stylesheet_changes_nothing_visible(
    final_report: SchoolReport, final_pdf: Path, tmp_path: Path
) -> None:
    """reports/static/ua.css replaces WeasyPrint's html5_ua.css through a private hook
    (12 % faster); the pages must be the same pixels as with the full stylesheet."""
    from PIL import Image, ImageChops
    from weasyprint import HTML

    assert hasattr(HTML, "_ua_stylesheets"), "WeasyPrint dropped the hook: see reports.render"
    renderer = get_renderer()
    trimmed = renderer.html_class
    try:
        renderer.html_class = HTML
        full = tmp_path / "full.pdf"
        full.write_bytes(renderer.school_pdf(final_report))
    finally:
        renderer.html_class = trimmed
    for name, pdf in (("a", final_pdf), ("b", full)):
        subprocess.run([need("pdftoppm"), "-r", "40", "-png", str(pdf), str(tmp_path / name)], check=True)
    pages_a = sorted(tmp_path.glob("a-*.png"))
    pages_b = sorted(tmp_path.glob("b-*.png"))
    assert len(pages_a) == len(pages_b) > 1
    for a, b in zip(pages_a, pages_b, strict=True):
        with Image.open(a) as image_a, Image.open(b) as image_b:
            diff = ImageChops.difference(image_a.convert("RGB"), image_b.convert("RGB"))
            assert diff.getbbox() is None, f"{a.name} differs"
