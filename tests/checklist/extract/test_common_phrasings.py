"""Phrasings of national requirements as a bureau's plan restates them (体育2小时, 作业时间, 教师培训
360学时, 课后服务5+2, 保安配备, 图书馆藏书). Written for issue 14 from the national documents' usual
wording, not from a corpus text: each test names what must be read and, where it matters, what must
not.
"""

from __future__ import annotations

from checklist.extract import extract
from tests.checklist.extract.conftest import numeric


def _one(text: str, value: float) -> object:
    found = [c for c in numeric(text) if c.value == value]
    assert len(found) == 1, [(c.quote, c.kind, c.value) for c in numeric(text)]
    return found[0]


def test_a_stage_after_two_figures_takes_the_topic_of_the_nearest() -> None:
    text = "小学一二年级不布置家庭书面作业，三至六年级书面作业平均完成时间不超过60分钟，初中不超过90分钟。"
    junior = _one(text, 90)
    assert junior.subject == "书面作业平均完成时间（初中）"
    assert junior.comparator == "at_most"


def test_a_frequency_s_subject_after_its_number_drops_its_particle_and_keeps_who() -> None:
    c = _one("教师每5年接受不少于360学时的培训。", 360)
    assert (c.kind, c.period, c.subject) == ("frequency", "5年", "教师接受培训")


def test_everyone_is_not_what_is_measured() -> None:
    cands = numeric("课后服务每周5天全覆盖，每天不少于2小时。")
    days = [c for c in cands if c.kind == "frequency"]
    assert [(c.value, c.period, c.subject) for c in days] == [(5, "周", "课后服务")]
    hours = [c for c in cands if c.kind == "duration"]
    assert [(c.value, c.subject) for c in hours] == [(120, "课后服务")]


def test_staff_a_school_has_is_the_school_s() -> None:
    c = _one("校园专职保安员配备不少于2名。", 2)
    assert c.scope == "school"
    # staff the bureau sends to schools is its own target
    sent = _one("今年为农村学校配备音体美教师200名。", 200)
    assert sent.scope == "region"


def test_a_school_library_is_not_a_public_body() -> None:
    c = _one("中小学图书馆生均藏书小学不少于25册。", 25)
    assert c.scope == "school"
    public = [c for c in extract("公共图书馆应当每周向中小学生免费开放不少于2天。", doc="t.txt") if c.value == 2]
    assert [c.scope for c in public] == ["region"]
