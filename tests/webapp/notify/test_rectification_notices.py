"""整改 and 复查 tell the people concerned: the school when its tasks are made and when each is
re-inspected, the inspector when the 整改报告 comes in; `selfcheck remind` reminds a school of
tasks still with it before and after their 整改期限."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from flask import Flask

from tests.webapp.notify.test_notices import notices_of
from tests.webapp.rectification.conftest import finalise_b, reinspect, submit_both, tasks


@pytest.fixture
def finalised(app: Flask, world: Any) -> Any:
    """School B finalised with two problems (A1.1 未达标, A2.1 部分达标): two 整改 tasks."""
    finalise_b(app, world)
    return world


def test_finalising_with_problems_tells_the_school_of_its_tasks(app: Flask, finalised: Any) -> None:
    told = {n.kind: n for n in notices_of(app, finalised["school_b"])}
    assert set(told) == {"finalised", "rectification"}
    assert told["rectification"].title == "请按整改建议整改"
    assert "2个评估要点未达标或部分达标" in told["rectification"].body
    assert told["rectification"].link == f"/school/assessments/{finalised['assessment_b']}/rectification"


def test_the_report_tells_the_inspector_and_the_reinspection_tells_the_school(
    app: Flask, as_user: Any, finalised: Any
) -> None:
    submit_both(app, finalised, as_user("school_b"))
    reported = [n for n in notices_of(app, finalised["inspector_b"]) if n.kind == "rectification"]
    assert [n.title for n in reported] == ["西区第二中学已提交整改报告，等待复查"]
    assert notices_of(app, finalised["inspector_a"]) == []
    response = reinspect(app, finalised, as_user("inspector_b"), "A1.1", "fail", "大课间仍未落实到每天。")
    assert response.status_code == 303
    (result,) = [n for n in notices_of(app, finalised["school_b"]) if n.kind == "reinspected"]
    assert result.title == "整改复查未通过：A1.1"
    assert "大课间仍未落实到每天" in result.body


def test_remind_tells_a_school_of_tasks_due_and_overdue_once(app: Flask, as_user: Any, finalised: Any) -> None:
    from webapp.notify.remind import make_reminders

    deadline = min(t[4] for t in tasks(app, finalised).values())
    with app.app_context():
        for days in (-8, -7, -7, -5, 2, 9):  # the cycle's own reminders go to school A meanwhile
            make_reminders(deadline + dt.timedelta(days=days))
    due = [n for n in notices_of(app, finalised["school_b"]) if n.kind == "rectification_due"]
    assert [n.title for n in due] == ["距整改期限还有7天", "整改已逾期"]
    assert "还有2项整改任务未提交整改报告" in due[0].body


def test_no_reminder_once_the_report_is_in(app: Flask, as_user: Any, finalised: Any) -> None:
    from webapp.notify.remind import make_reminders

    deadline = min(t[4] for t in tasks(app, finalised).values())
    submit_both(app, finalised, as_user("school_b"))
    with app.app_context():
        make_reminders(deadline - dt.timedelta(days=1))
        make_reminders(deadline + dt.timedelta(days=1))
    assert [n.kind for n in notices_of(app, finalised["school_b"]) if n.kind == "rectification_due"] == []
