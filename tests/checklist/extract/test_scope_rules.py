"""The scope table (config/scope_rules.yaml): every rule is named, and its own example — a
sentence of a real plan — is decided by that rule, with that scope."""

from __future__ import annotations

import pytest

from checklist.extract import extract
from checklist.extract.scope import ScopeRulesError, default_scope_rules, load_scope_rules

RULES = default_scope_rules().rules


def scopes(text: str) -> list[tuple[str, float | None, str]]:
    """(kind, value, scope) of every candidate but the things to have."""
    return [(c.kind, c.value, c.scope) for c in extract(text, doc="t.txt") if c.kind != "existence"]


def test_every_rule_has_a_name_and_an_example() -> None:
    names = [r.name for r in RULES]
    assert len(names) == len(set(names)) and all(names)
    assert all(r.example and r.example.get("text") and r.example.get("scope") for r in RULES)


@pytest.mark.parametrize("rule", RULES, ids=[r.name for r in RULES])
def test_each_rule_decides_its_own_example(rule: object) -> None:
    example = rule.example  # type: ignore[attr-defined]
    candidates = extract(example["text"])
    decided = [(c.scope_rule, c.scope) for c in candidates]
    assert (rule.name, example["scope"]) in decided, decided  # type: ignore[attr-defined]


def test_a_broken_table_is_refused_with_its_place(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "rules.yaml"
    path.write_text("cues: {a: 学校}\nrules:\n  - {name: 坏规则, scope: 全市, reason: x}\n", encoding="utf-8")
    with pytest.raises(ScopeRulesError, match="坏规则"):
        load_scope_rules(path)
    path.write_text("cues: {a: 学校}\nrules:\n  - {name: 无线索, scope: school, reason: x, cue: b}\n", encoding="utf-8")
    with pytest.raises(ScopeRulesError, match="没有名为“b”的线索"):
        load_scope_rules(path)


# -- the document's majority, for what no rule decides -------------------------------------------


SCHOOL_NOTICE = (
    "一、各学校每学期至少组织两次应急疏散演练。\n"
    "二、各学校每天安排学生校内体育活动不少于1小时。\n"
    "三、各校每周开展一次安全隐患排查。\n"
    "四、各学校每学期召开不少于2次家长会。\n"
    "五、学校应当每学年组织一次学生体检。\n"
    "六、平台家长注册比例不少于60%。\n"
)


def test_what_no_rule_decides_takes_the_level_most_of_the_document_has() -> None:
    found = extract(SCHOOL_NOTICE, doc="t.txt")
    last = found[-1]
    assert last.value == 0.6 and last.scope == "school"
    assert last.scope_rule == "全文的多数" and "从多数" in last.scope_reason
    # alone, the same sentence has no level
    [alone] = extract(SCHOOL_NOTICE.splitlines()[-1], doc="t.txt")
    assert (alone.scope, alone.scope_rule) == ("unclear", "")


def test_no_majority_when_few_are_decided_or_they_disagree() -> None:
    few = "一、各学校每学期至少组织两次应急疏散演练。\n二、平台家长注册比例不少于60%。\n"
    assert extract(few, doc="t.txt")[-1].scope == "unclear"
    mixed = (
        SCHOOL_NOTICE.replace("三、各校", "三、全市")
        .replace("四、各学校", "四、全市")
        .replace("五、学校应当", "五、全市")
    )
    assert extract(mixed, doc="t.txt")[-1].scope == "unclear"


def test_a_rule_that_found_a_level_unclear_is_not_overridden() -> None:
    text = SCHOOL_NOTICE + "七、家长要保证孩子每天睡眠不少于10小时。\n"
    parent = extract(text, doc="t.txt")[-1]
    assert parent.scope == "unclear" and parent.scope_rule  # 家庭: a parent's duty stays unclear


def test_a_broken_majority_setting_is_refused(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "rules.yaml"
    path.write_text("document_majority: {share: 0.3, at_least: 5, name: x, reason: y}\n", encoding="utf-8")
    with pytest.raises(ScopeRulesError, match="share"):
        load_scope_rules(path)
    path.write_text("document_majority: {share: 0.8}\n", encoding="utf-8")
    with pytest.raises(ScopeRulesError, match="document_majority"):
        load_scope_rules(path)


def test_a_rate_over_schools_is_the_region_s() -> None:
    # 配备率, 建成率: the share of schools that have one — the area's target, not each school's
    [c] = extract("中小学校心理健康教育教师配备率达到100%。", doc="t.txt")
    assert c.scope == "region"
    [c] = extract("标准化心理辅导室建成率达到90%。", doc="t.txt")
    assert c.scope == "region"
    # what each school has stays the school's
    [c] = extract("每所学校至少配备1名专职心理健康教师。", doc="t.txt")
    assert c.scope == "school"


def test_a_count_of_schools_beside_a_rate_of_students_is_the_region_s() -> None:
    text = "原建档立卡学生巩固率达到100%，特色学校达到250所，农村优质学校达到140所。"
    assert [(c.value, c.scope) for c in extract(text)] == [(1.0, "region"), (250.0, "region"), (140.0, "region")]
    # what each student gains is still the school's to see to
    [skill] = extract("鼓励和引导学生掌握至少一项体育运动技能。")
    assert skill.scope == "school"


def test_a_share_of_children_enrolled_somewhere_is_the_region_s() -> None:
    [share] = extract("随迁子女在公办学校就读比例达到90%以上。")
    assert (share.value, share.scope) == (0.9, "region")


def test_a_teaching_staff_quota_is_set_by_the_authority() -> None:
    [every] = extract("原则上每2年对中小学教职工编制调整1次。")
    assert (every.kind, every.scope, every.scope_rule) == ("frequency", "region", "局级动作的频次")


def test_a_mediation_or_a_public_notice_period_is_the_authority_s() -> None:
    [c] = extract("学生伤害事故的调解期限自受理之日起不超过六十日。")
    assert (c.value, c.scope) == (60.0, "region")
    [c] = [c for c in extract("规划方案批准前应当向社会公告，公告时间不少于二十日。") if c.kind == "duration"]
    assert (c.value, c.scope) == (20.0, "region")
    # a school's notice board is the school's
    [c] = extract("学校每周更新一次公告栏。")
    assert c.scope == "school"


def test_schools_and_classes_of_a_layout_plan_are_the_region_s() -> None:
    [c] = extract("居住区配建幼儿园的规模不少于六个班。")
    assert (c.value, c.scope) == (6.0, "region")
    # the size a running kindergarten keeps is its own
    assert {c.scope for c in extract("办园规模农村不少于3个班，城区不少于6个班。")} == {"school"}


def test_a_share_of_an_administrative_area_and_all_its_schools_are_the_region_s() -> None:
    [c] = extract("公办幼儿园在园儿童比例不低于本行政区域在园儿童总数的百分之五十。")
    assert (c.value, c.scope) == (0.5, "region")
    [c] = [c for c in extract("全市193所应开展课后服务的义务教育学校100%提供课后服务。") if c.kind == "coverage"]
    assert c.scope == "region"
    [c] = [c for c in extract("2024年改扩建一所县城公办幼儿园。") if c.is_quantitative]
    assert (c.value, c.unit, c.scope) == (1.0, "所", "region")


def test_a_share_of_the_schools_in_an_area_is_the_region_s() -> None:
    [c] = [c for c in extract("区域内标准化学校达到85%得10分。", doc="t.txt") if c.value == 0.85]
    assert c.scope == "region"
    # a school's own area is no region
    [inside] = [c for c in extract("校园区域内每层楼至少配备2名安全员。", doc="t.txt") if c.value == 2]
    assert inside.scope == "school"


def test_the_bureau_s_own_staff_visiting_schools_are_the_region_s() -> None:
    assert scopes("教研员每学期深入学校听课不少于30节。") == [("frequency", 30.0, "region")]
    assert scopes("县教研室每学期到校开展教学视导不少于2次。") == [("frequency", 2.0, "region")]
    assert ("frequency", 1.0, "region") in scopes("局机关干部每人联系1所学校，每月到校不少于1次。")
    assert scopes("全年开展安全督导检查不少于4次。") == [("frequency", 4.0, "region")]
    # a school's own teaching-research group is the school's
    assert scopes("学校体育教研室每学期组织公开课不少于2次。") == [("frequency", 2.0, "school")]


def test_people_a_government_trains_and_the_public_are_not_the_school_s() -> None:
    assert scopes("机关工作人员每年参加不少于1次法治培训。") == [("frequency", 1.0, "region")]
    assert scopes("对基干民兵，每年至少安排两次国防教育课。") == [("frequency", 2.0, "region")]
    assert scopes("居民每周参加体育锻炼不少于3次。") == [("frequency", 3.0, "unclear")]
    assert scopes("语言文字工作委员会办公室每年开展一次普通话宣传活动。") == [("frequency", 1.0, "region")]
    # a school's own staff, and a city's private schools, are not the public
    assert scopes("学校教职工每年参加不少于1次体检。") == [("frequency", 1.0, "school")]
    assert scopes("本市民办学校每学期开展不少于1次安全演练。") == [("frequency", 1.0, "school")]


def test_a_national_title_to_win_and_a_community_centre() -> None:
    assert scopes("争创全国青少年校园足球特色学校，每周开展3次足球训练。") == [("frequency", 3.0, "school")]
    assert scopes("全国中小学生体质健康优良率达到55%以上。") == [("ratio", 0.55, "region")]
    assert scopes("社区文化活动中心每周开放时间不少于56小时。") == [("duration", 3360.0, "region")]


def test_the_items_of_a_list_of_an_authority_s_duties_are_the_region_s() -> None:
    text = (
        "第十条 县级以上人民政府应当履行下列职责：\n"
        "（一）每年组织一次学校安全检查；\n"
        "（二）每学期对学校食堂开展不少于2次专项检查。\n"
        "第十一条 学校应当履行下列职责：\n"
        "（一）每学期组织不少于2次应急疏散演练。\n"
    )
    found = [(c.value, c.period, c.scope) for c in extract(text, doc="t.txt") if c.kind == "frequency"]
    assert found == [(1.0, "年", "region"), (2.0, "学期", "region"), (2.0, "学期", "school")]
    # a department as the subject, and an authority that staffs the school's surroundings
    [c] = [c for c in extract("卫生健康部门每学年对学校卫生工作开展不少于1次监督检查。", doc="t.txt") if c.value]
    assert c.scope == "region"
    [c] = [c for c in extract("公安机关应当在学校周边设置警务室，上下学时段安排警力不少于2名。", doc="t.txt") if c.value]
    assert c.scope == "region"
    # the school's own staff are still the school's
    [c] = [c for c in extract("学校上下学时段安排不少于2名教职工在校门口值守。", doc="t.txt") if c.value]
    assert c.scope == "school"


def test_a_figure_in_a_chapter_of_the_authorities_work_is_the_region_s() -> None:
    text = (
        "第二章 学校职责\n"
        "第十条 每学期组织不少于2次应急疏散演练。\n"
        "第四章 监督管理\n"
        "第三十一条 对未达到标准的学校，责令限期整改，整改期限不超过六个月。\n"
        "第三十二条 每学年对幼儿园办园行为开展一次督导评估。\n"
    )
    found = [(c.kind, c.value, c.scope) for c in extract(text, doc="t.txt") if c.value]
    assert found == [("frequency", 2.0, "school"), ("duration", 6.0, "region"), ("frequency", 1.0, "region")]
    # each school's own figure stays the school's, whatever the chapter
    text = "第三章 保障措施\n第二十条 每所学校至少配备1名专职安全管理人员。\n"
    assert [c.scope for c in extract(text, doc="t.txt") if c.value] == ["school"]


def test_a_designated_month_a_school_s_own_staff_a_distance_and_a_plan_s_publication() -> None:
    assert scopes("第二十八条 每年十二月是本省的法治宣传教育月。") == [("frequency", 1.0, "region")]
    assert scopes("第二十条 学校应当开设心理健康课程，配备至少一名心理健康教育教师。") == [("count", 1.0, "school")]
    assert scopes("第三十条 学校周边二百米、幼儿园周边一定范围内不得设置营业性娱乐场所。")[0][2] == "region"
    assert scopes("第十条 中小学校、幼儿园布局专项规划自批准后三十日内应当向社会公布。") == [("duration", 30.0, "region")]


def test_a_share_of_schools_and_the_issuer_s_own_event_are_the_region_s() -> None:
    assert scopes("配备专职心理健康教育教师的学校比例达到95%。") == [("ratio", 0.95, "region")]
    assert scopes("各中小学建立家长学校的比例达到100%。") == [("coverage", 1.0, "region")]
    assert scopes("配备专职心理健康教育教师的中小学校比例达到95%。") == [("ratio", 0.95, "region")]
    assert scopes("开展课后服务的幼儿园占比达到80%。") == [("ratio", 0.8, "region")]
    assert scopes("我厅将从今年开始每年举办一届艺术教育展演活动。") == [("frequency", 1.0, "region")]
    # each school's own share, and the bureau asking schools, stay the school's
    assert scopes("各学校教师交流轮岗的比例不低于符合交流条件教师总数的10%。") == [("ratio", 0.1, "school")]
    assert scopes("学校专任教师中本科以上学历的比例不低于80%。") == [("ratio", 0.8, "school")]
    assert scopes("我局要求各校每学期开展一次应急演练。") == [("frequency", 1.0, "school")]


def test_a_school_s_clock_times_are_the_school_s_even_where_the_bureau_sets_them() -> None:
    text = "要求各区教育局合理确定中小学校作息时间，小学上午上课时间一般不早于8:20，中学一般不早于8:00。"
    assert [(c.value, c.scope) for c in extract(text) if c.kind == "deadline"] == [(500, "school"), (480, "school")]
    # an off-campus body's closing time stays the region's, and a bureau's own deadline too
    [late] = [c for c in extract("校外培训机构培训结束时间不得晚于20:30。") if c.kind == "deadline"]
    assert late.scope == "region"
    [report] = [c for c in extract("区教育局于9月30日前完成全区学校作息时间核查。") if c.kind == "deadline"]
    assert report.scope == "region"


def test_who_goes_to_the_schools_is_not_the_school() -> None:
    assert scopes("原则上陪餐人员每月到中小学、幼儿园陪餐不少于一次。") == [("frequency", 1.0, "region")]
    assert scopes("局领导每学期到联系学校调研不少于2次。") == [("frequency", 2.0, "region")]
    # a school's own head at its own table, and a teacher's days at school, stay the school's
    assert scopes("学校负责人每天陪餐。") == [("frequency", 1.0, "school")]
    assert scopes("教师每周到校不少于5天。") == [("frequency", 5.0, "school")]


def test_the_authority_that_issued_the_requirements_is_not_who_meets_them() -> None:
    text = "近日,浙江省教育厅印发《关于进一步增强中小学生体质健康的通知》,要求积极开展阳光体育,要确保中小学生每天1小时以上体育活动时间。"
    assert scopes(text) == [("duration", 60.0, "school")]
    # … but an authority named after 要求 still does the work
    assert scopes("市教育局印发通知，要求各区县教育局每学期至少开展一次督导检查。") == [("frequency", 1.0, "region")]
    # … and an authority that does it itself is still the region's
    assert scopes("市教育局每学期开展一次督导检查。") == [("frequency", 1.0, "region")]
