"""Use cases of rubrics: adding a plan to the plan library and correcting what it says of a
plan, publishing a rubric version, deciding on the extractor's candidates of a plan (the
draft editor's are ``draft_operations``). Each public function is one transaction ending in
the commit."""

from __future__ import annotations

import dataclasses
import hashlib
import re
from typing import NamedTuple

from flask import current_app
from sqlalchemy import select

from checklist.extract.plans import PlanMetadata, propose_metadata
from checklist.loader import RubricError, load_rubric_text
from checklist.model import Rubric
from webapp.audit import record
from webapp.database import write_transaction
from webapp.errors import OperationError
from webapp.extensions import db
from webapp.models import (
    Plan,
    RubricRecord,
    User,
)
from webapp.rubrics.formats import PlanRejected, read_plan
from webapp.rubrics.library import forget_plans, plan_by_sha256, plan_library, sha256_of
from webapp.rubrics.pages import (
    DECISIONS,
    DRAFT_ENTITY,
    CandidateView,
    UnknownPlan,
    plan_review,
)


class PlanAdded(NamedTuple):
    plan: Plan
    created: bool  # False: the same file was in the library already
    proposed: PlanMetadata  # what the text says of itself (shown beside what was used)


def add_plan(
    data: bytes,
    filename: str,
    actor: User | None,
    title: str | None = None,
    issuer: str | None = None,
    year: int | None = None,
    doc_number: str | None = None,
) -> PlanAdded:
    """Add a plan file (.txt, .docx, .xlsx, .pdf, .html) to the plan library: its text read, its
    title, issuer, year and 文号 as given or else as proposed from the text. The same file
    again (by its SHA-256) gives the plan already there. A file that cannot be read, or
    metadata that does not fit, is refused with an OperationError in Chinese."""
    filename = _clean_name(filename)
    digest = hashlib.sha256(data).hexdigest()
    existing = plan_by_sha256(digest)
    if existing is not None:
        return PlanAdded(existing, False, _proposed_of(existing))
    try:
        plan_text = read_plan(
            filename,
            data,
            max_bytes=int(current_app.config["PLAN_MAX_BYTES"]),
            max_unpacked=int(current_app.config["PLAN_MAX_UNPACKED_BYTES"]),
        )
    except PlanRejected as exc:
        raise OperationError(f"{filename}：{exc}") from exc
    proposed = propose_metadata(plan_text.text, plan_text.title, filename)
    fields = _plan_fields(proposed, title, issuer, year, doc_number)
    with write_transaction():
        again = db.session.execute(select(Plan).where(Plan.sha256 == digest)).scalar_one_or_none()
        if again is not None:
            return PlanAdded(again, False, proposed)
        plan = Plan(
            key=_free_key(digest),
            source_name=filename,
            format=plan_text.format,
            sha256=digest,
            text=plan_text.text,
            original=data,
            added_by_id=actor.id if actor else None,
            **fields,
        )
        db.session.add(plan)
        db.session.flush()
        record(
            "plan_added",
            actor,
            entity="plan",
            entity_id=plan.key,
            new={
                **fields,
                "source_name": filename,
                "format": plan_text.format,
                "sha256": digest,
                "chars": len(plan_text.text),
            },
        )
    forget_plans()
    return PlanAdded(plan, True, proposed)


_CONTROL = re.compile(r"[\x00-\x1f\x7f\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]")


def _clean_name(filename: str) -> str:
    name = _CONTROL.sub("", filename.replace("\\", "/").rsplit("/", 1)[-1]).strip()
    return name[:255] or "未命名文件"


def _plan_fields(
    proposed: PlanMetadata, title: str | None, issuer: str | None, year: int | None, doc_number: str | None
) -> dict[str, object]:
    """The metadata as stored: each given value checked, each missing one proposed."""
    chosen_title = _text(title, "标题", 300) or proposed.title
    if not chosen_title:
        raise OperationError("无法从正文中确定工作要点的标题，请给出标题")
    if year is not None and not 1949 <= year <= 2100:
        raise OperationError(f"年度“{year}”不对：应为四位年份，如 2025")
    return {
        "title": chosen_title[:300],
        "issuer": (_text(issuer, "发文单位", 200) or proposed.issuer or "")[:200],
        "year": year if year is not None else proposed.year,
        "doc_number": (_text(doc_number, "文号", 100) or proposed.doc_number or None),
    }


def _text(value: str | None, label: str, limit: int) -> str | None:
    if value is None:
        return None
    value = _CONTROL.sub("", value).strip()
    if len(value) > limit:
        raise OperationError(f"{label}不能超过{limit}个字符")
    return value or None


def _free_key(digest: str) -> str:
    """plan-<16 hex of the SHA-256>.txt; longer in the unlikely case another file has it."""
    for length in (16, 24, 32, 64):
        key = f"plan-{digest[:length]}.txt"
        taken = db.session.execute(select(Plan.id).where(Plan.key == key)).first()
        if taken is None:
            return key
    raise OperationError("计划库中已有同名文件")  # two files with the same SHA-256: not in this world


def _proposed_of(plan: Plan) -> PlanMetadata:
    return propose_metadata(plan.text, None, plan.source_name)


def proposed_metadata(plan: Plan) -> PlanMetadata:
    """What a stored plan's text says of itself (shown beside what the library keeps)."""
    return _proposed_of(plan)


def publish_rubric(yaml_text: str, actor: User | None = None) -> RubricRecord:
    """Store a rubric version (validated). The same id and version again must be identical."""
    rubric, problems = load_rubric_text(yaml_text, "上传的评估细则", plan_library())
    if rubric is None or problems:
        raise RubricError(problems)
    digest = sha256_of(yaml_text)
    with write_transaction():
        existing = db.session.execute(
            select(RubricRecord).where(RubricRecord.rubric_id == rubric.id, RubricRecord.version == rubric.version)
        ).scalar_one_or_none()
        if existing is not None:
            if existing.sha256 != digest:
                raise OperationError(f"评估细则 {rubric.id} 第{rubric.version}版已发布且内容不同：修改请提高版本号")
            return existing
        rec = new_record(yaml_text, rubric, actor)
    return rec


def new_record(yaml_text: str, rubric: Rubric, actor: User | None) -> RubricRecord:
    """The published rubric's row and its audit event, in the caller's transaction."""
    rec = RubricRecord(
        rubric_id=rubric.id,
        version=rubric.version,
        title=rubric.title,
        issuer=rubric.issuer,
        yaml_text=yaml_text,
        sha256=sha256_of(yaml_text),
        uploaded_by_id=actor.id if actor else None,
    )
    db.session.add(rec)
    db.session.flush()
    record(
        "rubric_published",
        actor,
        entity="rubric",
        entity_id=rec.label,
        new={"title": rubric.title, "items": len(rubric.items)},
    )
    return rec


def decide_candidate(
    plan_file: str,
    index: int,
    actor: User,
    status: str,
    *,
    expected_key: str = "",
    title: str = "",
    value: float | None = None,
    value_max: float | None = None,
) -> CandidateView:
    """Accept (optionally with an edited title and threshold), reject, or undo a decision."""
    if status not in DECISIONS:
        raise OperationError("无效的审核操作")
    review = plan_review(plan_file)
    if not 0 <= index < len(review.candidates):
        raise UnknownPlan(f"{plan_file}#{index}")
    view = review.candidates[index]
    if expected_key and expected_key != view.key:
        raise OperationError("候选要求列表已变化（抽取规则或词表已更新），请刷新页面后重新操作")
    if status == "accepted" and not view.acceptable:
        reason = (
            "时限要求不能单独成为评估要点"
            if view.candidate.kind == "deadline"
            else "该候选不在编号条目内，无法注明出处"
        )
        raise OperationError(f"不能采纳：{reason}")
    title = title.strip()
    if status == "accepted" and len(title) > 120:
        raise OperationError("要点名称不能超过120个字符")
    old = dataclasses.asdict(view.decision)
    old.pop("at", None)
    new = {
        "key": view.key,
        "index": index,
        "status": status,
        "title": title if status == "accepted" else "",
        "value": value if status == "accepted" and view.threshold_editable else None,
        "value_max": value_max if status == "accepted" and view.threshold_editable else None,
        "quote": view.candidate.quote[:200],
    }
    with write_transaction():
        record(
            "draft_candidate",
            actor,
            entity=DRAFT_ENTITY,
            entity_id=plan_file,
            old={k: old[k] for k in ("status", "title", "value", "value_max")},
            new=new,
        )
    return plan_review(plan_file).candidates[index]


def reset_review(plan_file: str, actor: User) -> None:
    if plan_library().get(plan_file) is None:
        raise UnknownPlan(plan_file)
    with write_transaction():
        record("draft_reset", actor, entity=DRAFT_ENTITY, entity_id=plan_file)


def update_plan(
    plan_key: str, actor: User, title: str, issuer: str, year: int | None, doc_number: str | None
) -> Plan:
    """Correct what the library says of a plan a bureau added (title, issuer, year, 文号): the
    text proposes them, the officer decides."""
    with write_transaction():
        plan = db.session.execute(select(Plan).where(Plan.key == plan_key)).scalar_one_or_none()
        if plan is None:
            raise UnknownPlan(plan_key)
        fields = _plan_fields(PlanMetadata(None, None, None, None), title, issuer, year, doc_number)
        old = {k: getattr(plan, k) for k in fields}
        changed = {k: v for k, v in fields.items() if old[k] != v}
        if changed:
            for k, v in changed.items():
                setattr(plan, k, v)
            record(
                "plan_changed",
                actor,
                entity="plan",
                entity_id=plan.key,
                old={k: old[k] for k in changed},
                new=changed,
            )
    forget_plans()
    return plan
