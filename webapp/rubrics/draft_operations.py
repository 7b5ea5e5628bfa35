"""Use cases of the draft editor: a draft started from a plan of the library (and last year's
rubric), its items saved one by one with a check against another officer's save, points
balanced, passages added from the plan's text, and the draft published as a rubric version.
Each public function is one transaction ending in the commit."""


from __future__ import annotations

import copy
from typing import Any

from sqlalchemy import select

from checklist.extract.plans import info_of
from checklist.loader import Problem, RubricError, load_rubric_text
from checklist.outline import cite
from webapp.audit import record
from webapp.database import write_transaction
from webapp.errors import OperationError
from webapp.extensions import db
from webapp.models import (
    RubricDraft,
    RubricRecord,
    User,
    utcnow,
)
from webapp.rubrics import editor
from webapp.rubrics.carry import carry_forward
from webapp.rubrics.library import plan_library
from webapp.rubrics.operations import new_record
from webapp.rubrics.pages import (
    DRAFT_ENTITY,
    CandidateView,
    UnknownPlan,
    default_rubric_id,
    draft_built,
    latest_record_of,
    plan_review,
)


class StaleItem(OperationError):
    """Another officer saved the item since this form was opened; ``current`` is the saved item."""

    def __init__(self, current: dict[str, Any]) -> None:
        by = current.get("by") or "另一位起草人"
        super().__init__(f"这一要点已被{by}修改（已保存第{current.get('rev')}稿），您的修改没有保存")
        self.current = current


def start_draft(plan_key: str, actor: User, base_record_id: int | None = None) -> RubricDraft:
    """A new draft of a plan of the library: every candidate of the extractor is an item,
    pending (or as the plan's review left it); with last year's rubric, its items are carried
    forward where the plan still says the same, changed thresholds set side by side, and items
    whose clause is gone proposed for retirement."""
    document = plan_library().get(plan_key)
    if document is None:
        raise UnknownPlan(plan_key)
    review = plan_review(plan_key)
    items = [
        _reviewed(editor.new_item(f"c{view.index}", view.candidate, review.text, review.info), view)
        for view in review.candidates
    ]
    editor.take_table_points(items, [view.candidate for view in review.candidates], review.text)
    dimensions = editor.default_dimensions()
    base = None
    if base_record_id is not None:
        base = db.session.get(RubricRecord, base_record_id)
        if base is None:
            raise OperationError("所选的上一年度评估细则不存在")
        items, dimensions = carry_forward(items, dimensions, base, review)
    rubric_id = base.rubric_id if base is not None else default_rubric_id(plan_key)
    latest = latest_record_of(rubric_id)
    version = latest.version + 1 if latest is not None else 1
    with write_transaction():
        draft = RubricDraft(
            plan_key=plan_key,
            base_record_id=base.id if base is not None else None,
            rubric_id=rubric_id,
            rubric_version=version,
            title=f"{review.info.title}（办学水平自评细则）"[:300],
            content={"dimensions": dimensions, "items": items, "next": 1},
            version=1,
            created_by_id=actor.id,
            updated_by_id=actor.id,
        )
        db.session.add(draft)
        db.session.flush()
        record(
            "draft_started",
            actor,
            entity=DRAFT_ENTITY,
            entity_id=draft.id,
            new={
                "plan": review.info.title,
                "base": base.title if base is not None else None,
                "items": len(items),
                "accepted": sum(1 for i in items if i["status"] == "accepted"),
            },
        )
    return draft


def _reviewed(item: dict[str, Any], view: CandidateView) -> dict[str, Any]:
    """The item as the plan's earlier review left its candidate (accepted with a title and
    threshold, or rejected)."""
    decision = view.decision
    if decision.status == "pending":
        return item
    item["status"] = decision.status
    if decision.title:
        item["title"] = decision.title
    if decision.value is not None:
        item["value"] = decision.value
    if decision.value_max is not None:
        item["value_max"] = decision.value_max
    item["by"] = decision.by
    return item


def _locked_draft(draft_id: int) -> RubricDraft:
    draft = db.session.execute(
        select(RubricDraft).where(RubricDraft.id == draft_id).with_for_update()
    ).scalar_one_or_none()
    if draft is None:
        raise OperationError("草稿不存在")
    return draft


def _store(draft: RubricDraft, items: list[dict[str, Any]], actor: User, **extra: Any) -> None:
    """A new JSON value (never changed in place: the column is saved when it is replaced)."""
    draft.content = {**draft.content, "items": items, **extra}
    draft.version = draft.version + 1
    draft.updated_by_id = actor.id
    draft.updated_at = utcnow()


def save_item(draft_id: int, uid: str, actor: User, expected_rev: int, changes: dict[str, Any]) -> dict[str, Any]:
    """Save an officer's edit of one item. Refused with StaleItem when the item was saved by
    someone else since the form was opened (its revision moved on): nothing is overwritten."""
    with write_transaction():
        draft = _locked_draft(draft_id)
        items: list[dict[str, Any]] = copy.deepcopy(list(draft.content["items"]))
        index = next((n for n, i in enumerate(items) if i["uid"] == uid), None)
        if index is None:
            raise OperationError("草稿中没有这一要点")
        item: dict[str, Any] = items[index]
        if int(item.get("rev", 1)) != expected_rev:
            raise StaleItem(item)
        if changes.get("status") == "accepted":
            why = editor.acceptable({**item, **changes})
            if why:
                raise OperationError(f"不能采纳：{why}")
        changed = {k: v for k, v in changes.items() if k in editor.EDITABLE and item.get(k) != v}
        if not changed:
            return item
        old = {k: item.get(k) for k in changed}
        item.update(changed)
        _mark_edited(item, actor)
        _store(draft, items, actor)
        record(
            "draft_item_saved",
            actor,
            entity=DRAFT_ENTITY,
            entity_id=draft.id,
            old=_audited(old),
            new={
                **_audited(changed),
                "item": f"{_where(item)} {editor.requirement(item)}",
                "quote": item["quote"][:200],
            },
        )
    return item


def _mark_edited(item: dict[str, Any], actor: User) -> None:
    """A draft item changed: its next revision (a page holding the last one is stale), by whom, when."""
    item["rev"] = int(item.get("rev", 1)) + 1
    item["by"] = actor.name
    item["at"] = utcnow().isoformat(timespec="seconds")


def _audited(fields: dict[str, Any]) -> dict[str, Any]:
    return {editor.AUDIT_KEYS.get(k, k): editor.audit_value(k, v) for k, v in fields.items()}


def _where(item: dict[str, Any]) -> str:
    return cite(item["clause"]) if item.get("clause") else "原文"


def balance_points(draft_id: int, actor: User, expected_version: int) -> int:
    """Share 100 points among the accepted items that are not bonus, in proportion to their
    points now; returns how many items changed. Refused when the draft was saved since the page
    was opened (its version moved on): the officer sees the points before they change."""
    with write_transaction():
        draft = _locked_draft(draft_id)
        if draft.version != expected_version:
            raise StaleItem({"by": draft.updated_by.name if draft.updated_by else "", "rev": draft.version})
        items: list[dict[str, Any]] = copy.deepcopy(list(draft.content["items"]))
        core = [i for i in items if i.get("status") == "accepted" and not i.get("bonus")]
        if not core:
            raise OperationError("还没有采纳任何计分要点，无法调整分值")
        before = sum(float(i.get("points") or 0) for i in core)
        changed = 0
        shares = editor.balanced_points([float(i.get("points") or 0) for i in core])
        for entry, points in zip(core, shares, strict=True):
            if entry.get("points") != points:
                entry["points"] = points
                _mark_edited(entry, actor)
                changed += 1
        if changed:
            _store(draft, items, actor)
            record(
                "draft_points_balanced",
                actor,
                entity=DRAFT_ENTITY,
                entity_id=draft.id,
                old={"total_points": before},
                new={"total_points": 100, "items": changed},
            )
    return changed


def add_passage(draft_id: int, actor: User, quote: str) -> dict[str, Any]:
    """Make an item of a passage of the plan the extractor missed (accepted at once)."""
    draft = db.session.get(RubricDraft, draft_id)
    if draft is None:
        raise OperationError("草稿不存在")
    document = plan_library().get(draft.plan_key)
    if document is None:
        raise UnknownPlan(draft.plan_key)
    info = info_of(document)
    quote = quote.strip()
    try:
        start = editor.locate_passage(quote, document.text)
    except editor.DraftEditError as exc:
        raise OperationError(str(exc)) from exc
    clause = document.clause_of(start)
    if clause is None:
        raise OperationError("这段文字不在任何条目内（如标题、文号），无法注明出处：请选取条目中的要求")
    with write_transaction():
        draft = _locked_draft(draft_id)
        number = int(draft.content.get("next", 1))
        item = editor.item_from_passage(f"a{number}", quote, document.text, info, clause)
        item["by"] = actor.name
        item["at"] = utcnow().isoformat(timespec="seconds")
        items = [*copy.deepcopy(list(draft.content["items"])), item]
        items.sort(key=lambda i: (i.get("start") is None, i.get("start") or 0))
        _store(draft, items, actor, next=number + 1)
        record(
            "draft_item_added",
            actor,
            entity=DRAFT_ENTITY,
            entity_id=draft.id,
            new={
                "item": f"{_where(item)} {editor.requirement(item)}",
                "quote": quote[:200],
                "requirement_kind": editor.audit_value("kind", item["kind"]),
            },
        )
    return item


def publish_draft(draft_id: int, actor: User, rubric_id: str, version: int, title: str) -> RubricRecord:
    """Publish the draft as a new rubric version (never over a published one): checked like
    ``rubric check``, stored, the draft marked with it; the next version is ready for more work."""
    draft = db.session.get(RubricDraft, draft_id)
    if draft is None:
        raise OperationError("草稿不存在")
    built = draft_built(draft, rubric_id, version, title)
    if not built.items:
        raise OperationError("还没有采纳任何要点，无法发布")
    if built.problems or built.by_item or built.general:
        raise RubricError(built.problems or [Problem("草稿", "rubric", "", "草稿未通过检查")])
    rubric, problems = load_rubric_text(built.yaml_text, "草稿", plan_library())
    if rubric is None or problems:
        raise RubricError(problems)
    with write_transaction():
        existing = db.session.execute(
            select(RubricRecord).where(RubricRecord.rubric_id == rubric.id, RubricRecord.version == rubric.version)
        ).scalar_one_or_none()
        if existing is not None:
            raise OperationError(
                f"评估细则 {rubric.id} 第{rubric.version}版已经发布：已发布的版本不能修改，请改用新的版本号"
            )
        rec = new_record(built.yaml_text, rubric, actor)
        draft = _locked_draft(draft_id)
        draft.published_record_id = rec.id
        draft.rubric_id = rubric.id
        draft.rubric_version = rubric.version + 1
        draft.title = rubric.title
        draft.version = draft.version + 1
        draft.updated_by_id = actor.id
        draft.updated_at = utcnow()
        record(
            "draft_published",
            actor,
            entity=DRAFT_ENTITY,
            entity_id=draft.id,
            new={"rubric": rec.label, "title": rubric.title, "items": len(rubric.items)},
        )
    return rec
