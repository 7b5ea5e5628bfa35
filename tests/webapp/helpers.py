"""Helpers for web tests: filling an assessment through the real operations."""

from __future__ import annotations

from typing import Any

from checklist.samples import compliant_answers
from webapp import operations
from webapp.assessments import field_key
from webapp.extensions import db
from webapp.models import Assessment, User
from webapp.rubrics import rubric_of


def readings_for(answers: dict[str, Any]) -> list[operations.FieldReading]:
    readings = []
    for key, value in answers.items():
        if isinstance(value, dict):
            for grade, figure in value.items():
                readings.append(operations.FieldReading(field_key(key, grade), str(figure), figure))
        elif isinstance(value, bool):
            readings.append(operations.FieldReading(key, "是" if value else "否", value))
        else:
            readings.append(operations.FieldReading(key, str(value), value))
    return readings


def fill_completely(assessment_id: int, user: User, **overrides: Any) -> None:
    """Answer every applicable item (exactly at its threshold), then apply overrides."""
    assessment = db.session.get(Assessment, assessment_id)
    assert assessment is not None
    rubric = rubric_of(assessment.cycle.rubric_record)
    answers = compliant_answers(rubric, assessment.school.profile)
    answers.update(overrides)
    result = operations.save_section(assessment.id, user, assessment.version, readings_for(answers))
    assert result.saved and not result.field_errors, result
