"""The numbers a quote states, in every written form a plan uses (checklist.provenance).

The loader's check (a rule's number must be in its quote, trivial, or explained by a basis) is
tested end to end in test_loader.py; here, the written forms one by one.
"""

from __future__ import annotations

import pytest

from checklist.provenance import Role, quoted_numbers

T, F = Role.THRESHOLD, Role.FRACTION


@pytest.mark.parametrize(
    ("quote", "value", "role"),
    [
        ("落实每日校内体育活动不少于1小时要求", 60, T),  # hours in minutes
        ("落实每日校内体育活动不少于1小时要求", 1, T),
        ("每天不少于两小时", 120, T),  # 两
        ("大课间不少于半小时", 30, T),  # 半小时
        ("每天一个半小时", 90, T),
        ("每周体育课不少于三十节", 30, T),  # 三十
        ("不低于百分之十", 0.10, F),  # 百分之十 = 10% = 0.10
        ("不低于百分之十", 10, T),
        ("比例不低于符合交流条件教师总数的10%", 0.10, F),
        ("占比提高一成", 0.10, F),  # 一成
        ("不低于符合条件的 15 %", 0.15, F),  # stray spaces from a PDF
        ("不低于符合条件的１５％", 0.15, F),  # full-width digits and percent sign
        ("每学年参加 1 — 2 次集体 研 学实践活动", 1, T),  # a range, with spaces
        ("每学年参加 1 — 2 次集体 研 学实践活动", 2, T),
        ("每学年参加一至两次研学", 1, T),
        ("每学年参加一至两次研学", 2, T),
        ("每学期至少组织一次师德主题党日活动", 1, T),  # 一次
        ("不少于三分之二", 0.67, F),  # a fraction, rounded as a rule writes it
        ("覆盖率达到五十二点九%", 52.9, T),
        ("小学四、五年级", 4, T),  # a numeral before 、 in a list of grades
        ("补课时间不超过假期1/3", 0.3333, F),  # a fraction with a slash …
        ("补课时间不超过假期1/3", 33.3333, T),  # … and as the percent a rule asks
        ("经2／3以上组成人员同意", 0.6667, F),
        ("用后有多余的在半天内归还", 0.5, T),  # 半天
        ("寄宿制学校生均用地面积应当增加四至五平方米", 4, T),  # a range of areas
        ("寄宿制学校生均用地面积应当增加四至五平方米", 5, T),
        ("班额(人)\t45\t50", 50, T),  # a table row's cells, one number each (a Word table's tabs)
        ("生均校舍建筑面积(平方米)\n8\n10", 10, T),  # … or one cell a line
    ],
)
def test_a_number_is_found_in_any_of_its_written_forms(quote: str, value: float, role: Role) -> None:
    assert quoted_numbers(quote).has(value, role)


@pytest.mark.parametrize(
    ("quote", "value", "role"),
    [
        ("落实每日校内体育活动不少于1小时要求", 45, T),
        ("每周体育课不少于三十节", 3, T),  # 三十 is one number, not 三 and 十
        ("比例不低于符合交流条件教师总数的10%", 10, F),  # the percent is not the fraction
        ("交流教师10人", 0.10, F),  # a count is not a percent
        ("进一步加强统一管理和一体化建设", 1, T),  # 一 in a word states nothing
        ("锚定十四五教育事业发展规划目标", 14, T),  # a slogan
        ("坚持把重要指示批示作为“第一议题”", 1, T),  # an ordinal
        ("在“5.12全国防灾减灾日”、“11.9全国消防安全日”、“12.2全国交通安全日”等节点", 3, T),  # a list is not a count
        ("补课时间不超过假期1/3", 3, T),  # the parts of a fraction are no numbers of their own
        ("班额(人)\t45\t50", 4550, T),  # two cells are two numbers, not one
    ],
)
def test_a_number_the_quote_does_not_state_is_not_found(quote: str, value: float, role: Role) -> None:
    assert not quoted_numbers(quote).has(value, role)


def test_a_multiple_of_a_level_states_its_ratio() -> None:
    assert quoted_numbers("人均年收入应当达到当地社会平均工资的一点五倍以上").has(1.5, Role.FRACTION)
    assert quoted_numbers("生均公用经费按普通学校的8倍以上拨付").has(8, Role.FRACTION)
    assert not quoted_numbers("生均公用经费按普通学校的8倍以上拨付").has(0.08, Role.FRACTION)
