"""What a PDF must be to be archived and read: PDF/A-3u (checked with pikepdf), its fonts, its
typography (nothing that must stay whole is split, a long name keeps the cover on one page), and
the parsing and compression steps the renderer takes for speed."""

from __future__ import annotations

import dataclasses
import itertools
import re
from pathlib import Path
from xml.etree import ElementTree

import pikepdf
import pytest
from pypdf import PdfReader

from checklist.model import Rubric
from checklist.scoring import score
from reports.build import build_school_report
from reports.model import RegionReport, SchoolReport
from reports.region import build_region_report
from reports.render import get_renderer, render_region_html, render_school_html
from tests.reports.conftest import ANSWERS, DRAFT_META, PROFILE, SCHOOL, need, pdf_lines, pdf_text
from tests.reports.test_region import META, result

# --------------------------------------------------------------------------------------------
# PDF/A-3u


def fonts_of(pdf: pikepdf.Pdf) -> list[pikepdf.Dictionary]:
    found: dict[int, pikepdf.Dictionary] = {}
    for page in pdf.pages:
        for font in (page.Resources.get("/Font") or {}).values():
            found[font.objgen[0]] = font
    return list(found.values())


@pytest.mark.parametrize("which", ["draft_pdf", "final_pdf"])
def test_the_pdf_is_pdf_a_3u(which: str, request: pytest.FixtureRequest) -> None:
    path: Path = request.getfixturevalue(which)
    with pikepdf.open(path) as pdf:
        assert not pdf.is_encrypted
        meta = pdf.open_metadata()
        assert (meta.get("pdfaid:part"), meta.get("pdfaid:conformance")) == ("3", "U")
        assert "办学水平评估报告" in str(meta.get("dc:title"))
        intents = pdf.Root.OutputIntents
        assert len(intents) == 1 and intents[0].S == "/GTS_PDFA1"
        profile = intents[0].DestOutputProfile
        assert profile.N == 3 and len(profile.read_bytes()) > 1000  # the sRGB ICC profile itself
        assert len(pdf.trailer.ID) == 2  # the file identifier PDF/A asks for
        fonts = fonts_of(pdf)
        assert fonts
        for font in fonts:
            descendant = font.DescendantFonts[0] if "/DescendantFonts" in font else font
            descriptor = descendant.FontDescriptor
            assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), font.BaseFont
            assert "/ToUnicode" in font  # 'u': every glyph maps to Unicode
        for obj in pdf.objects:  # every stream (compressed once by reports.render) decodes
            if isinstance(obj, pikepdf.Stream):
                obj.read_bytes()


def test_the_radar_numbers_are_text(draft_pdf: Path, draft_report: SchoolReport) -> None:
    assert draft_report.radar is not None
    text = pdf_text(draft_pdf)
    chart = text[text.index("（一）一级指标得分情况") : text.index("图1")]
    for axis in draft_report.radar.axes:
        assert axis.label in chart and axis.value_text in chart


# --------------------------------------------------------------------------------------------
# Fonts


def test_a_character_outside_gb2312_falls_back_to_a_font_that_has_it(rubric: Rubric, tmp_path: Path) -> None:
    import subprocess

    rare = "㐂堃喆翀𠮷☃"
    school = dataclasses.replace(SCHOOL, name=f"{rare}实验学校")
    report = build_school_report(rubric, score(rubric, ANSWERS, PROFILE), school, DRAFT_META)
    path = tmp_path / "rare.pdf"
    path.write_bytes(get_renderer().school_pdf(report))
    assert rare in pdf_text(path)
    out = subprocess.run([need("pdffonts"), str(path)], check=True, capture_output=True, text=True).stdout
    names = [line.split()[0].split("+")[-1] for line in out.splitlines()[2:] if line.strip()]
    assert any(n.startswith("Noto-Sans-CJK-SC") for n in names), names  # the full font, for these
    with pikepdf.open(path) as pdf:
        for font in fonts_of(pdf):
            widths = font.DescendantFonts[0].get("/W")
            assert widths is not None
    # no glyph went missing: the rendered name has no .notdef boxes (every char has a width > 0)
    reader = PdfReader(path)
    assert rare in "".join(reader.pages[0].extract_text().split())


# --------------------------------------------------------------------------------------------
# Typography


def test_clause_numbers_and_item_ids_are_never_split(draft_pdf: Path) -> None:
    lines = pdf_lines(draft_pdf)
    for line, following in itertools.pairwise(lines):
        assert not re.search(r"第\d*$", line), f"「第…条」 split after: {line}"
        assert not following.startswith("条"), f"「第…条」 split before: {following}"
        assert not (re.search(r"\d$", line) and re.match(r"\d*条", following)), f"split: {line} / {following}"
    annex = lines[next(i for i, line in enumerate(lines) if line.startswith("附表")) :]
    ids = [line for line in annex if re.match(r"^[A-D]\d\.\d", line)]
    assert len(ids) == 13  # each item's number whole at the start of its row


def test_the_clause_and_the_ids_are_marked_unbreakable(draft_report: SchoolReport) -> None:
    html = render_school_html(draft_report)
    assert '<span class="nobr">第17条</span>' in html
    assert '<td class="id">A1.1</td>' in html


def test_headings_are_never_justified() -> None:
    css = (Path(__file__).parents[2] / "reports" / "static" / "report.css").read_text(encoding="utf-8")
    rule = re.search(r"h1,\s*h2,\s*h3,\s*\.head,\s*\.lead,\s*th\s*\{\s*text-align:\s*left;", css)
    assert rule, "headings, item heads and table headers must be left-aligned, not justified"


@pytest.mark.parametrize("length", [30, 60, 120])
def test_a_long_school_name_keeps_the_cover_on_one_page(rubric: Rubric, tmp_path: Path, length: int) -> None:
    name = ("营口市鲅鱼圈区熊岳镇中心小学附属幼儿园暨特殊教育资源中心" * 5)[:length]
    school = dataclasses.replace(SCHOOL, name=name)
    report = build_school_report(rubric, score(rubric, ANSWERS, PROFILE), school, DRAFT_META)
    path = tmp_path / "long.pdf"
    path.write_bytes(get_renderer().school_pdf(report))
    pages = ["".join(p.extract_text().split()) for p in PdfReader(path).pages]
    assert "报告日期" in pages[0] and "自评稿·待核定" in pages[0]
    assert "一、学校基本情况" in pages[1], "the cover ran onto a second page"


# --------------------------------------------------------------------------------------------
# The speed steps keep the output the same


@pytest.fixture(scope="module")
def region(rubric: Rubric) -> RegionReport:
    schools = [
        result("甲", "东区", "优秀", 95, **{"A1.1": "met"}),
        result("乙", "西区", "良好", 85, **{"A1.1": "partial"}),
    ]
    return build_region_report(rubric, schools, META, region="测试市")


def test_every_template_writes_well_formed_xhtml(
    draft_report: SchoolReport, final_report: SchoolReport, region: RegionReport, rubric: Rubric
) -> None:
    """The renderer parses the templates' output with expat (a tenth of the time of the HTML5
    parser); HTML that is not well-formed would silently take the slow path."""
    unfinished = build_school_report(rubric, score(rubric, {}, PROFILE), SCHOOL, DRAFT_META, answers={})
    for html in (
        render_school_html(draft_report),
        render_school_html(final_report),
        render_school_html(unfinished),
        render_region_html(region),
    ):
        ElementTree.fromstring(html)


def test_html_that_is_not_well_formed_still_renders(tmp_path: Path) -> None:
    renderer = get_renderer()
    pdf = renderer.pdf("<!DOCTYPE html><p>未闭合<br>的段落<p>第二段")
    path = tmp_path / "html5.pdf"
    path.write_bytes(pdf)
    assert "未闭合的段落第二段" in pdf_text(path)


def test_the_closing_never_stands_alone_on_a_page(final_pdf: Path, tmp_path: Path, rubric: Rubric) -> None:
    pages = ["".join(p.extract_text().split()) for p in PdfReader(final_pdf).pages]
    page = next(text for text in pages if "评估组组长（签字）" in text)
    assert "七、整改要求" in page or "组织复查" in page  # the 落款 shares its page with the text it closes
    schools = [result(n, "东区", "良好", 85, **{"A1.1": "met"}) for n in ("甲", "乙", "丙", "丁", "戊")]
    region = build_region_report(rubric, schools, META, region="测试市")
    path = tmp_path / "region.pdf"
    path.write_bytes(get_renderer().region_pdf(region))
    pages = ["".join(p.extract_text().split()) for p in PdfReader(path).pages]
    page = next(text for text in pages[1:] if "测试市教育局2024年12月30日" in text)
    assert "五、未纳入汇总的学校" in page
