"""An assessment table's own points (分值) and method (评估方法) go into the draft's items: what the bureau
wrote, not weights the draft invents (checklist/extract/score_columns.py)."""

from __future__ import annotations

from checklist.extract import extract
from checklist.extract.draft import draft_rubric
from checklist.extract.plans import PlanInfo
from checklist.extract.score_columns import RowColumns, assessment_rows, deduction_after, row_columns, shared_points

INFO = PlanInfo(file="t.txt", title="某县中小学办学水平督导评估细则", issuer="某县教育局", region=None, year=2025, short_title="细则")

# As a Word, Excel or ruled PDF table is stored: one line a row, cells apart by tabs, a cell merged down the
# rows (教育教学) written once, in its first row.
TABLE = (
    "某县中小学办学水平督导评估细则\n"
    "一级指标\t二级指标\t评估内容及标准\t分值\t评估方法\n"
    "办学条件\t师资配备\t每校至少配备1名专职心理健康教师\t5\t查阅资料\n"
    "教育教学\t体育工作\t保证学生每天校园体育活动时间不少于1小时，每周体育课小学不少于4节\t4分\t现场查看\n"
    "作业管理\t初中书面作业平均完成时间不超过90分钟\t3\t问卷调查\n"
    "二、安全管理（20分）\n"
    "安全管理\t应急演练\t各学校每学期至少组织2次应急疏散演练\t2.5\t查阅资料、访谈\n"
)


def _items(text: str) -> dict[str, dict]:
    found = tuple(c for c in extract(text, doc="t.txt") if c.scope == "school")
    draft = draft_rubric(found, text, INFO, "t-2025")
    items = [i for d in draft.data["dimensions"] for ind in d["indicators"] for i in ind["items"]]
    return {i["title"]: i for i in items}


def test_a_row_s_points_and_method_are_read_by_the_header_above_it() -> None:
    at = TABLE.index("每校至少")
    assert row_columns(TABLE, at) == RowColumns(5.0, "查阅资料")
    # a cell merged down the rows is left out at the left: the row is counted from the right
    assert row_columns(TABLE, TABLE.index("初中书面")) == RowColumns(3.0, "问卷调查")
    # a section row merged across the columns stands between the header and the row
    assert row_columns(TABLE, TABLE.index("各学校每学期")) == RowColumns(2.5, "查阅资料、访谈")
    assert row_columns(TABLE, TABLE.index("4分")) == RowColumns(4.0, "现场查看")  # "4分" is 4 points


def test_prose_or_a_table_without_those_columns_says_nothing() -> None:
    assert row_columns(TABLE, TABLE.index("办学水平督导")) == RowColumns()  # the title line
    plain = "项目\t单位\t小学\t初中\n生均校舍建筑面积\t平方米\t8\t10\n"
    assert row_columns(plain, plain.index("生均")) == RowColumns()
    # prose after the table ends it: a later tab line does not reach back over it
    after = TABLE + ("各学校要高度重视督导评估工作，认真对照细则逐项自查，如实填写自评报告，" * 2) + "\n附表\t说明\t5\n"
    assert row_columns(after, after.index("附表")) == RowColumns()
    # a cell that is no number of points (待定, 100 and more) gives none
    odd = "指标\t分值\t评估方法\n每周升旗1次\t待定\t现场查看\n每学期家访2次\t120\t\n"
    assert row_columns(odd, odd.index("每周")) == RowColumns(None, "现场查看")
    assert row_columns(odd, odd.index("每学期")) == RowColumns(None, None)


def test_a_long_table_s_last_rows_still_have_its_header() -> None:
    # a county's 评估细则 in one workbook sheet runs to hundreds of rows under one header line
    rows = "".join(f"规范办学\t第{n}项\t第{n}类活动每学期至少组织2次\t{n % 4 + 1}\t查阅资料\n" for n in range(1, 601))
    text = "一级指标\t二级指标\t评估内容及标准\t分值\t评估方法\n" + rows
    assert row_columns(text, text.index("第600类")) == RowColumns(1.0, "查阅资料")
    assert row_columns(text, text.index("第3类")) == RowColumns(4.0, "查阅资料")


def test_a_row_s_points_are_shared_by_the_requirements_it_holds() -> None:
    found = [c for c in extract(TABLE, doc="t.txt") if c.scope == "school"]
    row = (TABLE.index("教育教学"), TABLE.index("作业管理"))
    shares = [s for c, s in zip(found, shared_points(found, TABLE), strict=True) if row[0] <= c.start < row[1]]
    assert shares == [2.0, 2.0]  # the hour a day and the four lessons a week: the row's 4 points, halved
    # three in a row of 4: halves, the last taking what is left, so that the row keeps its 4 points
    three = "指标\t分值\n学校每周举行升旗仪式1次，每学期家访2次，每学年开展1次消防培训\t4\n"
    found = [c for c in extract(three, doc="t.txt") if c.kind == "frequency"]
    assert len(found) == 3
    assert shared_points(found, three) == [1.5, 1.5, 1.0]


def test_the_draft_takes_the_table_s_points_and_methods() -> None:
    items = _items(TABLE)
    got = {title: (i["points"], i["method"]) for title, i in items.items()}
    assert got == {
        "专（兼）职心理健康教师不少于1名": (5, "查阅资料"),
        "每天体育活动时长不少于1小时": (2, "现场查看"),
        "每周体育课不少于4节": (2, "现场查看"),
        "初中书面作业平均完成时间不超过90分钟": (3, "问卷调查"),
        "每学期应急疏散演练不少于2次": (2.5, "查阅资料、访谈"),
    }


def test_a_draft_says_where_its_points_came_from() -> None:
    found = tuple(c for c in extract(TABLE, doc="t.txt") if c.scope == "school")
    draft = draft_rubric(found, TABLE, INFO, "t-2025")
    assert "5 个要点取自原文细则表的“分值”列" in draft.header
    prose = "一、各学校每学期至少组织2次应急疏散演练。\n二、每校至少配备1名专职心理健康教师。\n"
    found = tuple(c for c in extract(prose, doc="t.txt") if c.scope == "school")
    plain = draft_rubric(found, prose, INFO, "t-2025")
    assert "分值”列" not in plain.header
    points = [i["points"] for d in plain.data["dimensions"] for ind in d["indicators"] for i in ind["items"]]
    assert sum(points) == 100  # without a table's points, shared out to 100 as before


def test_items_outside_the_table_keep_their_kind_s_points_on_the_table_s_scale() -> None:
    text = "各学校每学期至少组织2次应急疏散演练。\n" + TABLE.split("\n", 1)[1].replace("各学校每学期至少组织2次应急疏散演练", "每学年开展1次消防培训")
    items = _items(text)
    drill = items["每学期应急疏散演练不少于2次"]
    assert drill["points"] == 4 and drill["method"] == "查阅资料、实地查看"  # frequency's weight, the default method
    assert items["专（兼）职心理健康教师不少于1名"]["points"] == 5


EVIDENCE_TABLE = (
    "评估项目\t评估标准\t分值\t佐证材料\n"
    "体育工作\t保证学生每天校园体育活动时间不少于1小时\t4\t1.学校作息时间表；2.大课间活动方案、照片\n"
    "安全工作\t各学校每学期至少组织2次应急疏散演练\t3\t演练方案  演练记录及照片\n"
    "心理健康\t每校至少配备1名专职心理健康教师\t3\t\n"
)


def test_a_row_s_evidence_cell_gives_its_materials_one_by_one() -> None:
    at = EVIDENCE_TABLE.index
    assert row_columns(EVIDENCE_TABLE, at("保证")).evidence == ("学校作息时间表", "大课间活动方案", "照片")
    assert row_columns(EVIDENCE_TABLE, at("各学校")).evidence == ("演练方案", "演练记录及照片")
    assert row_columns(EVIDENCE_TABLE, at("每校")) == RowColumns(3.0, None, ())


def test_the_draft_asks_for_the_evidence_the_table_names() -> None:
    items = _items(EVIDENCE_TABLE)
    assert items["每天体育活动时长不少于1小时"]["evidence"] == ["学校作息时间表", "大课间活动方案", "照片"]
    assert items["每学期应急疏散演练不少于2次"]["evidence"] == ["演练方案", "演练记录及照片"]
    # an empty cell leaves the evidence the draft proposes for the kind of requirement
    assert items["专（兼）职心理健康教师不少于1名"]["evidence"]


def test_a_data_row_is_never_taken_for_the_header() -> None:
    # "查阅资料" is a method cell, not a 佐证材料 header: the row under it keeps the real header's columns
    text = "指标\t分值\t评估方法\n每周升旗1次\t2\t查阅资料\n每学期家访2次\t3\t访谈\n"
    assert row_columns(text, text.index("每学期")) == RowColumns(3.0, "访谈", ())


def test_a_deduction_per_fault_or_per_thing_missing_is_read_after_the_requirement() -> None:
    def read(text: str) -> tuple[float, str, bool] | None:
        found = deduction_after(text, 0)
        return (found.per, found.unit, found.missing) if found else None

    assert read("严禁在职教师有偿补课\t5\t发现一例扣2分，扣完为止") == (2.0, "例", False)
    assert read("严禁体罚学生，每次扣0.5分") == (0.5, "次", False)
    assert read("建立健全学校安全管理制度\t3\t每缺一项扣1分") == (1.0, "项", True)
    assert read("落实晨午检制度，有一项做不到扣1分") == (1.0, "项", True)
    # no deduction per fault: all at once, per so many people, or in another sentence
    assert read("未签订学校安全工作责任状的，扣4分") is None
    assert read("班额超过标准的每班每超5人扣1分") is None
    assert read("迟报扣2分，漏报的扣3分") is None
    assert read("严禁体罚学生。发现一例扣1分") is None


DEDUCTION_TABLE = (
    "考核指标\t分值\t评分标准\n"
    "严禁在职教师有偿补课\t5\t发现一例扣2分，扣完为止\n"
    "建立健全学校安全管理制度\t3\t每缺一项扣1分\n"
    "每学期至少组织2次应急疏散演练\t4\t每少1次扣2分\n"
    "严禁学校组织学生参加商业性活动，发现1次扣1分。\n"
)


def test_the_draft_scores_a_ban_or_a_duty_by_the_deduction_the_plan_states() -> None:
    items = {i["source"]["quote"].split("\t")[0].split("，")[0]: i for i in _items(DEDUCTION_TABLE).values()}
    tutoring = items["严禁在职教师有偿补课"]
    # the cases asked already are what is counted; the plan's deduction, not the veto proposed for a red line
    assert tutoring["rule"] == {"kind": "deduct", "input": "paid_tutoring_cases", "per": 2, "cap": 5}
    assert "veto" not in tutoring and "扣2分" in tutoring["source"]["quote"]
    rules = items["建立健全学校安全管理制度"]
    assert rules["rule"] == {"kind": "deduct", "input": rules["inputs"][0]["key"], "per": 1, "cap": 3}
    assert rules["inputs"][0]["label"] == "建立健全学校安全管理制度：缺项"
    assert "partial" not in rules
    # a shortfall of an amount is read by the amount's own rule
    assert items["每学期至少组织2次应急疏散演练"]["rule"]["kind"] == "at_least"
    # in prose too: the sentence's deduction; its cap the item's points, whatever they are
    business = items["严禁学校组织学生参加商业性活动"]
    assert business["rule"]["kind"] == "deduct" and business["rule"]["cap"] == business["points"]
    assert business["inputs"][0]["label"] == "学校组织学生参加商业性活动"  # the fault, counted in 次


def test_a_plan_that_makes_it_a_veto_keeps_the_veto() -> None:
    text = "严禁在职教师有偿补课，发现一例扣2分，情节严重的实行一票否决。\n"
    [item] = _items(text).values()
    assert item["veto"] is True and item["rule"]["kind"] == "at_most"


# A school's 评估细则 scores every row, those that state no number as much as those that do.
WHOLE_TABLE = (
    "某县中小学校办学水平督导评估细则\n"
    "一级指标\t二级指标\t评估内容及标准\t分值\t评分标准\t评估方法\t佐证材料\n"
    "学校管理\t制度建设\t建立健全学校章程和各项管理制度\t10\t缺一项扣1分\t查阅资料\t学校章程、制度汇编\n"
    "\t安全管理\t每学期组织应急疏散演练不少于2次\t10\t少一次扣5分\t现场查看\t演练方案\n"
    "办学条件\t设施设备\t功能室配备齐全，使用记录完整\t20\t酌情扣分\t现场查看\t使用记录\n"
    "\t信息化\t多媒体教室配备率100%\t10\t\t现场查看\t设备清单\n"
)


def test_every_scored_row_of_a_school_s_table_is_read() -> None:
    rows = assessment_rows(WHOLE_TABLE)
    cells = [WHOLE_TABLE[a:b] for _, _, a, b in rows]
    # the cell under 评估内容及标准, not the longer 评分标准 or 佐证材料 beside it, nor the 二级指标
    assert cells == ["建立健全学校章程和各项管理制度", "每学期组织应急疏散演练不少于2次", "功能室配备齐全，使用记录完整",
                     "多媒体教室配备率100%"]
    # without a column naming the content: the longest cell not under the points, method, evidence or scoring
    plain = "指标\t要点\t分值\t评分标准\n场地\t功能室配备齐全，使用记录完整\t5\t缺一室扣一分\n"
    assert [plain[a:b] for _, _, a, b in assessment_rows(plain)] == ["功能室配备齐全，使用记录完整"]
    # a row whose points cell says none, the header and prose give no row
    assert assessment_rows("指标\t分值\n功能室配备齐全\t待定\n") == []
    found = {c.quote.split("\t")[0]: c for c in extract(WHOLE_TABLE, doc="t.txt")}
    row = found["功能室配备齐全，使用记录完整"]
    assert (row.kind, row.scope, row.subject) == ("existence", "school", "功能室配备齐全，使用记录完整")
    # a row read already is not read twice
    assert sum("应急疏散演练" in c.quote for c in found.values()) == 1


def test_a_draft_of_a_school_s_table_has_an_item_for_every_scored_row() -> None:
    items = _items(WHOLE_TABLE)
    rooms = items["功能室配备齐全，使用记录完整"]
    assert (rooms["points"], rooms["method"], rooms["evidence"]) == (20, "现场查看", ["使用记录"])
    assert rooms["rule"]["kind"] == "is_true"
    # the table's 50 points, all of them: a bureau's 100-point table comes out a 100-point draft
    assert sum(i["points"] for i in items.values()) == 50


def test_a_rate_in_a_school_s_table_is_the_school_s_unless_the_row_names_the_region() -> None:
    [rate] = [c for c in extract(WHOLE_TABLE, doc="t.txt") if "多媒体" in c.quote]
    assert rate.scope == "school"  # 配备率 says region in a bureau's plan, not in the school's own table
    county = WHOLE_TABLE.replace("多媒体教室配备率100%", "全县学校多媒体教室配备率100%")
    [rate] = [c for c in extract(county, doc="t.txt") if "多媒体" in c.quote]
    assert rate.scope == "region"
    # a county's table (县域…督导评估) scores the county: its rows are not made the school's
    region = WHOLE_TABLE.replace("某县中小学校办学水平督导评估细则", "某县县域义务教育优质均衡发展督导评估细则")
    assert not any(c.origin == "assessment_row" for c in extract(region, doc="t.txt"))
