"""Reading and checking what a school typed: pure functions shared by the web forms and the CLI.

``parse_value`` turns the text of one field into a typed value or raises AnswerError with a
Chinese message fit to show beside the field. ``validate_answers`` checks typed answers
against the rubric: types, ranges, whole numbers, choices, and cross-field limits such as
交流教师 ≤ 符合条件教师. Nothing here decides compliance; that is ``scoring``.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from collections.abc import Mapping
from typing import Any

import cn2an

from checklist.model import GRADE_NAMES, Input, InputType, Rubric, SchoolProfile, is_number
from checklist.scoring import format_number as fmt
from checklist.scoring import grades_shown

MAX_TEXT_LENGTH = 5000  # a text answer, unless its input states max_length
# What a field of each other type may hold, in characters: a number, a date or a yes/no is a
# few dozen at most; anything longer is refused before it is read, stored or logged.
MAX_FIELD_LENGTH = {
    InputType.NUMBER: 40,
    InputType.GRADES: 40,
    InputType.DATE: 40,
    InputType.BOOLEAN: 20,
    InputType.CHOICE: 200,
}
_MAX_DIGITS = 15

# Control characters XML (and so every workbook and report) cannot hold; tab and line breaks
# are ordinary text.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_PLAIN_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")
_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")
_CHINESE_NUMERAL = re.compile(r"^[零〇一二两三四五六七八九十百千万点]+$")
_TRUE_WORDS = {"是", "有", "已", "true", "yes", "y", "1", "on", "√"}
_FALSE_WORDS = {"否", "无", "没有", "未", "false", "no", "n", "0", "off", "×"}


class AnswerError(ValueError):
    """A value that cannot be accepted; the message is Chinese, for the user."""


class AnswerTooLong(AnswerError):
    """Text longer than its field may hold: refused whole, never stored."""


def max_length(inp: Input) -> int:
    """How many characters the field of this input may hold."""
    if inp.type is InputType.TEXT:
        return inp.max_length or MAX_TEXT_LENGTH
    return MAX_FIELD_LENGTH.get(inp.type, MAX_TEXT_LENGTH)


def check_length(inp: Input, text: str) -> None:
    limit = max_length(inp)
    if len(text) > limit:
        if inp.type is InputType.TEXT:
            raise AnswerTooLong(f"内容过长：最多{limit}字，现有{len(text)}字，请删减后再保存")
        raise AnswerTooLong(f"填写内容过长：此处最多{limit}个字符")


def parse_number(text: str, unit: str = "") -> float:
    """A number typed by a person: '60', '６０', '1,200', '15%', '60分钟', '两'.

    Full-width digits are read as digits; a trailing unit equal to the field's unit is
    allowed; digits of other scripts, commas used as decimal points, NaN and infinities are
    refused.
    """
    raw = text
    text = unicodedata.normalize("NFKC", text).strip()
    if not text:
        raise AnswerError("请填写数字")
    if unit:
        normal_unit = unicodedata.normalize("NFKC", unit)
        if text.endswith(normal_unit) and text != normal_unit:
            text = text[: -len(normal_unit)].strip()
    text = text.replace(" ", "")
    if any(ch.isdigit() and not ("0" <= ch <= "9") for ch in text):
        raise AnswerError("请使用阿拉伯数字0—9填写")
    if _THOUSANDS.match(text):
        text = text.replace(",", "")
    if _CHINESE_NUMERAL.match(text):
        try:
            value = float(cn2an.cn2an(text, "smart"))
        except (ValueError, KeyError, TypeError) as exc:
            raise AnswerError(f"“{raw}”不是有效的数字") from exc
        return value
    if "," in text:
        raise AnswerError("小数请用小数点（如 5.5），不要用逗号")
    if not _PLAIN_NUMBER.match(text):
        raise AnswerError(f"“{_clip(raw)}”不是有效的数字")
    if len(text.lstrip("+-").replace(".", "")) > _MAX_DIGITS:
        raise AnswerError("数字位数过多")
    value = float(text)
    if not math.isfinite(value):
        raise AnswerError(f"“{_clip(raw)}”不是有效的数字")
    return value + 0.0  # -0 → 0


def parse_boolean(text: str) -> bool:
    normal = unicodedata.normalize("NFKC", text).strip().lower()
    if normal in _TRUE_WORDS:
        return True
    if normal in _FALSE_WORDS:
        return False
    raise AnswerError("请选择“是”或“否”")


def parse_date(text: str) -> str:
    normal = unicodedata.normalize("NFKC", text).strip()
    normal = re.sub(r"[年月/.]", "-", normal).rstrip("日")
    try:
        return dt.date.fromisoformat("-".join(part.zfill(2) for part in normal.split("-"))).isoformat()
    except ValueError as exc:
        raise AnswerError("请按“2024-09-01”的格式填写日期") from exc


def parse_value(inp: Input, text: str) -> Any:
    """The typed value of one field's text, per the input's type. Empty text gives None.

    A per-grade input is read one grade at a time, each grade's text as a number."""
    if inp.type is InputType.FILE:
        raise TypeError("file inputs are not read from a text field")
    check_length(inp, text)
    if _CONTROL.search(text):
        raise AnswerError("内容含有不可见的控制字符，请删除后再保存")
    if not text.strip():
        return None
    if inp.type is InputType.NUMBER or inp.type is InputType.GRADES:
        value = parse_number(text, inp.unit)
        check_number(inp, value)
        return int(value) if inp.integer else value
    if inp.type is InputType.BOOLEAN:
        return parse_boolean(text)
    if inp.type is InputType.CHOICE:
        choice = text.strip()
        if choice not in inp.choices:
            raise AnswerError(f"请从选项中选择：{'、'.join(inp.choices)}")
        return choice
    if inp.type is InputType.DATE:
        return parse_date(text)
    return text


def check_number(inp: Input, value: float) -> None:
    """Range and whole-number checks of one figure; raises AnswerError."""
    if inp.integer and value != int(value):
        raise AnswerError(f"请填写整数{_unit_hint(inp)}")
    if inp.min is not None and value < inp.min:
        raise AnswerError(f"不能小于{fmt(inp.min)}{inp.unit}")
    if inp.max is not None and value > inp.max:
        raise AnswerError(f"不能大于{fmt(inp.max)}{inp.unit}")


def _unit_hint(inp: Input) -> str:
    return f"（单位：{inp.unit}）" if inp.unit else ""


UNKNOWN_INPUT = "评估细则中没有这个填报项"


def impossible_figures(
    rubric: Rubric, answers: Mapping[str, Any], profile: SchoolProfile | None = None
) -> dict[str, str]:
    """The answers that cannot be true (not a number, out of range, 交流教师 > 符合条件教师…):
    ``validate_answers`` less the keys the rubric does not know, which are worth a warning but
    say nothing false. ``selfcheck score`` and every report refuse exactly these."""
    return {k: m for k, m in validate_answers(rubric, answers, profile).items() if m != UNKNOWN_INPUT}


def validate_answers(
    rubric: Rubric,
    answers: Mapping[str, Any],
    profile: SchoolProfile | None = None,
) -> dict[str, str]:
    """Problems with typed answers, by input key (a grade's problem under "key.P4").

    Unknown keys are reported too, so that a misspelt key in an answers file is noticed
    instead of silently leaving an item unanswered.
    """
    profile = profile or SchoolProfile.universal()
    problems: dict[str, str] = {}
    for key, value in answers.items():
        inp = rubric.inputs.get(key)
        if inp is None:
            problems[key] = UNKNOWN_INPUT
            continue
        if value is None:
            continue
        message = _type_problem(rubric, inp, value, profile, problems)
        if message:
            problems[key] = message
    for key, inp in rubric.inputs.items():
        if inp.max_input is None or key in problems:
            continue
        mine, other = answers.get(key), answers.get(inp.max_input)
        if is_number(mine) and is_number(other) and mine > other:
            limit = rubric.inputs[inp.max_input]
            problems[key] = f"{inp.label}（{fmt(mine)}{inp.unit}）不能超过{limit.label}（{fmt(other)}{limit.unit}）"
    return problems


def _type_problem(rubric: Rubric, inp: Input, value: Any, profile: SchoolProfile, problems: dict[str, str]) -> str:
    match inp.type:
        case InputType.NUMBER:
            if not is_number(value):
                return "应为数字"
            try:
                check_number(inp, float(value))
            except AnswerError as exc:
                return str(exc)
        case InputType.BOOLEAN:
            if not isinstance(value, bool):
                return "应为“是”或“否”（true/false）"
        case InputType.CHOICE:
            if value not in inp.choices:
                return f"应为以下之一：{'、'.join(inp.choices)}"
        case InputType.TEXT | InputType.FILE:
            if not isinstance(value, str):
                return "应为文字"
            if len(value) > MAX_TEXT_LENGTH:
                return f"内容过长：最多{MAX_TEXT_LENGTH}字"
        case InputType.DATE:
            try:
                parse_date(str(value))
            except AnswerError as exc:
                return str(exc)
        case InputType.GRADES:
            if not isinstance(value, Mapping):
                return '应按年级填写，如 {"P4": 1, "P5": 2}'
            owner = rubric.item(rubric.input_owner[inp.key])
            shown = grades_shown(owner, inp, profile)
            for grade, figure in value.items():
                if grade not in shown:
                    where = GRADE_NAMES.get(grade, grade)
                    problems[f"{inp.key}.{grade}"] = f"本校本项没有“{where}”"
                    continue
                if figure is None:
                    continue
                if not is_number(figure):
                    problems[f"{inp.key}.{grade}"] = "应为数字"
                    continue
                try:
                    check_number(inp, float(figure))
                except AnswerError as exc:
                    problems[f"{inp.key}.{grade}"] = str(exc)
    return ""


def _clip(text: str, limit: int = 20) -> str:
    return text if len(text) <= limit else text[:limit] + "…"
