"""The audit log: ``record()`` adds an event to the current transaction, and the
vocabulary of actions, entities and fields with their Chinese names, so that every page and
export shows the log in words."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
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
    "remaining_confirmed": "其余要点按自评确认",
    "review_set_aside": "学校已修改，原核定作废",
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
    "plan_added": "加入计划库",
    "api_read": "通过接口读取",
    "api_write": "通过接口写入",
    "api_token_created": "创建接口令牌",
    "api_token_revoked": "撤销接口令牌",
    # the draft editor (webapp/rubrics/editor_views.py)
    "plan_changed": "修改工作要点信息",
    "draft_started": "开始起草评估细则",
    "draft_item_saved": "修改草稿要点",
    "draft_item_added": "从原文新增要点",
    "draft_published": "发布细则草稿",
    "draft_points_balanced": "按比例调整草稿分值",
    "school_urged": "催办",
    "email_changed": "修改通知邮箱",
    "school_accounts_created": "生成学校账号",
    "users_imported": "导入账号",
    "school_changed": "修改学校信息",
    "school_deactivated": "停用学校",
    "school_activated": "启用学校",
    "rectification_opened": "生成整改任务",
    "rectification_saved": "保存整改报告",
    "rectification_reported": "提交整改报告",
    "reinspected": "整改复查",
    "rectification_deadline_changed": "修改整改期限",
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
    "plan": "工作要点",
    "api": "数据接口",
    "api_token": "接口令牌",
    "school": "学校",
    "rectification_task": "整改任务",
    "rectification": "整改台账",
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
    "comments": "督学意见",
    "set_aside": "学校已修改、待重新核定的要点",
    "override": "核定结果",
    "result": "核定结果",
    "earned": "得分",
    "points": "核定分值",
    "confirmed": "确认无误",
    "corrected": "更正数据",
    "visit": "现场核查",
    "method": "操作",
    "path": "地址",
    "response": "应答代码",
    "account": "账号",
    "hint": "令牌开头",
    "username": "用户名",
    "role": "角色",
    "school": "学校",
    "schools": "学校",
    "district": "区县",
    "display_name": "姓名或单位",
    "items": "评估要点",
    "item": "评估要点",
    "title": "标题",
    "rubric": "评估细则",
    "cycle": "年度评估",
    "label": "内容",
    "runner": "运行方式",
    "file": "文件",
    "size": "大小",
    "rows": "行数",
    "created": "新增",
    "updated": "更新",
    "districts_created": "新增区县",
    "scope": "范围",
    "events": "记录数",
    "truncated": "只导出了一部分",
    "value": "阈值",
    "value_max": "上限",
    "quote": "原文",
    "source_name": "原文件名",
    "format": "格式",
    "chars": "字数",
    "issuer": "发文单位",
    "year": "年度",
    "doc_number": "文号",
    "rectify_days": "整改期限（天）",
    "team": "核查组",
    "dates": "日期",
    "lessons": "听课",
    "meetings": "座谈",
    "questionnaires": "问卷",
    "documents": "查阅资料",
    # 核定完成's 评估过程 (review.operations.VisitRecord.as_dict)
    "visit_start": "实地评估开始日期",
    "visit_end": "实地评估结束日期",
    "inspection_team": "评估组成员",
    "lessons_observed": "听课",
    "meetings_held": "座谈",
    "documents_reviewed": "查阅资料",
    "stages": "学段",
    "public": "公办",
    "boarding": "寄宿",
    "has_canteen": "食堂",
    "code": "学校代码",
    # the draft editor's fields (webapp/rubrics/editor.py EDITABLE, AUDIT_KEYS)
    "decision": "决定",
    "requirement_kind": "要求类型",
    "comparator": "比较",
    "unit": "单位",
    "period": "周期",
    "modality": "约束",
    "item_points": "分值",
    "evidence": "佐证材料",
    "check_method": "评估方法",
    "advice": "整改建议",
    "dimension": "一级指标",
    "indicator": "二级指标",
    "veto": "一票否决",
    "bonus": "加分项",
    "plan": "工作要点",
    "base": "上一年度细则",
    "accepted": "已采纳",
    "total_points": "基本分合计",
    "email": "电子邮箱",
    "accounts": "通知账号数",
    "count": "数量",
    "skipped": "已有账号而跳过",
    "usernames": "账号",
    "measures": "整改措施",
    "outcome": "整改成效",
    "stage": "整改状态",
    "task": "整改任务",
}
# Recorded for the record, not worth a reader's attention.
_HIDDEN_KEYS = {"sha256", "index", "key", "kind"}
_WORDS = {
    "accepted": "采纳",
    "rejected": "不采纳",
    "pending": "待定",
    "planned": "未开始",
    "open": "进行中",
    "closed": "已结束",
    "local": "本机",
    "celery": "后台队列",
    "reported": "已报待复查",
    "passed": "复查通过",
    "failed": "复查未通过",
    "rectifying": "整改中",
    "rectification_reported": "整改已报",
    "reinspected": "已复查",
}
HTTP_METHODS = {"GET": "读取", "PUT": "写入", "POST": "提交", "PATCH": "修改", "DELETE": "删除"}


@dataclass(frozen=True)
class Change:
    """One field an event set or changed, in words: 状态：已提交 → 核定中."""

    label: str
    old: str | None  # None: the event has no earlier value for it
    new: str | None  # None: the field was removed

    def __str__(self) -> str:
        if self.old is None:
            return f"{self.label}：{self.new}"
        if self.new is None:
            return f"{self.label}：{self.old} → （删除）"
        return f"{self.label}：{self.old} → {self.new}"


def changes(old: Any, new: Any, names: Mapping[str, str] | None = None) -> list[Change]:
    """What an event changed, field by field, in words. ``names`` labels the keys the rubric
    defines (the inputs of an answers_saved event: pe_minutes_daily → 每日校内体育活动时长)."""
    names = names or {}
    if isinstance(old, Mapping) or isinstance(new, Mapping):
        before = old if isinstance(old, Mapping) else {}
        after = new if isinstance(new, Mapping) else {}
        found = []
        for key in dict.fromkeys([*after, *before]):
            if key in _HIDDEN_KEYS or (key in before and key in after and before[key] == after[key]):
                continue
            found.append(
                Change(
                    _key_label(str(key), names),
                    _value_text(before[key], key, names) if key in before else None,
                    _value_text(after[key], key, names) if key in after else None,
                )
            )
        return found
    if old is None and new is None:
        return []
    return [Change("值", _value_text(old) if old is not None else None, _value_text(new) if new is not None else None)]


def change_summary(old: Any, new: Any, limit: int = 80, names: Mapping[str, str] | None = None) -> str:
    """A short line for an audit event's change: 状态：已提交 → 核定中；自评得分：52.94 → 60.1."""
    found = changes(old, new, names)
    if not found:
        return "—"
    text = "；".join(str(c) for c in found[:3])
    if len(found) > 3:
        text += f"；等{len(found)}项"
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _key_label(key: str, names: Mapping[str, str]) -> str:
    if key in _KEY_LABELS:
        return _KEY_LABELS[key]
    if key in names:
        return names[key]
    base, _, grade = key.partition(".")
    if grade and base in names:
        from checklist.model import GRADE_NAMES

        return f"{names[base]}（{GRADE_NAMES.get(grade, grade)}）"
    return names.get(base, key)


# Called by record() with each new event, inside its transaction (webapp.notify makes notices
# from events); a feature subscribes with on_record(), from the app factory.
_LISTENERS: list[Callable[[AuditEvent], None]] = []


def on_record(listener: Callable[[AuditEvent], None]) -> None:
    if listener not in _LISTENERS:
        _LISTENERS.append(listener)


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
    """Add an audit event to the current transaction (never commits by itself); the
    listeners (on_record) see it there."""
    event = AuditEvent(
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
    db.session.add(event)
    for listener in _LISTENERS:
        listener(event)


def record_on(
    assessment: Assessment,
    action: str,
    actor: User | None,
    *,
    entity: str = "assessment",
    entity_id: object = None,
    old: Any = None,
    new: Any = None,
    reason: str = "",
) -> None:
    """An event about one assessment, or about one of its items, files or tasks (``entity`` and
    ``entity_id``): the school and the assessment are filled in from it."""
    record(
        action,
        actor,
        entity=entity,
        entity_id=assessment.id if entity_id is None else entity_id,
        school_id=assessment.school_id,
        assessment_id=assessment.id,
        old=old,
        new=new,
        reason=reason,
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


def _value_text(value: Any, key: object = None, names: Mapping[str, str] | None = None, limit: int = 60) -> str:
    """A recorded value in words: statuses, roles and yes/no by name, lists and nested fields
    readably, long texts shortened."""
    from checklist.scoring import STATUS_LABELS as ITEM_LABELS
    from webapp.lifecycle import ROLE_LABELS
    from webapp.lifecycle import STATUS_LABELS as ASSESSMENT_LABELS

    if value is None or value == "":
        return "（空）"
    if isinstance(value, bool):
        return "是" if value else "否"
    if key == "size" and isinstance(value, int | float):
        return f"{value / 1_000_000:.1f} MB" if value >= 100_000 else f"{value / 1000:.0f} KB"
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        if key == "role":
            return next((label for role, label in ROLE_LABELS.items() if role.value == value), value)
        if key == "method" and value in HTTP_METHODS:
            return HTTP_METHODS[value]
        for status, label in ASSESSMENT_LABELS.items():
            if value == status.value:
                return label
        for item_status, label in ITEM_LABELS.items():
            if value == item_status.value:
                return label
        if value in _WORDS:
            return _WORDS[value]
        return value if len(value) <= limit else value[: limit - 1] + "…"
    if isinstance(value, list | tuple):
        shown = "、".join(_value_text(v, key, names, 20) for v in value[:6])
        return shown + (f" 等{len(value)}项" if len(value) > 6 else "") if value else "（无）"
    if isinstance(value, Mapping):
        parts = [
            f"{_key_label(str(k), names or {})}：{_value_text(v, k, names, 30)}"
            for k, v in value.items()
            if k not in _HIDDEN_KEYS
        ]
        text = "；".join(parts[:6]) + (f" 等{len(parts)}项" if len(parts) > 6 else "")
        return text or "（无）"
    return str(value)


def compact_json(value: Any, limit: int | None = None) -> str:
    if value is None:
        return ""
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
    if limit is not None and len(text) > limit:
        return text[: limit - 1] + "…"
    return text
