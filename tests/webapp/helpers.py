"""Helpers for web tests: filling an assessment through the real operations."""

from __future__ import annotations

from typing import Any

from checklist.samples import compliant_answers
from webapp.assessments import field_key
from webapp.extensions import db
from webapp.models import Assessment, User
from webapp.rubrics.library import rubric_of
from webapp.school import operations as school_ops


def readings_for(answers: dict[str, Any]) -> list[school_ops.FieldReading]:
    readings = []
    for key, value in answers.items():
        if isinstance(value, dict):
            for grade, figure in value.items():
                readings.append(school_ops.FieldReading(field_key(key, grade), str(figure), figure))
        elif isinstance(value, bool):
            readings.append(school_ops.FieldReading(key, "是" if value else "否", value))
        else:
            readings.append(school_ops.FieldReading(key, str(value), value))
    return readings


def fill_completely(assessment_id: int, user: User, **overrides: Any) -> None:
    """Answer every applicable item (exactly at its threshold), then apply overrides."""
    assessment = db.session.get(Assessment, assessment_id)
    assert assessment is not None
    rubric = rubric_of(assessment.cycle.rubric_record)
    answers = compliant_answers(rubric, assessment.school.profile)
    answers.update(overrides)
    result = school_ops.save_section(assessment.id, user, assessment.version, readings_for(answers))
    assert result.saved and not result.field_errors, result
