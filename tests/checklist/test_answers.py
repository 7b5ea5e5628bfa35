"""Reading what people type, and checking typed answers against the rubric."""

from __future__ import annotations

from pathlib import Path

import pytest

from checklist.answers import AnswerError, parse_boolean, parse_date, parse_number, parse_value, validate_answers
from checklist.loader import load_rubric
from checklist.model import SchoolProfile

SAMPLE = load_rubric(Path(__file__).parent / "fixtures" / "sample_rubric.yaml")


@pytest.mark.parametrize(
    ("typed", "unit", "value"),
    [
        ("60", "", 60),
        (" 60 ", "", 60),
        ("６０", "", 60),  # full-width digits are digits
        ("1,200", "", 1200),  # thousands separators
        ("12.5", "", 12.5),
        ("-0", "", 0),
        ("60分钟", "分钟", 60),  # the field's own unit may be typed
        ("15%", "%", 15),
        ("两", "", 2),
        ("三十", "", 30),
    ],
)
def test_numbers_people_type_are_read(typed: str, unit: str, value: float) -> None:
    assert parse_number(typed, unit) == value


@pytest.mark.parametrize(
    ("typed", "words"),
    [
        ("", "请填写数字"),
        ("abc", "不是有效的数字"),
        ("5,5", "小数点"),
        ("٣", "阿拉伯数字"),
        ("nan", "不是有效的数字"),
        ("inf", "不是有效的数字"),
        ("1e309", "不是有效的数字"),
        ("9" * 10_000, "位数过多"),
        ("60小时", "不是有效的数字"),  # a unit other than the field's
    ],
)
def test_bad_numbers_get_a_chinese_message(typed: str, words: str) -> None:
    with pytest.raises(AnswerError, match=words):
        parse_number(typed, "分钟")


def test_booleans_and_dates() -> None:
    assert parse_boolean("是") is True and parse_boolean("否") is False and parse_boolean("true") is True
    with pytest.raises(AnswerError, match="是”或“否"):
        parse_boolean("也许")
    assert parse_date("2024年9月1日") == "2024-09-01"
    assert parse_date("2024-9-1") == "2024-09-01"
    with pytest.raises(AnswerError, match="格式"):
        parse_date("明天")


def test_parse_value_checks_range_and_whole_numbers() -> None:
    teachers = SAMPLE.inputs["eligible_teachers"]
    assert parse_value(teachers, "40") == 40 and isinstance(parse_value(teachers, "40"), int)
    assert parse_value(teachers, "  ") is None
    with pytest.raises(AnswerError, match="整数"):
        parse_value(teachers, "40.5")
    with pytest.raises(AnswerError, match="不能小于0"):
        parse_value(teachers, "-1")
    minutes = SAMPLE.inputs["pe_minutes_daily"]
    with pytest.raises(AnswerError, match="不能大于1440分钟"):
        parse_value(minutes, "1441")
    with pytest.raises(AnswerError, match="控制字符"):
        parse_value(minutes, "6\x000")


def test_validate_answers_catches_impossible_combinations() -> None:
    problems = validate_answers(
        SAMPLE, {"eligible_teachers": 10, "exchange_teachers": 12, "backbone_exchange_teachers": 13}
    )
    assert problems["exchange_teachers"] == "交流教师（12人）不能超过符合交流条件教师（10人）"
    assert problems["backbone_exchange_teachers"] == "交流骨干教师（13人）不能超过交流教师（12人）"


def test_validate_answers_names_types_ranges_unknown_keys_and_grades() -> None:
    profile = SchoolProfile(stages=("primary",))
    problems = validate_answers(
        SAMPLE,
        {
            "pe_minutes_daily": "sixty",
            "paid_tutoring_found": "no",
            "max_class_size": -3,
            "mystery": 1,
            "study_trips": {"P4": 1, "J1": 2, "P5": "x"},
        },
        profile,
    )
    assert problems["pe_minutes_daily"] == "应为数字"
    assert "是”或“否" in problems["paid_tutoring_found"]
    assert problems["max_class_size"] == "不能小于0人"
    assert problems["mystery"] == "评估细则中没有这个填报项"
    assert problems["study_trips.J1"] == "本校本项没有“初一”"
    assert problems["study_trips.P5"] == "应为数字"
    assert "study_trips.P4" not in problems


def test_sound_answers_have_no_problems() -> None:
    assert validate_answers(SAMPLE, {"eligible_teachers": 40, "exchange_teachers": 6, "bright_kitchen": True}) == {}
