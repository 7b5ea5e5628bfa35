"""What a self-assessment page shows, item by item, built from the rubric and the stored data."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from checklist.model import GRADE_NAMES, Dimension, Item, Rubric, SchoolProfile, rule_inputs
from checklist.scoring import ItemResult, ScoreCard, Status, profile_excludes
from webapp.assessments import (
    Field,
    carried_over,
    evidence_by_item,
    fields_of,
    self_card,
    split_field_key,
    verified_card,
)
from webapp.models import Assessment, AssessmentStatus, Evidence, ItemReview
from webapp.results import bonus_text
from webapp.rubrics.library import ItemWording, item_wording, rubric_of


@dataclass
class ItemView:
    item: Item
    wording: ItemWording  # 要求 and 依据
    excluded: str
    fields: list[Field]
    borrowed: list[tuple[str, str]]  # (label, item id) of inputs this item uses from others
    result: ItemResult
    evidence: list[Evidence] = field(default_factory=list)
    review: ItemReview | None = None
    file_errors: list[str] = field(default_factory=list)
    verified: ItemResult | None = None  # 核定, once finalised


@dataclass
class DimensionTab:
    id: str
    title: str
    answered: int
    applicable: int
    earned: float
    possible: float
    bonus_only: bool = False
    bonus_earned: float = 0.0
    bonus_text: str = ""  # 加分3分 / 加分7分，按上限计5分
    comments: int = 0  # items of this page with an inspector's comment (shown when returned)

    @property
    def complete(self) -> bool:
        return self.answered >= self.applicable


@dataclass
class SectionPage:
    assessment: Assessment
    rubric: Rubric
    dimension: Dimension
    card: ScoreCard
    items: list[ItemView]
    tabs: list[DimensionTab]
    verified: ScoreCard | None = None  # 核定, once finalised
    carried: dict[str, str] = field(default_factory=dict)  # 上年数据 of this page's empty fields
    problems: list[FieldProblem] = field(default_factory=list)  # figures to change, on any page

    @property
    def fields(self) -> list[Field]:
        return [f for view in self.items for f in view.fields]

    @property
    def problems_elsewhere(self) -> list[FieldProblem]:
        return [p for p in self.problems if p.dimension_id != self.dimension.id]


def tabs_for(rubric: Rubric, card: ScoreCard, comments: dict[str, int] | None = None) -> list[DimensionTab]:
    tabs = []
    for dim, sub in zip(rubric.dimensions, card.dimensions, strict=True):
        results = [card.by_id[i.id] for i in dim.items if not i.bonus]
        applicable = [r for r in results if r.status is not Status.NOT_APPLICABLE]
        answered = [r for r in applicable if r.status is not Status.UNANSWERED]
        if all(i.bonus for i in dim.items):
            bonus = [card.by_id[i.id] for i in dim.items]
            applicable = [r for r in bonus if r.status is not Status.NOT_APPLICABLE]
            answered = [r for r in applicable if r.status is not Status.UNANSWERED]
        bonus_only = all(i.bonus for i in dim.items)
        bonus_earned = sum(card.by_id[i.id].earned for i in dim.items if i.bonus)
        tabs.append(
            DimensionTab(
                dim.id,
                dim.title,
                len(answered),
                len(applicable),
                sub.earned,
                sub.possible,
                bonus_only,
                round(bonus_earned, 2),
                bonus_text(bonus_earned, rubric.bonus_cap),
                (comments or {}).get(dim.id, 0),
            )
        )
    return tabs


def section_page(
    assessment: Assessment, dimension_id: str, file_errors: dict[str, list[str]] | None = None
) -> SectionPage | None:
    found = _dimension_of(assessment, dimension_id)
    if found is None:
        return None
    rubric, dimension = found
    profile = assessment.profile
    card = self_card(assessment, rubric)
    needed = _needed_inputs(rubric, profile)
    evidence = evidence_by_item(assessment)
    reviews = {r.item_id: r for r in assessment.reviews}
    finalised = assessment.status == AssessmentStatus.FINALISED
    verified = verified_card(assessment, rubric) if finalised else None
    views = []
    for item in dimension.items:
        own = {inp.key for inp in item.inputs}
        excluded = profile_excludes(item, profile)
        fields = _fields_asked(item, rubric, profile, needed)
        used = list(rule_inputs(item.rule)) + (list(rule_inputs(item.applies_if)) if item.applies_if else [])
        borrowed = [(rubric.inputs[k].label, rubric.input_owner[k]) for k in dict.fromkeys(used) if k not in own]
        views.append(
            ItemView(
                item=item,
                wording=item_wording(item, rubric),
                excluded=excluded,
                fields=fields,
                borrowed=borrowed,
                result=card.by_id[item.id],
                evidence=evidence.get(item.id, []),
                review=reviews.get(item.id),
                file_errors=(file_errors or {}).get(item.id, []),
                verified=verified.by_id[item.id] if verified else None,
            )
        )
    comments = comment_counts(assessment, rubric) if assessment.status == AssessmentStatus.RETURNED else {}
    page = SectionPage(assessment, rubric, dimension, card, views, tabs_for(rubric, card, comments), verified)
    keys = {f.key for f in page.fields}
    page.carried = {key: text for key, text in carried_over(assessment).items() if key in keys}
    page.problems = field_problems(assessment, rubric)
    return page


def section_fields(assessment: Assessment, dimension_id: str) -> list[Field] | None:
    """The form fields of one page, without scoring anything (what a save needs)."""
    found = _dimension_of(assessment, dimension_id)
    if found is None:
        return None
    rubric, dimension = found
    profile = assessment.profile
    needed = _needed_inputs(rubric, profile)
    return [f for item in dimension.items for f in _fields_asked(item, rubric, profile, needed)]


def _dimension_of(assessment: Assessment, dimension_id: str) -> tuple[Rubric, Dimension] | None:
    """The assessment's rubric and its dimension of this id (None: the rubric has none)."""
    rubric = rubric_of(assessment.cycle.rubric_record)
    dimension = next((d for d in rubric.dimensions if d.id == dimension_id), None)
    return None if dimension is None else (rubric, dimension)


def _needed_inputs(rubric: Rubric, profile: SchoolProfile) -> set[str]:
    """The inputs that some item applying to the school reads (in its rule or its condition)."""
    needed: set[str] = set()
    for item in rubric.items:
        if not profile_excludes(item, profile):
            needed.update(rule_inputs(item.rule))
            if item.applies_if is not None:
                needed.update(rule_inputs(item.applies_if))
    return needed


def _fields_asked(item: Item, rubric: Rubric, profile: SchoolProfile, needed: set[str]) -> list[Field]:
    """The item's form fields that the school fills in: the needed ones and the required ones."""
    return [f for f in fields_of(item, rubric, profile) if f.input.key in needed or f.input.required]


def form_data(assessment: Assessment) -> dict[str, Any]:
    """The stored text of every field, to fill the form with what was typed."""
    from webapp.assessments import raw_texts

    return raw_texts(assessment.answers)


@dataclass(frozen=True)
class FieldProblem:
    """A stored figure that needs changing, and where it is: 交流教师（B 队伍建设，B1.1）."""

    key: str
    label: str
    raw: str
    message: str
    dimension_id: str
    dimension_title: str
    item_id: str

    @property
    def page(self) -> str:
        return f"{self.dimension_id} {self.dimension_title}"


def field_problems(assessment: Assessment, rubric: Rubric) -> list[FieldProblem]:
    """Every stored figure with a reason it cannot be accepted, named by its label, in the
    order of the rubric, each with its page (一级指标) and item to link to."""
    order = {item.id: n for n, item in enumerate(rubric.items)}
    found = []
    for row in assessment.answers:
        if not row.error:
            continue
        base, grade = split_field_key(row.key)
        owner = rubric.input_owner.get(base)
        if owner is None:
            continue
        label = rubric.inputs[base].label + (f"（{GRADE_NAMES.get(grade, grade)}）" if grade else "")
        dimension = rubric.place_of(owner)[0]
        found.append(FieldProblem(row.key, label, row.raw or "", row.error, dimension.id, dimension.title, owner))
    return sorted(found, key=lambda p: (order.get(p.item_id, 0), p.key))


def comment_counts(assessment: Assessment, rubric: Rubric) -> dict[str, int]:
    """How many items of each page (一级指标) carry an inspector's comment."""
    counts: dict[str, int] = {}
    for review in assessment.reviews:
        if review.comment and review.item_id in {i.id for i in rubric.items}:
            dimension = rubric.place_of(review.item_id)[0]
            counts[dimension.id] = counts.get(dimension.id, 0) + 1
    return counts


def return_note(assessment: Assessment) -> str:
    """The inspector's overall note (总体意见) of the last 退回修改, from the audit log."""
    from sqlalchemy import select

    from webapp.extensions import db
    from webapp.models import AuditEvent

    if assessment.returned_at is None:
        return ""
    note = db.session.execute(
        select(AuditEvent.reason)
        .where(AuditEvent.assessment_id == assessment.id, AuditEvent.action == "returned")
        .order_by(AuditEvent.id.desc())
        .limit(1)
    ).scalar_one_or_none()
    return note or ""
