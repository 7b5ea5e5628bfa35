"""What a candidate is about, in terms shared across plans and rubrics.

config/rubrics/README.md fixes shared input keys (``pe_minutes_daily``, ``exchange_teachers``,
``study_trips`` …) so that the same figure has the same key in every rubric. ``topic_of``
recognises the candidates that speak of one of those figures; ``rubric draft`` then uses the
shared key and ``rubric diff`` pairs the requirement across two plans (营口 10% against city
X's 15%).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from checklist.extract.candidates import Candidate


@dataclass(frozen=True)
class Topic:
    key: str  # the shared input key (or a topic name when the figure needs two inputs)
    label: str  # what it is called in Chinese
    test: Callable[[Candidate], bool]


def _words(c: Candidate) -> str:
    return re.sub(r"\s+", "", c.quote)


def _ctx(c: Candidate) -> str:
    return c.context + _words(c)


def _lex(c: Candidate, phrase: str) -> bool:
    return c.origin == f"lexicon:{phrase}"


TOPICS: tuple[Topic, ...] = (
    Topic(
        "pe_minutes_daily",
        "每日校内体育活动时长",
        lambda c: (
            c.kind == "duration"
            and c.period == "天"
            and "1530" not in c.origin
            and bool(re.search(r"体育|锻炼|运动|活动", _ctx(c)))
        ),
    ),
    Topic(
        "daily_pe_lesson",
        "每天开设1节体育课",
        lambda c: c.kind == "frequency" and c.period == "天" and "体育课" in _words(c),
    ),
    Topic(
        "pe_lessons_weekly",
        "每周体育课",
        lambda c: c.kind == "frequency" and c.period == "周" and "体育课" in _words(c),
    ),
    Topic(
        "labor_lessons_weekly",
        "每周劳动教育课",
        lambda c: c.kind == "frequency" and c.period == "周" and "劳动" in _words(c),
    ),
    Topic(
        "exchange_ratio",
        "教师交流轮岗比例",
        lambda c: (
            c.kind == "ratio"
            and "交流" in _ctx(c)
            and "骨干" not in c.subject
            and bool(c.denominator)
            and "条件" in (c.denominator or "")
        ),
    ),
    Topic(
        "backbone_exchange_ratio",
        "交流教师中骨干教师比例",
        lambda c: c.kind == "ratio" and "骨干" in c.subject and "交流" in (c.denominator or ""),
    ),
    Topic(
        "study_trips",
        "集体研学实践活动次数",
        lambda c: c.kind == "frequency" and "研学" in _words(c),
    ),
    Topic(
        "one_school_one_brand",
        "体育艺术“一校一品”项目",
        lambda c: c.origin in ("lexicon:一校一品", "lexicon:一校多品") and "党建" not in _words(c),
    ),
    Topic(
        "party_brand",
        "党建“一校一品”品牌",
        lambda c: c.origin in ("lexicon:一校一品", "lexicon:一校多品") and "党建" in _words(c),
    ),
    Topic("safety_reminder_1530", "1530安全教育", lambda c: _lex(c, "1530")),
    Topic(
        "bright_kitchen",
        "食堂“互联网+明厨亮灶”",
        lambda c: "明厨亮灶" in _words(c) and c.kind in ("existence", "coverage"),
    ),
    Topic("meal_accompany", "学校负责人陪餐制度", lambda c: "陪餐" in _words(c)),
    Topic(
        "food_safety_principal",
        "食品安全校长（园长）负责制",
        lambda c: "食品安全校长" in _words(c) or "食品安全主体责任" in _words(c),
    ),
    Topic("legal_vice_principal", "法治副校长", lambda c: _lex(c, "法治副校长")),
    Topic(
        "three_year_plan",
        "学校三年发展规划",
        lambda c: c.kind == "existence" and "三年发展规划" in _words(c),
    ),
    Topic(
        "mental_health_teachers",
        "专（兼）职心理健康教师",
        lambda c: c.kind == "count" and "心理健康教师" in _words(c),
    ),
    Topic("counseling_room", "心理辅导室", lambda c: "心理辅导室" in _words(c)),
    Topic(
        "safety_drills_per_term",
        "每学期应急疏散演练",
        lambda c: "演练" in _words(c) and c.kind in ("frequency", "existence"),
    ),
    Topic("paid_tutoring_cases", "在职教师违规有偿补课", lambda c: "有偿补课" in _words(c)),
    Topic(
        "major_safety_accidents",
        "重大安全责任事故",
        lambda c: c.kind == "prohibition" and "安全" in _words(c) and "事故" in _words(c),
    ),
    Topic(
        "after_school_service",
        "课后服务",
        lambda c: c.kind == "existence" and "课后服务" in _words(c),
    ),
    Topic("resource_room", "特殊教育资源教室", lambda c: "资源教室" in _words(c)),
    Topic(
        "student_aid_coverage",
        "家庭经济困难学生资助覆盖率",
        lambda c: c.kind == "coverage" and "资助" in (c.subject + _words(c)),
    ),
    Topic(
        "home_visits_rate",
        "家访覆盖率",
        lambda c: c.kind in ("coverage", "ratio") and "家访" in _words(c),
    ),
    Topic(
        "teacher_training_hours",
        "教师年度培训学时",
        lambda c: c.kind == "count" and c.unit == "学时" and "培训" in _words(c),
    ),
    Topic(
        "homework_minutes",
        "书面作业平均完成时间",
        lambda c: c.kind == "duration" and "作业" in _words(c),
    ),
)


def topic_of(candidate: Candidate) -> Topic | None:
    """The shared topic a candidate speaks of, if any."""
    for topic in TOPICS:
        if topic.test(candidate):
            return topic
    return None
