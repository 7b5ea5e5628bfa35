"""Template filters and globals: dates in Beijing time, figures, status badges."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from flask import Flask, current_app, g
from flask_login import current_user

from checklist.model import STAGE_NAMES
from checklist.scoring import STATUS_LABELS, Status, format_number
from checklist.seeds import tidy_quote
from webapp.models import ROLE_LABELS, AssessmentStatus, Role
from webapp.models import STATUS_LABELS as ASSESSMENT_LABELS

ITEM_STATUS_CLASS = {
    "met": "ok",
    "partial": "warn",
    "not_met": "bad",
    "not_applicable": "na",
    "unanswered": "todo",
}
ASSESSMENT_STATUS_CLASS = {
    "draft": "todo",
    "submitted": "info",
    "returned": "warn",
    "under_review": "info",
    "finalised": "ok",
}


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


# The bureau's menu: (endpoint, label, roles that see it). Entries whose endpoint does not
# exist yet are skipped.
ADMIN_NAV = (
    ("admin.dashboard", "总览", ("admin", "district")),
    ("admin.results", "评估结果", ("admin", "district")),
    ("admin.cycles", "年度评估", ("admin",)),
    ("admin.schools", "学校", ("admin", "district")),
    ("admin.users", "账号", ("admin",)),
    ("admin.assignments", "督学分工", ("admin",)),
    ("admin.rubrics", "评估细则", ("admin",)),
    ("jobs.index", "后台任务", ("admin", "district")),
    ("admin.audit", "操作日志", ("admin",)),
)


def local_time(value: dt.datetime | None, fmt: str = "%Y-%m-%d %H:%M") -> str:
    if value is None:
        return "—"
    zone = ZoneInfo(current_app.config["DISPLAY_TIMEZONE"])
    return value.astimezone(zone).strftime(fmt)


def local_date(value: dt.date | None) -> str:
    return "—" if value is None else f"{value.year}年{value.month}月{value.day}日"


def number(value: float | int | None) -> str:
    return "—" if value is None else format_number(float(value))


def percent(value: float | None, digits: int = 1) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


def register(app: Flask) -> None:
    app.jinja_env.filters.update(
        local_time=local_time,
        local_date=local_date,
        number=number,
        percent=percent,
        tidy=tidy_quote,
        item_status=lambda s: STATUS_LABELS[Status(s)],
        item_class=lambda s: ITEM_STATUS_CLASS.get(s, "na"),
        assessment_status=lambda s: ASSESSMENT_LABELS[AssessmentStatus(s)],
        assessment_class=lambda s: ASSESSMENT_STATUS_CLASS.get(s, "na"),
        role_label=lambda r: ROLE_LABELS[Role(r)],
        stage_name=lambda s: STAGE_NAMES.get(s, s),
        action_label=lambda a: ACTION_LABELS.get(a, a),
    )
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True

    def has_endpoint(name: str) -> bool:
        return name in app.view_functions

    @app.context_processor
    def _globals() -> dict[str, Any]:
        return {
            "admin_nav": ADMIN_NAV,
            "has_endpoint": has_endpoint,
            "csp_nonce": g.get("csp_nonce", ""),
            "Role": Role,
            "current_user": current_user,
            "system_name": "学校办学水平自评系统",
        }
