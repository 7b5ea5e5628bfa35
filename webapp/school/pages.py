"""What a self-assessment page shows, item by item, built from the rubric and the stored data."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from checklist.diff import describe_rule
from checklist.model import Dimension, IsFalse, IsTrue, Item, Rubric, rule_inputs
from checklist.scoring import ItemResult, ScoreCard, Status, profile_excludes
from checklist.seeds import tidy_quote
from webapp.assessments import Field, fields_of, self_card
from webapp.models import Assessment, Evidence, ItemReview
from webapp.rubrics.library import rubric_of, source_citation


@dataclass
class ItemView:
    item: Item
    requirement: str
    citation: str
    quote: str
    excluded: str
    fields: list[Field]
    borrowed: list[tuple[str, str]]  # (label, item id) of inputs this item uses from others
    result: ItemResult
    evidence: list[Evidence] = field(default_factory=list)
    review: ItemReview | None = None
    file_errors: list[str] = field(default_factory=list)


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

    @property
    def fields(self) -> list[Field]:
        return [f for view in self.items for f in view.fields]


def tabs_for(rubric: Rubric, card: ScoreCard) -> list[DimensionTab]:
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
            )
        )
    return tabs


def section_page(
    assessment: Assessment, dimension_id: str, file_errors: dict[str, list[str]] | None = None
) -> SectionPage | None:
    rubric = rubric_of(assessment.cycle.rubric_record)
    dimension = next((d for d in rubric.dimensions if d.id == dimension_id), None)
    if dimension is None:
        return None
    profile = assessment.school.profile
    card = self_card(assessment, rubric)
    needed: set[str] = set()
    for item in rubric.items:
        if not profile_excludes(item, profile):
            needed.update(rule_inputs(item.rule))
            if item.applies_if is not None:
                needed.update(rule_inputs(item.applies_if))
    evidence: dict[str, list[Evidence]] = {}
    for ev in assessment.evidence:
        evidence.setdefault(ev.item_id, []).append(ev)
    reviews = {r.item_id: r for r in assessment.reviews}
    views = []
    for item in dimension.items:
        own = {inp.key for inp in item.inputs}
        excluded = profile_excludes(item, profile)
        fields = [f for f in fields_of(item, rubric, profile) if f.input.key in needed or f.input.required]
        used = list(rule_inputs(item.rule)) + (list(rule_inputs(item.applies_if)) if item.applies_if else [])
        borrowed = [(rubric.inputs[k].label, rubric.input_owner[k]) for k in dict.fromkeys(used) if k not in own]
        source = item.source
        views.append(
            ItemView(
                item=item,
                requirement="" if isinstance(item.rule, IsTrue | IsFalse) else describe_rule(item.rule, rubric.inputs),
                citation=source_citation(source.doc, source.clause) if source else "",
                quote=tidy_quote(source.quote) if source else "",
                excluded=excluded,
                fields=fields,
                borrowed=borrowed,
                result=card.by_id[item.id],
                evidence=evidence.get(item.id, []),
                review=reviews.get(item.id),
                file_errors=(file_errors or {}).get(item.id, []),
            )
        )
    return SectionPage(assessment, rubric, dimension, card, views, tabs_for(rubric, card))


def section_fields(assessment: Assessment, dimension_id: str) -> list[Field] | None:
    """The form fields of one page, without scoring anything (what a save needs)."""
    rubric = rubric_of(assessment.cycle.rubric_record)
    dimension = next((d for d in rubric.dimensions if d.id == dimension_id), None)
    if dimension is None:
        return None
    profile = assessment.school.profile
    needed: set[str] = set()
    for item in rubric.items:
        if not profile_excludes(item, profile):
            needed.update(rule_inputs(item.rule))
            if item.applies_if is not None:
                needed.update(rule_inputs(item.applies_if))
    return [
        f
        for item in dimension.items
        for f in fields_of(item, rubric, profile)
        if f.input.key in needed or f.input.required
    ]


def form_data(assessment: Assessment) -> dict[str, Any]:
    """The stored text of every field, to fill the form with what was typed."""
    from webapp.assessments import raw_texts

    return raw_texts(assessment.answers)
