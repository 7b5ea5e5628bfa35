"""Readings added in session 23 (issue 14): a standards table copied one cell a line whose rows are named rooms
under a header of two levels (面积 and 间数, each split by 基本/规划 or by school size). Texts written for these
tests, laid out as a document-sharing site or a PDF copied as text lays out an equipment standard; each class has a
case that must be read and a guard.
"""

from __future__ import annotations

from pathlib import Path

from checklist.engine import Status
from checklist.extract import extract
from checklist.extract.draft import draft_rubric
from checklist.extract.named_rows import named_rows
from checklist.extract.plans import PlanInfo, plan_info
from checklist.loader import load_rubric_text
from checklist.model import SchoolProfile
from checklist.provenance import quoted_numbers
from checklist.scoring import score
from checklist.seeds import SeedLibrary


def cells(text: str) -> list[tuple[str, str | None, float | None, float | None, str | None, str | None]]:
    return [
        (c.subject, c.comparator, c.value, c.value_max, c.unit, c.modality)
        for c in extract(text, doc="t.txt")
        if c.origin == "standards_column"
    ]


ROOMS = "\n".join(
    [
        "某市小学科学实验室装备标准",
        "实验用房设置",
        "室别",
        "功能",
        "设置",
        "面积(m2)",
        "间数",
        "基本",
        "规划",
        "基本",
        "规划",
        "12个班以下",
        "18~24个班",
        "基本",
        "规划",
        "基本",
        "规划",
        "科学教室",
        "开展科学探究活动。",
        "√",
        "√",
        "86",
        "≥96",
        "1",
        "1~2",
        "2",
        "2~3",
        "仪器室",
        "存放教学仪器。",
        "√",
        "每间≥40",
        "1",
        "1",
        "1",
        "2",
        "生物园地",
        "种植、养殖。",
        "√",
        "人均使用面积≥2",
        "1",
        "1",
        "注:",
        "1、学校规模大于24个班的，按24个班执行。",
    ]
)


def test_a_room_table_one_cell_a_line_puts_each_value_under_its_column() -> None:
    got = cells(ROOMS)
    assert got == [
        ("科学教室面积", "at_least", 86.0, None, "平方米", "must"),  # a bare 86 under 面积 is the least
        ("科学教室面积（规划）", "at_least", 96.0, None, "平方米", "encouraged"),
        ("科学教室间数（12个班以下）", "at_least", 1.0, None, "间", "must"),
        ("科学教室间数（12个班以下，规划）", "between", 1.0, 2.0, "间", "encouraged"),
        ("科学教室间数（18~24个班）", "at_least", 2.0, None, "间", "must"),
        ("科学教室间数（18~24个班，规划）", "between", 2.0, 3.0, "间", "encouraged"),
        # a row short of cells: its area takes the first (基本), its rooms every column from the right
        ("仪器室每间面积", "at_least", 40.0, None, "平方米", "must"),
        ("仪器室间数（12个班以下）", "at_least", 1.0, None, "间", "must"),
        ("仪器室间数（12个班以下，规划）", "at_least", 1.0, None, "间", "encouraged"),
        ("仪器室间数（18~24个班）", "at_least", 1.0, None, "间", "must"),
        ("仪器室间数（18~24个班，规划）", "at_least", 2.0, None, "间", "encouraged"),
        # one cell a school size: each size's least
        ("生物园地人均使用面积", "at_least", 2.0, None, "平方米", "must"),
        ("生物园地间数（12个班以下）", "at_least", 1.0, None, "间", "must"),
        ("生物园地间数（18~24个班）", "at_least", 1.0, None, "间", "must"),
    ]
    school = {c.scope for c in extract(ROOMS, doc="t.txt") if c.origin == "standards_column"}
    stages = {c.stages for c in extract(ROOMS, doc="t.txt") if c.origin == "standards_column"}
    assert school == {"school"} and stages == {("primary",)}  # the title above the table names the stage


def test_a_room_tables_quote_runs_from_the_rooms_name_to_its_cell() -> None:
    found = named_rows(ROOMS)
    first = found[min(found)]
    assert ROOMS[first.start : first.end] == "科学教室\n开展科学探究活动。\n√\n√\n86"


def test_cells_that_do_not_fit_the_header_are_left_alone() -> None:
    # seven value cells where the header has six measured columns: no dealing fits, nothing guessed
    text = ROOMS.replace("存放教学仪器。\n√\n每间≥40\n1\n1\n1\n2", "存放教学仪器。\n√\n40\n50\n60\n1\n1\n1\n2")
    assert not any(subject.startswith("仪器室") for subject, *_ in cells(text))
    assert any(subject.startswith("科学教室") for subject, *_ in cells(text))


def test_a_header_without_a_measured_column_or_a_second_level_is_no_room_table() -> None:
    # a list of rooms and what they are for: no figure of a size or a count
    listing = "某校功能室一览\n室别\n功能\n位置\n科学教室\n开展科学探究活动。\n3\n仪器室\n存放教学仪器。\n4\n"
    assert named_rows(listing) == {}
    # a header whose first level names nothing measured (编号, 名称): an equipment list, left to its own reader
    equipment = "某校器材\n名称\n规格\n设置\n基本\n规划\n书写板\n4000mm\n√\n1\n"
    assert named_rows(equipment) == {}


def test_prose_after_a_stub_word_is_no_header() -> None:
    text = "某县教育局通知\n项目\n各校要按照标准建设实验室，面积不少于90平方米。\n基本\n规划\n实验室\n1\n2\n"
    assert named_rows(text) == {}


# -- an equipment list one cell a line: its rows are drafted as the school's equipment ------------------------------

EQUIPMENT = "\n".join(
    [
        "某市初中物理实验室装备标准",
        "实验室设备",
        "编号",
        "名称",
        "规格型号功能",
        "单位",
        "配备标准",
        "1",
        "学生实验桌",
        "1200mm×600mm×780mm。",
        "张",
        "13/50人",
        "2",
        "网络信息口",
        "预留网络接口。",
        "个",
        "2/室",
        "3",
        "打孔器",
        "四件",
        "套",
        "2/校",
        "4",
        "打孔夹板",
        "个",
        "1/校",
    ]
)
INFO = PlanInfo(file="t.txt", title="某市初中物理实验室装备标准", issuer="某市教育局", region=None, year=2026, short_title="标准")


def drafted(text: str) -> dict[str, tuple[str, str, dict]]:
    found = tuple(c for c in extract(text, doc="t.txt") if c.scope == "school")
    draft = draft_rubric(found, text, INFO, "t-2026")
    return {
        i["title"]: (d["title"], ind["title"], i)
        for d in draft.data["dimensions"]
        for ind in d["indicators"]
        for i in ind["items"]
    }


def test_a_thing_is_named_by_its_name_cell_not_by_what_its_spec_column_says() -> None:
    subjects = [c.subject for c in extract(EQUIPMENT, doc="t.txt") if c.origin == "standards_column"]
    # before: «预留网络接口。», «四件» (the 规格型号功能 cell between the name and the unit)
    assert subjects == ["学生实验桌", "网络信息口", "打孔器", "打孔夹板"]


def test_equipment_for_each_school_room_or_so_many_pupils_is_drafted_under_the_schools_equipment() -> None:
    items = drafted(EQUIPMENT)
    # before: 学生实验桌 under 学生发展 (its word 学生), 打孔器 under 学校管理
    assert {(dimension, indicator) for dimension, indicator, _ in items.values()} == {("食堂与后勤", "办学条件与装备")}
    desk = items["学生实验桌不少于13张/50人"][2]
    assert desk["rule"]["value"] == 13 and desk["inputs"][0]["label"] == "学生实验桌数量"


def test_a_per_pupils_standard_is_found_again_in_its_quote() -> None:
    # «13/50人» is 13 for each 50 pupils, not the fraction 13/50: rubric check finds 13 in the quote
    assert {13.0, 50.0} <= quoted_numbers("学生实验桌\n张\n13/50人").plain
    assert 0.3333 in quoted_numbers("不超过假期1/3").fractions  # a fraction is still one


def test_a_measure_is_asked_as_itself_not_as_a_number_of_things() -> None:
    items = drafted(ROOMS)
    labels = {i["inputs"][0]["label"] for _, _, i in items.values() if i["inputs"]}
    assert "科学教室面积" in labels and "科学教室间数（12个班以下）" in labels  # before: «科学教室面积数量»
    assert not any(label.endswith("面积数量") or label.endswith("间数数量") for label in labels)


def test_class_sizes_are_how_a_school_is_run_and_areas_are_its_premises() -> None:
    items = drafted("某县义务教育学校办学标准\n小学班额不超过45人。生均绿化面积不少于2平方米。")
    places = {title: (dimension, indicator) for title, (dimension, indicator, _) in items.items()}
    # before: 班额 under 学生发展 (the 学生 of its sentence) or 制度与规划; 绿化面积 under 制度与规划
    assert places == {
        "小学班额不超过45人": ("学校管理", "规范办学"),
        "生均绿化面积不少于2平方米": ("食堂与后勤", "办学条件与装备"),
    }


# -- a column by school size applies to schools of that size -------------------------------------------------------


def test_a_column_by_school_size_is_asked_only_of_schools_of_that_size(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "plan.txt").write_text(ROOMS, encoding="utf-8")
    (seeds / "index.yaml").write_text(
        "documents:\n  - {file: plan.txt, title: 某市小学科学实验室装备标准, issuer: 某市教育局, year: 2026}\n",
        encoding="utf-8",
    )
    found = extract(ROOMS, doc="plan.txt")
    draft = draft_rubric(found, ROOMS, plan_info(seeds / "plan.txt"), "lab-2026")
    rubric, problems = load_rubric_text(draft.to_yaml(), "draft.yaml", SeedLibrary(seeds))
    assert problems == []  # the bounds 18 and 24 are not in the row's quote: the basis says they are the header's
    assert rubric is not None
    items = {item.title: item for item in rubric.items}
    small, large = items["科学教室间数（12个班以下）不少于1间"], items["科学教室间数（18~24个班）不少于2间"]
    assert small.basis is not None and "12个班以下" in small.basis.note
    answers = {i.key: 1 for item in rubric.items for i in item.inputs}  # one of everything …
    answers["class_count"] = 10  # … in a school of ten classes
    card = score(rubric, answers, SchoolProfile(stages=("primary",)))
    assert card.by_id[small.id].status == Status.MET
    assert card.by_id[large.id].status == Status.NOT_APPLICABLE  # before: not met, two rooms asked of a small school
    answers["class_count"] = 20
    card = score(rubric, answers, SchoolProfile(stages=("primary",)))
    assert card.by_id[small.id].status == Status.NOT_APPLICABLE
    assert card.by_id[large.id].status == Status.PARTIAL
    # the figure is asked once, by the shared key, beside the first item that needs it
    declared = [i.key for item in rubric.items for i in item.inputs if i.key == "class_count"]
    assert declared == ["class_count"]
    # a size alone (18班, no range, no 以上/以下) says no bound: its item asks every school
    lone = extract(ROOMS.replace("18~24个班", "24班"), doc="plan.txt")
    lone_draft = draft_rubric(lone, ROOMS, plan_info(seeds / "plan.txt"), "lab-2026")
    lone_items = [i for d in lone_draft.data["dimensions"] for ind in d["indicators"] for i in ind["items"]]
    assert not any("applies_if" in i for i in lone_items if "24班" in i["title"])


# -- a school's self-check table (自查表): its rows are the school's, named and placed as the table says -----------

SELF_CHECK = "\n".join(
    [
        "某县中小学校安全隐患排查整治自查表",
        "学校名称：　　　　检查时间：　　年　　月　　日",
        "序号\t检查项目\t检查内容及标准\t检查结果（是/否）\t备注",
        "一、安全管理",
        "1\t安全责任\t签订安全责任书覆盖率100%。\t\t",
        "2\t安全制度\t每月至少开展1次全面排查，有记录。\t\t",
        "3\t应急演练\t每学期至少组织2次应急疏散演练，其中1次为消防演练。\t\t",
        "二、人防技防",
        "4\t保安配备\t寄宿制学校保安员不少于4人；其他学校不少于2人。\t\t",
        "5\t监控\t视频监控与公安机关联网，录像保存不少于30天。\t\t",
        "6\t校车\t校车驾驶人每学期安全培训不少于4学时，严禁超员。\t\t",
        "7\t用电\t宿舍不得使用大功率电器。\t\t",
        "8\t食品\t每日晨检有记录；每餐次食品成品留样不少于125克，留样时间不少于48小时。\t\t",
    ]
)


def test_every_row_of_a_schools_self_check_table_is_the_schools() -> None:
    found = [c for c in extract(SELF_CHECK, doc="t.txt") if c.kind != "existence"]
    # before: 签订安全责任书覆盖率 a region's rate, 录像保存 the police's duty, the others of no level (left out)
    assert {c.scope for c in found} == {"school"}
    # a row that writes the county's target is still the county's
    county = SELF_CHECK.replace("签订安全责任书覆盖率100%", "全县学校签订安全责任书覆盖率100%")
    assert [c.scope for c in extract(county, doc="t.txt") if c.kind == "coverage"] == ["region"]
    # without a column the school fills in, a table of the same rows is no self-check table
    plain = SELF_CHECK.replace("检查结果（是/否）", "牵头科室")
    assert {c.scope for c in extract(plain, doc="t.txt") if "录像" in c.subject} == {"region"}


def test_a_self_check_table_is_titled_by_its_first_line_not_its_header_row() -> None:
    from checklist.extract.plans import propose_metadata

    assert propose_metadata(SELF_CHECK).title == "某县中小学校安全隐患排查整治自查表"  # before: «序号 检查项目 …»
    assert propose_metadata("序号\t项目\t标准\n1\t班额\t45人").title is None


def test_a_self_check_tables_items_read_as_its_rows_say() -> None:
    items = drafted(SELF_CHECK)
    titles = set(items)
    assert {
        "开展排查有记录",  # before: «有记录», asked «是否记录»
        "消防演练每学期不少于1次",  # before: «每学期应急疏散演练不少于1次», the drills' shared figure again
        "保安员（其他学校）不少于2人",  # before: «其他学校不少于2人», the ； cut it from its staff
        "严禁超员",  # before: the row's training hours and the ban as one title
        "晨检每天不少于1次",  # before: not read (the row's 序号 8 taken for its count), «晨检有记录…» in prose
        "每餐次食品成品留样时间不少于48小时",  # before: «…留样留样时间…»
    } <= titles
    assert items["录像保存不少于30天"][:2] == ("校园安全", "安全制度与教育")  # before: 学校管理 › 制度与规划
    labels = {i["inputs"][0]["label"] for _, _, i in items.values()}
    assert "是否存在：超员" in labels and "是否存在：使用大功率电器" in labels  # before: «…4学时», «用大功率电器»
    assert "safety_drills_per_term" in {i["inputs"][0]["key"] for _, _, i in items.values()}  # the 2 drills still are


def test_a_part_after_a_semicolon_that_names_only_for_whom_keeps_the_measure_before_it() -> None:
    def subjects(text: str) -> list[str]:
        return [c.subject for c in extract("某县教育局通知\n" + text, doc="t.txt") if c.kind == "count"]

    assert subjects("每班学生数小学不超过45人；初中不超过50人。") == ["每班学生数小学", "每班学生数（初中）"]
    assert subjects("办园规模农村不少于3个班，城区不少于6个班。")[1] == "办园规模（城区）"
    # another unit after the ；is another figure: 5所 are no 学位
    assert subjects("新增学位3000个；幼儿园5所。")[1] == "幼儿园"


def test_a_ban_of_two_characters_is_of_the_thing_named_before_it_in_its_part() -> None:
    def bans(text: str) -> list[str]:
        return [c.subject for c in extract("某县教育局通知\n" + text, doc="t.txt") if c.kind == "prohibition"]

    assert bans("校车严禁超员。") == ["校车超员"]  # before: «校车»
    assert bans("民办学校在筹设期内不得招生。") == ["民办学校在筹设期内招生"]  # before: «民办学校在筹设期内»
    assert bans("宿舍不得使用大功率电器。") == ["使用大功率电器"]  # before: «用大功率电器»
    assert bans("严禁体罚学生。") == ["体罚学生"]  # three or more characters: the act as said


# -- a county's 课后服务 notice: the latest time of a stage, a survey's rate, a fee for each pupil -------------------


def readings(text: str) -> list[tuple[str, str, tuple[str, ...]]]:
    return [(c.kind, c.subject, c.stages) for c in extract("某区教育局课后服务通知\n" + text, doc="t.txt")]


def test_a_latest_time_said_alone_is_of_the_stage_the_part_before_named() -> None:
    got = readings("小学课后服务结束时间不早于17:30，初中可适当延长，最晚不超过19:00。")
    # before: «最晚», for 小学 and 初中 alike
    assert got[1] == ("deadline", "课后服务结束时间（初中）", ("junior",))
    assert readings("小学上午上课时间不早于8:20，中学不早于8:00。")[1][1] == "上午上课时间（中学）"  # as before


def test_a_rate_said_alone_after_its_survey_is_what_the_survey_measured() -> None:
    got = readings("学校每学期开展课后服务家长满意度调查不少于一次，满意度不低于90%。")
    assert ("ratio", "课后服务家长满意度", ()) in got  # before: «满意度»
    assert ("ratio", "家长满意度", ()) in readings("家长满意度不低于90%。")


def test_a_fee_for_each_pupil_is_named_as_the_fee_not_as_how_it_is_charged() -> None:
    def fees(text: str) -> list[str]:
        return [subject for kind, subject, _ in readings(text) if kind == "count"]

    assert fees("课后服务收费按每生每学期不超过400元的标准执行。") == ["课后服务收费（每生）"]  # before: «…按每生标准执行»
    assert fees("课后服务费按每生每月不超过100元收取。") == ["课后服务费（每生）"]
    assert fees("住宿费每生每学期不超过600元。") == ["住宿费（每生）"]
    assert fees("生均公用经费每生每年不低于800元。") == ["生均公用经费"]  # 生均 says it already


def test_a_fee_is_asked_as_an_amount_not_a_number_of_things() -> None:
    items = drafted("某区教育局课后服务通知\n课后服务费按每生每月不超过100元收取。")
    [(_, _, item)] = items.values()
    assert item["inputs"][0]["label"] == "每月课后服务费（每生）"  # before: «…数量»


def test_five_days_and_two_sessions_are_read_as_days_and_sessions_not_a_third_coverage_item() -> None:
    got = [
        (c.kind, c.subject, c.value, c.scope)
        for c in extract("某区教育局课后服务通知\n课后服务每周5天、每天2个时段全覆盖，第一时段不少于1课时。", doc="t.txt")
    ]
    # before: a coverage item «课后服务5天、2个时段», «时段全覆盖» a region's count, «第一时段»
    assert got == [
        ("frequency", "课后服务", 5.0, "school"),
        ("count", "课后服务时段", 2.0, "school"),
        ("count", "课后服务第一时段", 1.0, "school"),
    ]
    # 全覆盖 said of a phrase with no number read beside it stays an item
    assert [c.kind for c in extract("某区教育局课后服务通知\n课后服务要做到5+2全覆盖。", doc="t.txt")] == ["coverage"]


def test_a_sharing_sites_label_is_no_part_of_the_title() -> None:
    from checklist.extract.plans import propose_metadata

    text = "文档介绍:普通初中化学实验室装备标准\n实验室设置\n室别\n"
    assert propose_metadata(text).title == "普通初中化学实验室装备标准"  # before: «文档介绍:普通初中…»


def test_a_school_size_alone_on_its_line_is_a_column_name_not_a_sentence_to_read() -> None:
    from checklist.extract.unread import reading_spans, unread_sentences

    listed = [u.quote for u in unread_sentences(ROOMS, reading_spans(extract(ROOMS, doc="t.txt")))]
    assert "12个班以下" not in listed and "18~24个班" not in listed  # before: both listed as unread sentences
    # a note on the sizes is still listed for the reviewer to read
    note = ROOMS.replace("1、学校规模大于24个班的，按24个班执行。", "1、学校规模小于12个班的可参照表中12个班以下的数据指标执行。")
    assert any("学校规模小于12个班" in u.quote for u in unread_sentences(note, reading_spans(extract(note, doc="t.txt"))))


def test_a_time_said_as_generally_so_is_the_time_set() -> None:
    got = readings("小学课后服务结束时间一般为17:30，初中可适当延长，最晚不超过19:00。")
    # before: the 17:30 not read, and the latest time after it named «最晚»
    assert got == [
        ("deadline", "小学课后服务结束时间", ("primary",)),
        ("deadline", "课后服务结束时间（初中）", ("junior",)),
    ]


def test_a_latest_time_and_a_second_ban_are_titled_by_themselves() -> None:
    items = drafted("某区教育局课后服务通知\n小学课后服务结束时间一般为17:30，初中可适当延长，最晚不超过19:00。")
    assert "初中课后服务结束时间最晚不超过19:00" in items  # before: «最晚不超过19:00»
    bans = drafted("某区教育局课后服务通知\n各中小学校：\n严禁利用课后服务时间讲授新课，严禁组织学科类培训。")
    assert set(bans) == {"严禁利用课后服务时间讲授新课", "严禁组织学科类培训"}  # before: the second titled by both


# -- a kindergarten's self-evaluation table (考查要点, 自评结果) ------------------------------------------------------

KINDERGARTEN = "\n".join(
    [
        "某县幼儿园保育教育质量自评表",
        "评估指标\t考查要点\t自评结果（优/良/中/差）\t改进措施",
        "保育与安全\t2.保证幼儿每天户外活动时间不少于2小时，其中体育活动时间不少于1小时。\t\t",
        "教育过程\t5.不得提前教授小学课程内容，不得布置家庭作业。\t\t",
        "环境创设\t6.生均图书不少于10册。\t\t",
    ]
)


def test_a_cells_own_item_number_is_no_part_of_its_subject() -> None:
    subjects = [c.subject for c in extract(KINDERGARTEN, doc="t.txt") if c.kind in ("duration", "count")]
    assert subjects == ["幼儿户外活动时间", "体育活动时间", "生均图书"]  # before: «2.保证幼儿户外活动时间», «6.生均图书»
    assert [c.value for c in extract("某县通知\n学生每天睡眠1.5小时以上。", doc="t.txt")] == [90.0]  # 1.5 no item number


def test_a_stage_named_as_what_is_taught_too_early_is_no_stage_of_the_item() -> None:
    bans = {c.subject: c.stages for c in extract(KINDERGARTEN, doc="t.txt") if c.kind == "prohibition"}
    # before: ('primary',) — the item applied to primary schools only, and a kindergarten was never asked it
    assert bans["提前教授小学课程内容"] == ()
    assert extract("某县通知\n小学课程开设要符合课程方案，每周体育课不少于4节。", doc="t.txt")[0].stages == ("primary",)


def test_a_share_named_by_an_act_alone_is_of_the_thing_counted_before_it() -> None:
    got = [(c.kind, c.subject) for c in extract("某县通知\n生均图书不少于10册，每年更新比例不低于10%。", doc="t.txt")]
    assert got == [("count", "生均图书"), ("ratio", "图书更新")]  # before: «更新»
    assert [c.subject for c in extract("某县通知\n图书每年更新率不低于3%。", doc="t.txt")] == ["图书更新率"]
