"""The audit log: ``record()`` adds an event to the current transaction, and the
vocabulary of actions, entities and fields with their Chinese names, so that every page and
export shows the log in words."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from flask import g, has_request_context
from sqlalchemy import select

from webapp.database import write_transaction
from webapp.extensions import db
from webapp.models import (
    Assessment,
    AuditEvent,
    User,
    utcnow,
)
from webapp.web import client_ip

ACTION_LABELS = {
    "login": "登录",
    "login_failed": "登录失败",
    "logout": "退出",
    "password_changed": "修改密码",
    "password_reset": "重置密码",
    "user_created": "创建账号",
    "user_deactivated": "停用账号",
    "user_activated": "启用账号",
    "rubric_published": "发布评估细则",
    "cycle_opened": "开始年度评估",
    "cycle_closed": "结束年度评估",
    "cycle_changed": "修改年度评估",
    "answers_saved": "保存填报",
    "self_score_changed": "自评得分变化",
    "evidence_uploaded": "上传佐证材料",
    "evidence_deleted": "删除佐证材料",
    "submitted": "提交自评",
    "review_started": "开始核定",
    "item_reviewed": "核定要点",
    "items_confirmed": "确认要点",
    "verified_score_changed": "核定得分变化",
    "returned": "退回修改",
    "finalised": "核定完成",
    "schools_imported": "导入学校名单",
    "assignment_changed": "调整督学分工",
    "export": "导出数据",
    "report_downloaded": "下载评估报告",
    "report_batch_started": "批量生成评估报告",
    "job_started": "开始后台任务",
    "job_result_downloaded": "下载后台任务结果",
    "cycle_reopened": "重新开放年度评估",
    "cycle_schools_added": "增加参评学校",
    "draft_candidate": "审核候选要求",
    "draft_reset": "重新审核工作要点",
}


# Actions this module adds to the audit log, with their Chinese names (views_helpers has the rest).
ADMIN_ACTION_LABELS = {
    "cycle_reopened": "重新开放年度评估",
    "cycle_schools_added": "增加参评学校",
    "draft_candidate": "审核候选要求",
    "draft_reset": "重新审核工作要点",
}


def action_labels() -> dict[str, str]:

    return {**ACTION_LABELS, **ADMIN_ACTION_LABELS}


ENTITY_LABELS = {
    "assessment": "自评",
    "item": "评估要点",
    "user": "账号",
    "cycle": "年度评估",
    "rubric": "评估细则",
    "evidence": "佐证材料",
    "school_list": "学校名单",
    "schools": "学校名单",
    "scores": "得分",
    "audit": "操作日志",
    "inspector": "督学分工",
    "assignment": "督学分工",
    "report": "评估报告",
    "rubric_draft": "细则草稿",
}


_KEY_LABELS = {
    "status": "状态",
    "self_percent": "自评得分",
    "self_level": "自评等级",
    "verified_percent": "核定得分",
    "verified_level": "核定等级",
    "active": "启用",
    "name": "名称",
    "deadline": "截止日期",
    "reason": "理由",
    "comment": "意见",
    "override": "核定结果",
    "result": "核定结果",
    "earned": "得分",
}


def record(
    action: str,
    actor: User | None,
    *,
    entity: str = "",
    entity_id: object = "",
    school_id: int | None = None,
    assessment_id: int | None = None,
    old: Any = None,
    new: Any = None,
    reason: str = "",
) -> None:
    """Add an audit event to the current transaction (never commits by itself)."""
    db.session.add(
        AuditEvent(
            at=utcnow(),
            actor_id=actor.id if actor else None,
            actor_name=actor.name if actor else "系统",
            actor_role=actor.role if actor else "system",
            school_id=school_id,
            assessment_id=assessment_id,
            action=action,
            entity=entity,
            entity_id=str(entity_id),
            old=old,
            new=new,
            reason=reason,
            ip=client_ip() if has_request_context() else "",
            request_id=g.get("request_id", "") if has_request_context() else "",
        )
    )


def audit_for(assessment: Assessment, limit: int = 50) -> list[AuditEvent]:
    return list(
        db.session.execute(
            select(AuditEvent)
            .where(AuditEvent.assessment_id == assessment.id)
            .order_by(AuditEvent.id.desc())
            .limit(limit)
        ).scalars()
    )


def record_job_download(actor: User, job_id: int, kind: str, filename: str) -> None:
    """Taking a background job's result (an export, a batch of reports) out is audited too."""
    with write_transaction():
        record(
            "job_result_downloaded",
            db.session.get(User, actor.id),
            entity="job",
            entity_id=job_id,
            new={"kind": kind, "file": filename},
        )


def record_download(actor: User, what: str, entity_id: object, school_id: int | None = None) -> None:
    """Reading official results is audited too (who downloaded which report, when)."""
    with write_transaction():
        record(
            "report_downloaded",
            db.session.get(User, actor.id),
            entity=what,
            entity_id=entity_id,
            school_id=school_id,
            assessment_id=entity_id if what == "report" else None,
        )


def record_export(actor: User, what: str, detail: Mapping[str, Any]) -> None:
    """An export leaves a trace: who took which data out, and how much."""
    with write_transaction():
        record("export", actor, entity=what, entity_id=str(detail.get("cycle", "")), new=dict(detail))


def _value_text(value: Any) -> str:
    from checklist.scoring import STATUS_LABELS as ITEM_LABELS
    from webapp.lifecycle import STATUS_LABELS as ASSESSMENT_LABELS

    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, str):
        for status, label in ASSESSMENT_LABELS.items():
            if value == status.value:
                return label
        for item_status, label in ITEM_LABELS.items():
            if value == item_status.value:
                return label
        if value in ("open", "closed"):
            return {"open": "进行中", "closed": "已结束"}[value]
    if value is None:
        return "（空）"
    return compact_json(value, 40)


def change_summary(old: Any, new: Any, limit: int = 80) -> str:
    """A short Chinese line for an audit event's change: 状态：已提交 → 核定中; 52.94 → 60.1."""
    if isinstance(old, dict | type(None)) and isinstance(new, dict):
        keys = [k for k in new if k in _KEY_LABELS and (old is None or old.get(k) != new.get(k))]
        if keys:
            parts = []
            for key in keys[:3]:
                before = f"{_value_text(old.get(key))} → " if old is not None and key in old else ""
                parts.append(f"{_KEY_LABELS[key]}：{before}{_value_text(new[key])}")
            text = "；".join(parts)
            return text if len(text) <= limit else text[: limit - 1] + "…"
        changed = [k for k in new if old is None or old.get(k) != new.get(k)]
        if old is not None and len(changed) > 1:
            return f"{len(changed)} 项变化（展开查看）"
    if isinstance(old, int | float | type(None)) and isinstance(new, int | float) and not isinstance(new, bool):
        return f"{_value_text(old) if old is not None else '（空）'} → {_value_text(new)}"
    if old is None:
        return compact_json(new, limit)
    return f"{compact_json(old, limit // 2)} → {compact_json(new, limit // 2)}"


def compact_json(value: Any, limit: int | None = None) -> str:
    if value is None:
        return ""
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
    if limit is not None and len(text) > limit:
        return text[: limit - 1] + "…"
    return text
