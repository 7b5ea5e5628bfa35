"""From database rows to the reports' plain view-models (reports never sees a row)."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select

from checklist.model import Rubric
from reports import (
    ItemNote,
    RegionReport,
    SchoolReport,
    SchoolResult,
    SchoolSummary,
    build_region_report,
    build_school_report,
)
from webapp.assessments import answers_for_scoring, cycle_assessments, self_card, verified_answers, verified_card
from webapp.extensions import db
from webapp.models import Assessment, AssessmentStatus, Cycle, InspectorAssignment, User
from webapp.results import meta_for, result_of
from webapp.rubrics.library import rubric_of, seed_library

REVIEWED = (AssessmentStatus.UNDER_REVIEW, AssessmentStatus.FINALISED)








def inspectors_of(assessment: Assessment) -> list[str]:
    """Who reviewed the assessment (else who is assigned to the school)."""
    names = {r.updated_by.name for r in assessment.reviews if r.updated_by is not None}
    if names:
        return sorted(names)
    rows = db.session.execute(
        select(User)
        .join(InspectorAssignment, InspectorAssignment.user_id == User.id)
        .where(InspectorAssignment.school_id == assessment.school_id)
    ).scalars()
    return sorted(u.name for u in rows)


def school_report_for(assessment: Assessment, *, for_school: bool = False) -> SchoolReport:
    """The view-model of one school's report: self score, and the verified one once reviewed.

    ``for_school``: the school's own copy shows what its pages show, no more — the inspector's
    figures, results and reasons only once finalised, the comments for correction once returned;
    an unfinished review stays with the inspector."""
    rubric = rubric_of(assessment.cycle.rubric_record)
    school = assessment.school
    profile = school.profile
    finalised = assessment.status == AssessmentStatus.FINALISED
    reviewed = finalised if for_school else assessment.status in REVIEWED
    when = assessment.finalised_at.date() if finalised and assessment.finalised_at else None
    return build_school_report(
        rubric,
        self_card(assessment, rubric),
        SchoolSummary(
            name=school.name,
            code=school.code,
            district=school.district.name if school.district else "",
            profile=profile.describe(),
        ),
        meta_for(assessment.cycle, rubric, finalised=finalised, inspectors=inspectors_of(assessment), when=when),
        verified_card=verified_card(assessment, rubric) if reviewed else None,
        answers=answers_for_scoring(assessment.answers, rubric),
        verified_answers=verified_answers(assessment, rubric) if reviewed else None,
        notes=_notes(assessment, for_school),
        profile=profile,
        seeds=seed_library(),
    )


def _notes(assessment: Assessment, for_school: bool) -> list[ItemNote]:
    if for_school and assessment.status != AssessmentStatus.FINALISED:
        if assessment.status != AssessmentStatus.RETURNED:
            return []
        return [ItemNote(r.item_id, r.comment, "") for r in assessment.reviews if r.comment]
    return [ItemNote(r.item_id, r.comment, r.reason) for r in assessment.reviews if r.comment or r.reason]






def region_report_for(cycle: Cycle, school_ids: Iterable[int] | None, region: str = "") -> RegionReport:
    rubric = rubric_of(cycle.rubric_record)
    results = [result_of(a, rubric) for a in cycle_assessments(cycle, school_ids, submitted_only=True)]
    return build_region_report(rubric, results, meta_for(cycle, rubric), region=region)


def region_results(cycle: Cycle, school_ids: Iterable[int] | None) -> tuple[Rubric, list[SchoolResult]]:
    rubric = rubric_of(cycle.rubric_record)
    return rubric, [result_of(a, rubric) for a in cycle_assessments(cycle, school_ids, submitted_only=True)]
