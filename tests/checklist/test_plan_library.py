"""The plan library as pure data: a mapping of documents built from a folder (the seeds) or from
documents (the plans a bureau added), chained seeds first; and the title, issuer, year and 文号
a plan's text proposes for itself (checklist/extract/plans.py)."""

from __future__ import annotations

import pytest

from checklist.extract.plans import info_of, plan_info, propose_metadata, region_of
from checklist.loader import load_rubric_text
from checklist.seeds import PlanDocument, PlanLibrary, SeedLibrary
from tests.conftest import SEEDS

ADDED = PlanDocument(
    file="plan-0123456789abcdef.txt",
    title="营口市教育局2025年工作要点",
    issuer="营口市教育局",
    year=2025,
    doc_number="营教发〔2025〕3号",
    short_title="营口市教育局2025年工作要点",
    text="营口市教育局2025年工作要点\n一、体育\n1.落实每日校内体育活动不少于1小时要求。\n",
    region="营口市",
    builtin=False,
)


def test_a_library_made_of_documents_answers_like_the_seed_folder() -> None:
    library = PlanLibrary([ADDED])
    assert ADDED.file in library and "nope.txt" not in library
    assert library[ADDED.file] is ADDED and library.get(ADDED.file) is ADDED and library.get("nope.txt") is None
    assert library.names == (ADDED.file,) and len(library) == 1 and list(library) == [ADDED]
    assert library[ADDED.file].citation == "《营口市教育局2025年工作要点》（营教发〔2025〕3号）"
    assert library[ADDED.file].clause_of(ADDED.text.index("落实每日")) == "1"


def test_a_chain_is_the_seeds_then_the_added_plans_and_a_seed_name_stays_the_seeds() -> None:
    seeds = SeedLibrary(SEEDS)
    impostor = PlanDocument("004_d9e5581cac34f553.txt", "冒名", "", None, None, "冒名", "别的文字", builtin=False)
    library = PlanLibrary.chain(seeds, PlanLibrary([ADDED, impostor]), None)
    assert library.names == (*seeds.names, ADDED.file)
    assert library["004_d9e5581cac34f553.txt"] is seeds["004_d9e5581cac34f553.txt"]
    assert library["004_d9e5581cac34f553.txt"].builtin and not library[ADDED.file].builtin


def test_the_seed_folder_gives_each_document_its_region() -> None:
    seeds = SeedLibrary(SEEDS)
    assert seeds["004_d9e5581cac34f553.txt"].region == "营口市"
    assert info_of(seeds["004_d9e5581cac34f553.txt"]) == plan_info(SEEDS / "004_d9e5581cac34f553.txt", SEEDS)


def test_a_rubric_quoting_an_added_plan_is_checked_against_its_text() -> None:
    rubric = """
id: added
version: 1
title: 测试
issuer: 营口市教育局
based_on: [plan-0123456789abcdef.txt]
levels: [{name: 合格, min_percent: 60}, {name: 不合格, min_percent: 0}]
dimensions:
  - id: A
    title: 体育
    indicators:
      - id: A1
        title: 体育活动
        items:
          - id: A1.1
            title: 每日校内体育活动不少于1小时
            points: 100
            source: {doc: plan-0123456789abcdef.txt, clause: "1", quote: 落实每日校内体育活动不少于1小时要求}
            inputs: [{key: pe_minutes_daily, label: 每日校内体育活动时长, type: number, unit: 分钟, min: 0}]
            rule: {kind: at_least, input: pe_minutes_daily, value: 60}
"""
    seeds = SeedLibrary(SEEDS)
    _, problems = load_rubric_text(rubric, "added.yaml", PlanLibrary.chain(seeds, PlanLibrary([ADDED])))
    assert [p for p in problems if p.field.startswith(("source", "based_on"))] == []
    _, without = load_rubric_text(rubric, "added.yaml", seeds)
    assert {p.field for p in without} >= {"based_on", "source.doc"}
    wrong = rubric.replace("quote: 落实每日", "quote: 保证每日")
    _, misquoted = load_rubric_text(wrong, "added.yaml", PlanLibrary.chain(seeds, PlanLibrary([ADDED])))
    assert any(p.field == "source.quote" for p in misquoted)


# -- what the text says of itself ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("seed", "title", "issuer", "year", "doc_number"),
    [
        ("000_3f6d08390fe71776.txt", "瓦房店市教育局2024年工作要点", "瓦房店市教育局", 2024, None),
        (
            "002_2cc7bde6fae74301.txt",
            "中共六安市教育局(六安市体育局)委员会 六安市教育局2024年工作要点",
            "六安市教育局",
            2024,
            None,
        ),
        (
            "004_d9e5581cac34f553.txt",
            "2024年营口市推动新时代基础教育扩优提质任务分解方案",
            "营口市教育局",
            2024,
            "营教发【2024】12号",
        ),
    ],
)
def test_the_seeds_propose_what_their_index_says(
    seed: str, title: str, issuer: str, year: int, doc_number: str | None
) -> None:
    proposed = propose_metadata((SEEDS / seed).read_text(encoding="utf-8"), None, seed)
    assert (proposed.title, proposed.issuer, proposed.year, proposed.doc_number) == (title, issuer, year, doc_number)


def test_a_plan_without_a_title_line_falls_back_to_the_format_title_then_the_file_name() -> None:
    text = (SEEDS / "001_3cb0529346446471.txt").read_text(encoding="utf-8")
    assert propose_metadata(text, None, "大连要点.txt").title == "大连要点"
    assert (
        propose_metadata(text, "大连市教育局2020年工作要点_大连市教育局", "x.txt").title == "大连市教育局2020年工作要点"
    )
    assert propose_metadata(text, "Microsoft Word - 附件1.docx", "大连要点.pdf").title == "大连要点"
    assert propose_metadata(text, None, None).year == 2020  # the first 20xx年 near the top


def test_a_title_glued_to_what_follows_on_a_flattened_page_is_found() -> None:
    flat = "1宜宾市学校安全检查清单编者按:依据《四川省中小学幼儿园安全防范工作规范》，为方便检查，归纳如下:一、安全教育"
    assert propose_metadata(flat, None, "c197.txt").title == "宜宾市学校安全检查清单"
    notice = "某县教育局关于做好2025年秋季开学工作的通知各中小学校:为做好开学工作，现将有关事项通知如下。"
    assert propose_metadata(notice, None, "x.txt").title == "某县教育局关于做好2025年秋季开学工作的通知"
    # a first line that is a rule, not a title, leaves the file name
    assert propose_metadata("学校要加强管理。每天锻炼1小时。", None, "x.txt").title == "x"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "关于印发《大连市中小学课后服务实施方案》的通知\n大教发〔2023〕5号\n各区市县教育局：\n",
            ("大连市中小学课后服务实施方案", None, 2023, "大教发〔2023〕5号"),
        ),
        (
            "营口市教育局关于做好2025年中小学校办学水平评估工作的通知\n各县(市)区教育局：\n现将有关事项通知如下。",
            ("营口市教育局关于做好2025年中小学校办学水平评估工作的通知", "营口市教育局", 2025, None),
        ),
        (
            "X市教育和体育局\n2025年工作要点\n一、总体要求\n1.每天校内体育活动不少于2小时。",
            ("X市教育和体育局2025年工作要点", "X市教育和体育局", 2025, None),
        ),
        (
            "辽宁省教育厅办公室关于加强中小学生睡眠管理工作的通知\n辽教办[2021]12号\n",
            ("辽宁省教育厅办公室关于加强中小学生睡眠管理工作的通知", "辽宁省教育厅办公室", 2021, "辽教办[2021]12号"),
        ),
        (
            "当前位置：首页 > 通知公告\n发布时间：2024-06-13\n六安市教育局2024年工作要点\n一、坚持政治引领",
            ("六安市教育局2024年工作要点", "六安市教育局", 2024, None),
        ),
        (
            "一、总体要求\n现将营教发【2024】12号文件转发给你们，请认真贯彻落实。\n",
            (None, None, 2024, "营教发【2024】12号"),
        ),
        (
            "关于开展学前教育宣传月活动的通知\n各县区教育局：\n……\n\n北京市海淀区教育委员会\n2024年5月6日",
            ("关于开展学前教育宣传月活动的通知", "北京市海淀区教育委员会", 2024, None),
        ),
    ],
    ids=["forwarded", "notice", "issuer-above", "office", "web-debris", "number-in-a-sentence", "signature"],
)
def test_title_issuer_year_and_number_are_proposed_from_the_first_page(
    text: str, expected: tuple[str | None, str | None, int | None, str | None]
) -> None:
    proposed = propose_metadata(text)
    assert (proposed.title, proposed.issuer, proposed.year, proposed.doc_number) == expected


@pytest.mark.parametrize(
    ("issuer", "region"),
    [
        ("营口市教育局", "营口市"),
        ("中共六安市教育局(六安市体育局)委员会、六安市教育局", "六安市"),
        ("X市教育和体育局", "X市"),
        ("北京市海淀区教育委员会", "北京市海淀区"),
        ("辽宁省教育厅", "辽宁省"),
        ("教育部", None),
        ("", None),
    ],
)
def test_the_region_is_the_issuers_area(issuer: str, region: str | None) -> None:
    assert region_of(issuer) == region
