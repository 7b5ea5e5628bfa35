"""Phrasings found in session 18 by writing the common requirements of plans, notices and standards tables in other
shapes (issue 14). Sentences written for these tests; each class has a case that must not be read so.
"""

from __future__ import annotations

from checklist.extract import extract

NUMERIC = ("duration", "frequency", "ratio", "count", "coverage")


def found(text: str) -> list:
    return [c for c in extract(text, doc="t.txt") if c.kind in NUMERIC]


# -- a post is no stage: 专职教师, 新入职教师 are not vocational schools; 职业教育 is -------------------------------


def test_a_full_time_or_newly_hired_teacher_is_a_post_not_a_vocational_school() -> None:
    (c,) = found("某县教育局通知\n学校配备专职教师不少于2名。\n")
    assert (c.kind, c.value, c.stages) == ("count", 2.0, ())
    (c,) = found("某县教育局通知\n新入职教师岗前培训不少于120学时。\n")
    assert c.stages == ()
    (c,) = found("某县教育局通知\n职教师资培训每人不少于90学时。\n")
    assert c.stages == ("vocational",)
    (c,) = found("某市职业教育条例\n用于一线职工职业教育培训的比例不低于百分之六十。\n")
    assert c.stages == ("vocational",)


# -- 每学期 + 为…上…课: a lesson given each period, with its audience between ------------------------------------


def test_a_lesson_given_each_term_to_someone_is_once_a_term() -> None:
    (c,) = found("某县教育局通知\n校长每学期为学生上思政课。\n")
    assert (c.kind, c.comparator, c.value, c.period) == ("frequency", "at_least", 1.0, "学期")
    # a lesson's time or timetable is no act done each period
    assert found("某县教育局通知\n每学期上课时间由学校自定。\n") == []
