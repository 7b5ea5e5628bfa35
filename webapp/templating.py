"""Template filters and globals: dates in Beijing time, figures, status badges, the officers' menu."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from flask import Flask, current_app, g
from flask_login import current_user

from checklist.model import STAGE_NAMES
from checklist.outline import cite
from checklist.scoring import STATUS_LABELS, Status, format_number
from checklist.seeds import shown_quote
from webapp.assessments import progress, progress_label
from webapp.audit import ACTION_LABELS
from webapp.lifecycle import ROLE_LABELS, Role

ITEM_STATUS_CLASS = {
    "met": "ok",
    "partial": "warn",
    "not_met": "bad",
    "not_applicable": "na",
    "unanswered": "todo",
}


ASSESSMENT_STATUS_CLASS = {
    "not_started": "na",
    "draft": "todo",
    "submitted": "info",
    "returned": "warn",
    "under_review": "info",
    "finalised": "ok",
}


# The bureau's menu: (endpoint, label, roles that see it). Entries whose endpoint does not
# exist yet are skipped.
ADMIN_NAV = (
    ("bureau.dashboard", "总览", ("admin", "district")),
    ("bureau.results", "评估结果", ("admin", "district")),
    ("bureau.cycles", "年度评估", ("admin",)),
    ("bureau.schools", "学校", ("admin", "district")),
    ("accounts.users", "账号", ("admin",)),
    ("bureau.assignments", "督学分工", ("admin",)),
    ("rectification.ledger_page", "整改台账", ("admin", "district")),
    ("rubrics.index", "评估细则", ("admin",)),
    ("jobs.index", "后台任务", ("admin", "district")),
    ("audit.index", "操作日志", ("admin",)),
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


def file_size(size: int | None) -> str:
    """A file's size as people read it: 312 字节, 48 KB, 3.2 MB."""
    if size is None:
        return "—"
    if size < 1024:
        return f"{size} 字节"
    if size < 1024 * 1024:
        return f"{round(size / 1024)} KB"
    return f"{size / (1024 * 1024):.1f} MB"


def register(app: Flask) -> None:
    app.jinja_env.filters.update(
        local_time=local_time,
        local_date=local_date,
        number=number,
        percent=percent,
        file_size=file_size,
        tidy=shown_quote,
        clause=cite,
        item_status=lambda s: STATUS_LABELS[Status(s)],
        item_class=lambda s: ITEM_STATUS_CLASS.get(s, "na"),
        assessment_status=progress_label,  # a status, or not_started (未开始)
        progress=progress,
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
