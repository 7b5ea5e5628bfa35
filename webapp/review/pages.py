"""What the review (核定) pages show: per item, the school's figures and result beside the
verified ones, the inspector's finding, the evidence and the source clause."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import contains_eager

from checklist.model import Dimension, Item, Rubric, rule_inputs
from checklist.scoring import ItemResult, ScoreCard, Status, profile_excludes
from webapp.assessments import (
    Field,
    answer_text,
    changed_since_return,
    current_cycle,
    evidence_by_item,
    fields_of,
    raw_texts,
    self_card,
    stored_errors,
    verified_card,
)
from webapp.extensions import db
from webapp.models import Assessment, AssessmentStatus, Cycle, District, Evidence, ItemReview, School, parse_id
from webapp.paging import Page, SchoolFilter, paginate
from webapp.results import bonus_text
from webapp.rubrics.library import ItemWording, item_wording, rubric_of
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
        return answer_text(self.corrected)

    @property
    def label(self) -> str:
        if self.field.grade:
            return f"{self.field.input.label}·{self.field.label}"
        return self.field.input.label


@dataclass
class ReviewItem:
    item: Item
    wording: ItemWording  # 要求 and 依据
    excluded: str
    figures: list[Figure]
    self_result: ItemResult
    verified: ItemResult
    review: ItemReview | None
    evidence: list[Evidence] = field(default_factory=list)
    changed: bool = False  # 学校已修改: the school changed it after the last 退回修改

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

    @property
    def pending(self) -> list[ReviewItem]:
        """Applicable items with no finding yet (核定完成 needs none left)."""
        return [i for i in self.items if i.review is None and not i.excluded]

    @property
    def changed(self) -> list[ReviewItem]:
        """Items the school changed after the last 退回修改."""
        return [i for i in self.items if i.changed]

    def bonus(self, verified: bool = False) -> str:
        """The 加分 of the self or the verified score, worded as everywhere."""
        card = self.verified if verified else self.self_card
        return bonus_text(sum(card.by_id[i.id].earned for i in self.rubric.items if i.bonus), self.rubric.bonus_cap)


def review_page(assessment: Assessment, dimension_id: str | None) -> ReviewPage | None:
    """The items of one 一级指标 (or of the whole rubric when dimension_id is None)."""
    rubric = rubric_of(assessment.cycle.rubric_record)
    dimension = None
    if dimension_id is not None:
        dimension = next((d for d in rubric.dimensions if d.id == dimension_id), None)
        if dimension is None:
            return None
    profile = assessment.profile
    own = self_card(assessment, rubric)
    verified = verified_card(assessment, rubric)
    raw = raw_texts(assessment.answers)
    errors = stored_errors(assessment)
    reviews = {r.item_id: r for r in assessment.reviews}
    changed = changed_since_return(assessment, rubric)
    evidence = evidence_by_item(assessment)
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
        items.append(
            ReviewItem(
                item=item,
                wording=item_wording(item, rubric),
                excluded=profile_excludes(item, profile),
                figures=figures,
                self_result=own.by_id[item.id],
                verified=verified.by_id[item.id],
                review=review,
                evidence=evidence.get(item.id, []),
                changed=item.id in changed,
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


# ── 核定任务: the inspector's queue ──────────────────────────────────────────────────────────

UNFINISHED = (AssessmentStatus.SUBMITTED, AssessmentStatus.UNDER_REVIEW, AssessmentStatus.RETURNED)
QUEUE_FILTERS: dict[str, tuple[str, tuple[AssessmentStatus, ...] | None]] = {
    "todo": ("待核定", (AssessmentStatus.SUBMITTED, AssessmentStatus.UNDER_REVIEW)),
    "all": ("全部", None),
    "returned": ("已退回", (AssessmentStatus.RETURNED,)),
    "finalised": ("已核定", (AssessmentStatus.FINALISED,)),
    "draft": ("未提交", (AssessmentStatus.DRAFT,)),
}


@dataclass
class QueuePage:
    """What 核定任务 shows: the assigned schools' assessments of the current cycle and the
    unfinished ones of every other cycle (each marked with its cycle), or one chosen cycle's;
    by status, narrowed by the shared school filter (name or code, district, stage), 50 a page."""

    current: Cycle | None
    paging: Page[Assessment]
    counts: dict[str, int]
    chosen: str
    cycles: list[Cycle]
    cycle_id: int | None
    districts: list[District]
    filters: SchoolFilter
    earlier_todo: int  # 待核定 of other cycles than the current one

    @property
    def rows(self) -> Sequence[Assessment]:
        return self.paging.items

    def args(self, **changes: Any) -> dict[str, Any]:
        """This view's query arguments with some changed (for the tabs' links); a new tab
        starts on its first page."""
        args: dict[str, Any] = {"show": self.chosen, "cycle": self.cycle_id or "", **self.filters.params()}
        args.update(changes)
        return {k: v for k, v in args.items() if v not in ("", None)}


def queue_page(allowed: set[int], args: Mapping[str, str]) -> QueuePage:
    """The queue of an inspector who may see ``allowed`` schools, as ``args`` ask: ``show`` (a
    QUEUE_FILTERS key), ``cycle`` (an id; none: the current cycle and the unfinished work of
    every other), the school filter's ``q``, ``district``, ``stage``, and ``page``."""
    current = current_cycle()
    chosen = args.get("show", "todo")
    if chosen not in QUEUE_FILTERS:
        chosen = "todo"
    in_scope = select(Assessment.cycle_id).where(Assessment.school_id.in_(allowed))
    cycles = list(
        db.session.execute(
            select(Cycle).where(Cycle.id.in_(in_scope)).order_by(Cycle.year.desc(), Cycle.id.desc())
        ).scalars()
    )
    of_schools = select(School.district_id).where(School.id.in_(allowed))
    districts = list(
        db.session.execute(select(District).where(District.id.in_(of_schools)).order_by(District.name)).scalars()
    )
    cycle_id = parse_id(args.get("cycle"))
    if cycle_id not in {c.id for c in cycles}:
        cycle_id = None
    filters = SchoolFilter.from_request(district_ids={d.id for d in districts}, args=args)
    query = filters.apply(
        select(Assessment).join(School, Assessment.school_id == School.id).where(Assessment.school_id.in_(allowed))
    )
    if cycle_id is not None:
        query = query.where(Assessment.cycle_id == cycle_id)
    elif current is not None:
        query = query.where(or_(Assessment.cycle_id == current.id, Assessment.status.in_(UNFINISHED)))
    else:
        query = query.where(Assessment.status.in_(UNFINISHED))
    statuses = list(db.session.execute(query.with_only_columns(Assessment.status, Assessment.cycle_id)).all())
    counts = {
        key: sum(1 for status, _ in statuses if wanted is None or status in wanted)
        for key, (_, wanted) in QUEUE_FILTERS.items()
    }
    todo = QUEUE_FILTERS["todo"][1] or ()
    earlier_todo = sum(1 for status, cycle in statuses if status in todo and (current is None or cycle != current.id))
    wanted = QUEUE_FILTERS[chosen][1]
    if wanted is not None:
        query = query.where(Assessment.status.in_(wanted))
    paging = paginate(
        query.join(Cycle, Assessment.cycle_id == Cycle.id)
        .options(contains_eager(Assessment.school).joinedload(School.district), contains_eager(Assessment.cycle))
        .order_by(Assessment.submitted_at.is_(None), Assessment.submitted_at, Cycle.year, School.code)
    )
    return QueuePage(current, paging, counts, chosen, cycles, cycle_id, districts, filters, earlier_todo)
