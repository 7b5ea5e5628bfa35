"""Read models of rubrics: a plan's candidates with the decisions taken on them, the
draft they make, and how it differs from the rubric in use."""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from checklist.diff import RubricDiff, diff_rubrics
from checklist.extract import Candidate, default_lexicon, describe, extract
from checklist.extract.draft import Draft, draft_rubric
from checklist.extract.plans import PlanInfo, info_of
from checklist.loader import Problem, load_rubric_text
from checklist.model import Rubric
from webapp.assessments import current_cycle
from webapp.extensions import db
from webapp.models import (
    AuditEvent,
    RubricRecord,
)
from webapp.rubrics.library import plan_library, rubric_of

DRAFT_ENTITY = "rubric_draft"


# The words ``selfcheck extract`` prints for a candidate's kind, scope and modality.
DECISIONS = ("pending", "accepted", "rejected")


class UnknownPlan(LookupError):
    """No such plan in the plan library."""


@dataclass(frozen=True)
class Decision:
    status: str = "pending"
    title: str = ""
    value: float | None = None
    value_max: float | None = None
    by: str = ""
    at: dt.datetime | None = None


@dataclass(frozen=True)
class CandidateView:
    index: int
    key: str
    candidate: Candidate
    decision: Decision

    @property
    def requirement(self) -> str:
        return describe(self.effective)

    @property
    def effective(self) -> Candidate:
        """The candidate as the reviewer left it: thresholds edited, scope school when accepted."""
        c = self.candidate
        d = self.decision
        if d.status != "accepted":
            return c
        changes: dict[str, Any] = {"scope": "school"}
        if d.value is not None:
            changes["value"] = d.value
        if d.value_max is not None:
            changes["value_max"] = d.value_max
        return dataclasses.replace(c, **changes)

    @property
    def threshold_editable(self) -> bool:
        return self.candidate.is_quantitative

    @property
    def acceptable(self) -> bool:
        return self.candidate.kind != "deadline" and self.candidate.clause is not None


@dataclass(frozen=True)
class PlanReview:
    info: PlanInfo
    text: str
    candidates: tuple[CandidateView, ...]

    @property
    def accepted(self) -> tuple[CandidateView, ...]:
        return tuple(c for c in self.candidates if c.decision.status == "accepted")

    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys(DECISIONS, 0)
        for c in self.candidates:
            counts[c.decision.status] += 1
        return counts


def plans() -> list[PlanInfo]:
    """Every plan of the library: the seeds, then the plans the bureau added."""
    return [info_of(document) for document in plan_library()]


def candidate_key(c: Candidate) -> str:
    return f"{c.start}-{c.end}-{c.kind}"


def plan_review(plan_file: str) -> PlanReview:
    """The plan's candidates with the decisions taken so far."""
    document = plan_library().get(plan_file)
    if document is None:
        raise UnknownPlan(plan_file)
    info = info_of(document)
    candidates = extract(document.text, doc=info.file, lexicon=default_lexicon(), region=info.region)
    decisions = _decisions(plan_file)
    views = tuple(
        CandidateView(n, candidate_key(c), c, decisions.get(candidate_key(c), Decision()))
        for n, c in enumerate(candidates)
    )
    return PlanReview(info, document.text, views)


def _decisions(plan_file: str) -> dict[str, Decision]:
    events = db.session.execute(
        select(AuditEvent)
        .where(AuditEvent.entity == DRAFT_ENTITY, AuditEvent.entity_id == plan_file)
        .order_by(AuditEvent.id)
    ).scalars()
    decisions: dict[str, Decision] = {}
    for event in events:
        if event.action == "draft_reset":
            decisions.clear()
        elif event.action == "draft_candidate" and isinstance(event.new, dict) and "key" in event.new:
            new = event.new
            decisions[str(new["key"])] = Decision(
                status=str(new.get("status", "pending")),
                title=str(new.get("title") or ""),
                value=new.get("value"),
                value_max=new.get("value_max"),
                by=event.actor_name,
                at=event.at,
            )
    return decisions


@dataclass(frozen=True)
class DraftResult:
    yaml_text: str
    problems: tuple[Problem, ...]
    rubric: Rubric | None
    items: int
    left_out: tuple[tuple[CandidateView, str], ...]  # accepted but not made an item, and why


def default_rubric_id(plan_file: str) -> str:
    import re

    return "draft-" + re.sub(r"[^a-z0-9]+", "-", plan_file.rsplit(".", 1)[0].lower()).strip("-")


def build_draft(review: PlanReview, rubric_id: str, version: int, title: str | None) -> DraftResult:
    """The draft rubric of the accepted candidates (titles and thresholds as edited), checked."""
    accepted = review.accepted
    effective = [v.effective for v in accepted]
    draft = draft_rubric(effective, review.text, review.info, rubric_id, version, title or None)
    effective_views = dict(zip(map(id, effective), accepted, strict=True))
    draft = _with_titles(draft, review, effective_views, rubric_id, version)
    left_out = tuple(
        (effective_views[id(p.candidate)], p.reason) for p in draft.pending if id(p.candidate) in effective_views
    )
    made = {id(c) for c in draft.items}
    duplicates = tuple(
        (view, "与另一条已采纳的候选要求相同，已合并")
        for cid, view in effective_views.items()
        if cid not in made and not any(id(p.candidate) == cid for p in draft.pending)
    )
    text = draft.to_yaml()
    rubric, problems = load_rubric_text(text, f"草稿 {rubric_id}", plan_library())
    return DraftResult(text, tuple(problems), rubric if not problems else None, len(draft.items), left_out + duplicates)


def _with_titles(
    draft: Draft, review: PlanReview, views: Mapping[int, CandidateView], rubric_id: str, version: int
) -> Draft:
    """Put the reviewers' changes on the items: their titles, and for a threshold they changed
    the basis the rubric language asks for a number its quote does not state (教育局决定). The
    draft groups items by dimension and indicator, keeping their order inside a group; a
    candidate's group does not depend on the others, so a one-candidate draft tells where each
    accepted candidate went."""
    wanted: dict[int, dict[str, Any]] = {}
    for c in draft.items:
        view = views.get(id(c))
        if view is None:
            continue
        change: dict[str, Any] = {}
        if view.decision.title:
            change["title"] = view.decision.title
        edited = _edited_threshold(view)
        if edited:
            change["basis"] = {"kind": "bureau_decision", "note": edited}
        if change:
            wanted[id(c)] = change
    if not wanted:
        return draft
    queues: dict[tuple[str, str], list[Candidate]] = {}
    for c in draft.items:
        alone = draft_rubric([c], review.text, review.info, rubric_id, version)
        dimension = alone.data["dimensions"][0]
        key = (dimension["id"], dimension["indicators"][0]["title"])
        queues.setdefault(key, []).append(c)
    data = copy.deepcopy(dict(draft.data))
    for dimension in data["dimensions"]:
        for indicator in dimension["indicators"]:
            queue = queues.get((dimension["id"], indicator["title"]), [])
            for item in indicator["items"]:
                if not queue:
                    break
                c = queue.pop(0)
                item.update(wanted.get(id(c), {}))
    return dataclasses.replace(draft, data=data)


def _edited_threshold(view: CandidateView) -> str:
    """「审核时将阈值由60改为90」 when the reviewer changed the threshold, else ""."""
    before, after = view.candidate, view.effective
    if (before.value, before.value_max) == (after.value, after.value_max):
        return ""
    return f"审核时将要求由{describe(before)}改为{describe(after)}（{view.decision.by or '审核人'}）"


def rubric_in_use() -> RubricRecord | None:
    cycle = current_cycle()
    return cycle.rubric_record if cycle is not None else None


def diff_against(rubric: Rubric, record_: RubricRecord | None) -> RubricDiff | None:
    if record_ is None:
        return None
    return diff_rubrics(rubric_of(record_), rubric)


def latest_record_of(rubric_id: str) -> RubricRecord | None:
    return (
        db.session.execute(
            select(RubricRecord).where(RubricRecord.rubric_id == rubric_id).order_by(RubricRecord.version.desc())
        )
        .scalars()
        .first()
    )
