"""Reading a PUT of answers as the web form reads its fields: each JSON value turned into the
text a form would have posted and read by the same parser (``checklist.answers.parse_value``),
per-grade inputs as {"P4": 1}; and the version the ``If-Match`` header names."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from checklist.answers import AnswerError, parse_value
from checklist.model import InputType
from webapp.api.service import ApiError
from webapp.assessments import Field, field_key, split_field_key
from webapp.models import Assessment
from webapp.rubrics.library import rubric_of
from webapp.school import operations
from webapp.school.pages import section_fields


def if_match_version(header: str | None) -> int:
    """The version an ``If-Match`` header names (428 without one, 409 when it names none)."""
    if not header:
        raise ApiError(428)
    text = header.strip().removeprefix("W/").strip('"')
    if not text.isdigit() or len(text) > 9:
        raise ApiError(409, f"If-Match 中的“{header[:20]}”不是自评的版本号。")
    return int(text)


def _school_fields(assessment: Assessment) -> dict[str, Field]:
    """Every field the school may fill in, by key (per-grade fields under their own key)."""
    rubric = rubric_of(assessment.cycle.rubric_record)
    fields: dict[str, Field] = {}
    for dimension in rubric.dimensions:
        for spec in section_fields(assessment, dimension.id) or []:
            fields[spec.key] = spec
    return fields


def read_answers(
    assessment: Assessment, answers: Mapping[str, Any]
) -> tuple[list[operations.FieldReading], dict[str, str]]:
    """Each answer read as the web form reads its text; the reason for each one that cannot be."""
    fields = _school_fields(assessment)
    grade_inputs = {split_field_key(k)[0] for k, f in fields.items() if f.grade}
    readings: list[operations.FieldReading] = []
    errors: dict[str, str] = {}
    for key, value in answers.items():
        if key in grade_inputs:
            if not isinstance(value, Mapping):
                if value is None:
                    keys = [k for k in fields if split_field_key(k)[0] == key]
                    readings.extend(operations.FieldReading(k, "", None) for k in keys)
                    continue
                errors[key] = '分年级填写，如 {"P4": 1, "P5": 2}。'
                continue
            for grade, figure in value.items():
                spec = fields.get(field_key(key, str(grade)))
                if spec is None:
                    errors[f"{key}.{grade}"] = "本校没有这个年级的填报项。"
                    continue
                _read(spec, figure, f"{key}.{grade}", readings, errors)
            continue
        spec = fields.get(key)
        if spec is None:
            errors[key] = "本校的自评中没有这个输入项。"
            continue
        _read(spec, value, key, readings, errors)
    return readings, errors


def _read(spec: Field, value: Any, name: str, readings: list[operations.FieldReading], errors: dict[str, str]) -> None:
    text = _as_text(spec, value)
    if text is None:
        errors[name] = _expected(spec)
        return
    try:
        parsed = parse_value(spec.input, text)
    except AnswerError as exc:
        errors[name] = str(exc)
        return
    readings.append(operations.FieldReading(spec.key, text, parsed))


def _as_text(spec: Field, value: Any) -> str | None:
    """A JSON value as the text a form would have posted; None when its type cannot fit."""
    kind = spec.input.type
    if value is None:
        return ""
    if kind is InputType.BOOLEAN:
        if isinstance(value, bool):
            return "是" if value else "否"
        return value if isinstance(value, str) else None
    if isinstance(value, bool | Mapping | list):
        return None
    if isinstance(value, int | float):
        if kind in (InputType.NUMBER, InputType.GRADES):
            return repr(value) if isinstance(value, float) and not value.is_integer() else str(int(value))
        return None
    return value if isinstance(value, str) else None


def _expected(spec: Field) -> str:
    kind = spec.input.type
    if kind is InputType.BOOLEAN:
        return "须为 true / false（是 / 否）。"
    if kind in (InputType.NUMBER, InputType.GRADES):
        return "须为数字。"
    return "须为文字。"
