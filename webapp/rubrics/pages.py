"""Read models of rubrics: a plan's candidates with the decisions taken on them, the
draft they make, and how it differs from the rubric in use."""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import itertools
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from checklist.diff import RubricDiff, diff_rubrics
from checklist.extract import Candidate, default_lexicon, describe, extract, windows_joined
from checklist.extract.draft import Draft, draft_rubric
from checklist.extract.plans import PlanInfo, info_of
from checklist.extract.unread import READING_KINDS, Unread, unread_sentences
from checklist.loader import Problem, load_rubric_text
from checklist.model import Rubric
from webapp.assessments import current_cycle
from webapp.extensions import db
from webapp.models import (
    AuditEvent,
    RubricDraft,
    RubricRecord,
)
from webapp.rubrics import editor, editor_build
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
        deadline = self.candidate.kind == "deadline" and not self.candidate.is_time_of_day
        return not deadline and self.candidate.clause is not None


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
    # a window of the day is one requirement to decide on, not its two times apart
    candidates = windows_joined(extract(document.text, doc=info.file, lexicon=default_lexicon(), region=info.region))
    # a sentence of a plan without numbering (a short notice of plain paragraphs) is cited as 正文,
    # as `rubric draft` and a passage the officer selects cite it; a title or a signature stays uncited
    candidates = tuple(
        c if c.clause is not None else dataclasses.replace(c, clause=document.clause_of(c.start)) for c in candidates
    )
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


# -- the draft editor ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ItemView:
    """One item of a draft as the editor shows it."""

    uid: str
    item: dict[str, Any]
    requirement: str
    extracted: str  # the requirement as the plan states it, when the officer changed it
    aside: str  # why the extractor's candidate is set aside ("" for a proposed item)
    cannot: str  # why it cannot be accepted ("")
    problems: tuple[str, ...]  # what ``rubric check`` says of it, in words
    item_id: str  # its id in the rubric the draft would publish (A1.2), "" when not in it

    @property
    def status(self) -> str:
        return str(self.item.get("status") or "pending")

    @property
    def base(self) -> dict[str, Any] | None:
        base = self.item.get("base")
        return base if isinstance(base, dict) else None


@dataclass(frozen=True)
class Segment:
    """A run of the plan's text: plain, inside an item's quote (its uid and status), or in a
    sentence with an amount no item reads (its number in the list, 1 on; ``anchor`` on its first run)."""

    text: str
    uid: str = ""
    status: str = ""
    unread: int = 0
    anchor: bool = False


@dataclass(frozen=True)
class UnreadView:
    """A sentence of the plan with an amount no item reads, and the passages of it that can be
    made an item at one click (each found once in the plan, on one line)."""

    number: int
    sentence: Unread
    offers: tuple[str, ...]


@dataclass(frozen=True)
class EditorPage:
    info: PlanInfo
    dimensions: list[list[str]]
    proposed: tuple[ItemView, ...]  # the school's requirements: extracted or added
    aside: tuple[ItemView, ...]  # region targets, unclear scope, deadlines, text outside clauses
    retired: tuple[ItemView, ...]  # last year's items whose clause is gone
    segments: tuple[Segment, ...]
    unread: tuple[UnreadView, ...]  # sentences with an amount no item reads, for the officer to look at
    totals: tuple[editor.DimensionTotal, ...]
    total: float
    built: editor_build.Built
    base: RubricRecord | None
    counts: dict[str, int]
    indicators: tuple[str, ...]  # the indicator titles in use, offered when typing one
    draft_id: int = 0
    draft_version: int = 0  # the version of the draft the page shows (a change to all items checks it)

    @property
    def all_items(self) -> tuple[ItemView, ...]:
        return self.proposed + self.aside + self.retired

    @property
    def changed_thresholds(self) -> tuple[ItemView, ...]:
        return tuple(v for v in self.proposed if v.base and v.base.get("change") == "changed")


def draft_built(
    draft: RubricDraft, rubric_id: str | None = None, version: int | None = None, title: str | None = None
) -> editor_build.Built:
    """The rubric the draft would publish, checked as ``rubric check`` checks it."""
    document = plan_library().get(draft.plan_key)
    if document is None:
        raise UnknownPlan(draft.plan_key)
    info = info_of(document)
    settings = editor_build.Settings(
        rubric_id or draft.rubric_id,
        version or draft.rubric_version,
        title if title is not None else draft.title,
        info.issuer,
        info.year,
    )
    return editor_build.build(
        settings, draft.content["items"], draft.content["dimensions"], document.text, info, plan_library()
    )


def editor_page(draft: RubricDraft) -> EditorPage:
    document = plan_library().get(draft.plan_key)
    if document is None:
        raise UnknownPlan(draft.plan_key)
    info = info_of(document)
    items: list[dict[str, Any]] = list(draft.content["items"])
    dimensions: list[list[str]] = list(draft.content["dimensions"])
    built = draft_built(draft)
    views: list[ItemView] = []
    for item in items:
        requirement = editor.requirement(item, info.file)
        extracted = editor.extracted_requirement(item) if item.get("origin") not in editor.AS_PUBLISHED else ""
        views.append(
            ItemView(
                uid=str(item["uid"]),
                item=item,
                requirement=requirement,
                extracted=extracted if extracted and extracted != requirement else "",
                aside=editor.aside_reason(item),
                cannot=editor.acceptable(item),
                problems=built.by_item.get(str(item["uid"]), ()),
                item_id=built.ids.get(str(item["uid"]), ""),
            )
        )
    unread = unread_views(document.text, items)
    proposed = tuple(v for v in views if not v.aside and v.item.get("origin") != "retired")
    aside = tuple(v for v in views if v.aside)
    retired = tuple(v for v in views if v.item.get("origin") == "retired")
    rows, total = editor.totals(items, dimensions)
    counts = dict.fromkeys(editor.STATUSES, 0)
    for item in items:
        counts[str(item.get("status") or "pending")] += 1
    indicators = tuple(dict.fromkeys(str(i.get("indicator")) for i in items if i.get("indicator")))
    return EditorPage(
        info=info,
        dimensions=dimensions,
        proposed=proposed,
        aside=aside,
        retired=retired,
        segments=text_segments(document.text, items, unread),
        unread=unread,
        totals=rows,
        total=total,
        built=built,
        base=draft.base_record,
        counts=counts,
        indicators=indicators,
        draft_id=draft.id,
        draft_version=draft.version,
    )


def unread_views(text: str, items: list[dict[str, Any]]) -> tuple[UnreadView, ...]:
    """The sentences of the plan with an amount (60分钟, 2次, 15%) that no item reads: an item
    of a kind with a number, or one the officer made of a passage or decided on."""
    read = [
        (int(i["start"]), int(i["end"]))
        for i in items
        if i.get("origin") != "retired"
        and i.get("start") is not None
        and (i.get("kind") in READING_KINDS or i.get("origin") == "added" or i.get("deduction"))
    ]
    views = []
    for n, sentence in enumerate(unread_sentences(text, read), 1):
        offers = []
        for passage in sentence.passages:
            try:
                editor.locate_passage(passage, text)
            except editor.DraftEditError:
                continue
            offers.append(passage)
        views.append(UnreadView(n, sentence, tuple(offers)))
    return tuple(views)


def text_segments(
    text: str, items: list[dict[str, Any]], unread: tuple[UnreadView, ...] = ()
) -> tuple[Segment, ...]:
    """The plan's text cut where items' quotes and unread sentences begin and end; a run inside
    several quotes belongs to the shortest (the innermost requirement)."""
    spans = sorted(
        (int(i["start"]), int(i["end"]), str(i["uid"]), str(i.get("status") or "pending"))
        for i in items
        if i.get("origin") != "retired"
        and i.get("start") is not None
        and 0 <= int(i["start"]) < int(i["end"]) <= len(text)
    )
    sentences = [(u.sentence.start, u.sentence.end, u.number) for u in unread]
    ends = [(s[0], s[1]) for s in spans] + [(u[0], u[1]) for u in sentences]
    bounds = sorted({0, len(text), *(a for a, _ in ends), *(b for _, b in ends)})
    out: list[Segment] = []
    anchored: set[int] = set()
    for a, b in itertools.pairwise(bounds):
        covering = [s for s in spans if s[0] <= a and b <= s[1]]
        inside = next((u[2] for u in sentences if u[0] <= a and b <= u[1]), 0)
        if covering:
            inner = min(covering, key=lambda s: s[1] - s[0])
            out.append(Segment(text[a:b], inner[2], inner[3]))
        elif inside:
            out.append(Segment(text[a:b], unread=inside, anchor=inside not in anchored))
            anchored.add(inside)
        elif out and not out[-1].uid and not out[-1].unread:
            out[-1] = Segment(out[-1].text + text[a:b])
        else:
            out.append(Segment(text[a:b]))
    return tuple(out)


def plan_drafts(plan_key: str) -> list[RubricDraft]:
    return list(
        db.session.execute(
            select(RubricDraft).where(RubricDraft.plan_key == plan_key).order_by(RubricDraft.id.desc())
        ).scalars()
    )
