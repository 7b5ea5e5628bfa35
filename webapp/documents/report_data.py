"""From database rows to the reports' plain view-models (reports never sees a row)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from sqlalchemy import select

from checklist.model import Rubric
from reports import (
    InspectionRecord,
    ItemNote,
    MissingSchool,
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
from webapp.rectification.reporting import region_rectification, school_rectification
from webapp.results import date_text, meta_for, result_of
from webapp.rubrics.library import plan_library, rubric_of

REVIEWED = (AssessmentStatus.UNDER_REVIEW, AssessmentStatus.FINALISED)


def inspection_of(assessment: Assessment) -> InspectionRecord | None:
    """评估过程 as the inspector entered it at finalisation (None when nothing was entered)."""
    record = InspectionRecord(
        start=date_text(assessment.visit_start) if assessment.visit_start else "",
        end=date_text(assessment.visit_end) if assessment.visit_end else "",
        team=tuple(n for n in re.split(r"[、，,；;\s]+", assessment.inspection_team or "") if n),
        lessons=assessment.lessons_observed,
        meetings=assessment.meetings_held,
        questionnaires=assessment.questionnaires,
        documents=assessment.documents_reviewed,
    )
    return None if record.is_empty else record


def missing_reason(assessment: Assessment) -> str:
    """Why an assessment is not in the region summary, in words."""
    if assessment.answered_count == 0:
        return "尚未开始填报"
    return f"填报中，尚未提交（已填报{assessment.answered_count}/{assessment.applicable_count}个评估要点）"


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
    profile = assessment.profile
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
        meta_for(
            assessment.cycle,
            rubric,
            finalised=finalised,
            inspectors=inspectors_of(assessment),
            when=when,
            inspection=inspection_of(assessment) if finalised else None,
        ),
        verified_card=verified_card(assessment, rubric) if reviewed else None,
        answers=answers_for_scoring(assessment.answers, rubric),
        verified_answers=verified_answers(assessment, rubric) if reviewed else None,
        notes=_notes(assessment, for_school),
        profile=profile,
        seeds=plan_library(),
        rectification=school_rectification(assessment) if finalised else None,
    )


def _notes(assessment: Assessment, for_school: bool) -> list[ItemNote]:
    if for_school and assessment.status != AssessmentStatus.FINALISED:
        if assessment.status != AssessmentStatus.RETURNED:
            return []
        return [ItemNote(r.item_id, r.comment, "") for r in assessment.reviews if r.comment]
    return [ItemNote(r.item_id, r.comment, r.reason) for r in assessment.reviews if r.comment or r.reason]


def region_report_for(cycle: Cycle, school_ids: Iterable[int] | None, region: str = "") -> RegionReport:
    """The region summary of the schools a person may see: the submitted ones summarised, the
    drafts named as missing with the reason."""
    rubric = rubric_of(cycle.rubric_record)
    everything = cycle_assessments(cycle, school_ids)
    results = [result_of(a, rubric) for a in everything if a.status != AssessmentStatus.DRAFT]
    missing = [
        MissingSchool(a.school.name, a.school.district.name if a.school.district else "", missing_reason(a))
        for a in everything
        if a.status == AssessmentStatus.DRAFT
    ]
    return build_region_report(
        rubric,
        results,
        meta_for(cycle, rubric),
        region=region,
        missing=missing,
        rectification=region_rectification(cycle.id, school_ids),
    )


def region_results(cycle: Cycle, school_ids: Iterable[int] | None) -> tuple[Rubric, list[SchoolResult]]:
    rubric = rubric_of(cycle.rubric_record)
    return rubric, [result_of(a, rubric) for a in cycle_assessments(cycle, school_ids, submitted_only=True)]
