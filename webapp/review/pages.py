"""What the review (核定) pages show: per item, the school's figures and result beside the
verified ones, the inspector's finding, the evidence and the source clause."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from checklist.diff import describe_rule
from checklist.model import Dimension, IsFalse, IsTrue, Item, Rubric, rule_inputs
from checklist.scoring import ItemResult, ScoreCard, Status, profile_excludes
from checklist.seeds import tidy_quote
from webapp.assessments import Field, fields_of, raw_texts, self_card, stored_errors, verified_card
from webapp.models import Assessment, Evidence, ItemReview
from webapp.rubrics.library import rubric_of, source_citation
from webapp.school.pages import DimensionTab, tabs_for


@dataclass
class Figure:
    """One figure as the school gave it, and as corrected."""

    field: Field
    raw: str
    error: str
    corrected: Any = None

    @property
    def corrected_text(self) -> str:
        value = self.corrected
        if value is None:
            return ""
        if isinstance(value, bool):
            return "是" if value else "否"
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        return str(value)

    @property
    def label(self) -> str:
        if self.field.grade:
            return f"{self.field.input.label}·{self.field.label}"
        return self.field.input.label


@dataclass
class ReviewItem:
    item: Item
    requirement: str
    citation: str
    quote: str
    excluded: str
    figures: list[Figure]
    self_result: ItemResult
    verified: ItemResult
    review: ItemReview | None
    evidence: list[Evidence] = field(default_factory=list)

    @property
    def differs(self) -> bool:
        return (self.verified.status, self.verified.earned) != (self.self_result.status, self.self_result.earned)

    @property
    def state(self) -> str:
        """未核定 / 已确认 / 已更正 / 已改判."""
        if self.review is None:
            return "未核定"
        if self.review.override_status:
            return "已改判"
        if self.review.corrected:
            return "已更正"
        return "已确认" if self.review.confirmed else "已批注"


@dataclass
class ReviewPage:
    assessment: Assessment
    rubric: Rubric
    dimension: Dimension | None
    self_card: ScoreCard
    verified: ScoreCard
    items: list[ReviewItem]
    tabs: list[DimensionTab]

    @property
    def differences(self) -> list[ReviewItem]:
        return [i for i in self.items if i.differs or (i.review is not None and i.review.corrected)]

    @property
    def reviewed(self) -> int:
        return sum(1 for i in self.items if i.review is not None and not i.excluded)

    @property
    def reviewable(self) -> int:
        return sum(1 for i in self.items if not i.excluded)


def review_page(assessment: Assessment, dimension_id: str | None) -> ReviewPage | None:
    """The items of one 一级指标 (or of the whole rubric when dimension_id is None)."""
    rubric = rubric_of(assessment.cycle.rubric_record)
    dimension = None
    if dimension_id is not None:
        dimension = next((d for d in rubric.dimensions if d.id == dimension_id), None)
        if dimension is None:
            return None
    profile = assessment.school.profile
    own = self_card(assessment, rubric)
    verified = verified_card(assessment, rubric)
    raw = raw_texts(assessment.answers)
    errors = stored_errors(assessment)
    reviews = {r.item_id: r for r in assessment.reviews}
    evidence: dict[str, list[Evidence]] = {}
    for ev in assessment.evidence:
        evidence.setdefault(ev.item_id, []).append(ev)
    items = []
    for item in dimension.items if dimension else rubric.items:
        used = set(rule_inputs(item.rule)) | (set(rule_inputs(item.applies_if)) if item.applies_if else set())
        figures_fields: list[Field] = []
        for key in dict.fromkeys([*(i.key for i in item.inputs), *sorted(used)]):
            if key not in used and not rubric.inputs[key].required:
                continue
            owner = rubric.item(rubric.input_owner[key])
            figures_fields.extend(f for f in fields_of(owner, rubric, profile) if f.input.key == key)
        review = reviews.get(item.id)
        corrected = dict(review.corrected) if review and review.corrected else {}
        figures = [Figure(f, raw.get(f.key, ""), errors.get(f.key, ""), corrected.get(f.key)) for f in figures_fields]
        source = item.source
        items.append(
            ReviewItem(
                item=item,
                requirement="" if isinstance(item.rule, IsTrue | IsFalse) else describe_rule(item.rule, rubric.inputs),
                citation=source_citation(source.doc, source.clause) if source else "",
                quote=tidy_quote(source.quote) if source else "",
                excluded=profile_excludes(item, profile),
                figures=figures,
                self_result=own.by_id[item.id],
                verified=verified.by_id[item.id],
                review=review,
                evidence=evidence.get(item.id, []),
            )
        )
    return ReviewPage(assessment, rubric, dimension, own, verified, items, tabs_for(rubric, own))


OVERRIDE_CHOICES = (
    ("", "按核定数据计算"),
    (Status.MET.value, "达标"),
    (Status.PARTIAL.value, "部分达标"),
    (Status.NOT_MET.value, "未达标"),
    (Status.NOT_APPLICABLE.value, "不适用"),
)
