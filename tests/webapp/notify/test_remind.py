"""`selfcheck remind`: the reminders due on a day are made once, however often it runs; the
outbox goes to a local SMTP server and a local group robot; a server that is down is recorded
and tried again; --dry-run sends and records nothing."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
from typing import Any

from flask import Flask
from sqlalchemy import func, select

from tests.webapp.conftest import make_app
from tests.webapp.notify.conftest import Robot, SmtpServer
from tests.webapp.notify.test_notices import notices_of, return_b


def deadline(app: Flask, world: Any) -> dt.date:
    from webapp.extensions import db
    from webapp.models import Cycle

    with app.app_context():
        value = db.session.get(Cycle, world["cycle"]).deadline
        assert value is not None
        return value


def count_notices(app: Flask) -> int:
    from webapp.extensions import db
    from webapp.models import Notice

    with app.app_context():
        return int(db.session.execute(select(func.count(Notice.id))).scalar_one())


def make_on(app: Flask, day: dt.date) -> int:
    from webapp.notify.remind import make_reminders

    with app.app_context():
        return make_reminders(day)


def test_seven_days_and_one_day_before_the_deadline_once_each(app: Flask, world: Any) -> None:
    end = deadline(app, world)
    assert make_on(app, end - dt.timedelta(days=8)) == 0
    assert make_on(app, end - dt.timedelta(days=7)) == 1  # school A has not submitted; B has
    assert make_on(app, end - dt.timedelta(days=7)) == 0  # the same day again: nothing new
    assert make_on(app, end - dt.timedelta(days=5)) == 0  # the 7-day reminder was made already
    assert make_on(app, end - dt.timedelta(days=1)) == 1
    reminders = [n for n in notices_of(app, world["school_a"]) if n.kind == "deadline_soon"]
    assert [n.title for n in reminders] == ["距自评提交截止还有7天", "距自评提交截止还有1天"]
    assert f"{end.year}年{end.month}月{end.day}日前提交" in reminders[0].body
    assert notices_of(app, world["school_b"]) == []


def test_an_overdue_school_is_told_once(app: Flask, world: Any) -> None:
    end = deadline(app, world)
    assert make_on(app, end + dt.timedelta(days=1)) == 3  # school A, the admin, 东区's officer
    assert make_on(app, end + dt.timedelta(days=3)) == 0
    (overdue,) = [n for n in notices_of(app, world["school_a"]) if n.kind == "overdue"]
    assert overdue.title == "自评已逾期未提交"
    for officer in ("admin", "district_east"):
        (digest,) = notices_of(app, world[officer])
        assert digest.title == "1所学校逾期未提交自评" and digest.link == f"/admin/?cycle={world['cycle']}"
    assert "本区县还有1所学校尚未提交" in notices_of(app, world["district_east"])[0].body
    assert notices_of(app, world["district_west"]) == []  # 西区's school B has submitted


def test_the_days_before_come_from_the_settings(instance: Any, world: Any) -> None:
    app = make_app(instance, REMIND_DAYS_BEFORE=[3])
    end = deadline(app, world)
    assert make_on(app, end - dt.timedelta(days=7)) == 0
    assert make_on(app, end - dt.timedelta(days=3)) == 1


def test_a_reminder_arrives_in_the_local_smtp_server_once(instance: Any, world: Any, smtp_server: SmtpServer) -> None:
    inbox = smtp_server.start()
    app = make_app(instance, MAIL_SERVER="127.0.0.1", MAIL_PORT=inbox.port, MAIL_SENDER="duban@edu.example.cn")
    from webapp.extensions import db
    from webapp.models import User
    from webapp.notify.remind import run

    with app.app_context():
        db.session.get(User, world["school_a"]).email = "principal@school-a.example.cn"
        db.session.commit()
        end = deadline(app, world)
        first = run(end - dt.timedelta(days=7))
        second = run(end - dt.timedelta(days=7))
    assert (first.made, first.delivery.mail_sent, first.delivery.mail_failed) == (1, 1, 0)
    assert (second.made, second.delivery.mail_sent) == (0, 0)
    assert len(inbox.received) == 1
    recipients, raw = inbox.received[0]
    assert recipients == ["principal@school-a.example.cn"]
    message = email.message_from_bytes(raw, policy=email.policy.default)
    assert message["Subject"] == "【学校办学水平自评系统】距自评提交截止还有7天"
    assert message["From"] == "duban@edu.example.cn"
    assert message["Message-ID"].endswith("@edu.example.cn>") and message["Date"]
    assert message["To"].addresses[0].display_name == "东区第一小学"
    body = message.get_body(("plain",)).get_content()
    assert "“2024年度测试评估”的自评须于" in body and "贵校尚未提交" in body
    assert f"/school/assessments/{world['assessment_a']}/" in body
    (notice,) = notices_of(app, world["school_a"])
    assert notice.mail_state == "sent" and notice.attempts == 0


def test_a_server_that_is_down_is_recorded_and_tried_again(instance: Any, world: Any, smtp_server: SmtpServer) -> None:
    port = smtp_server.inbox.port  # nothing listens there yet
    app = make_app(instance, MAIL_SERVER="127.0.0.1", MAIL_PORT=port, MAIL_SENDER="duban@edu.example.cn")
    from webapp.extensions import db
    from webapp.models import User
    from webapp.notify.remind import run

    with app.app_context():
        db.session.get(User, world["school_b"]).email = "b@school-b.example.cn"
        db.session.commit()
    client = app.test_client()
    from tests.webapp.conftest import login

    login(client, "school_b")
    return_b(app, world)  # the inspector's return succeeds although the mail server is down
    with app.app_context():
        down = run(dt.date.today())
    assert (down.delivery.mail_sent, down.delivery.mail_failed) == (0, 1)
    (notice,) = notices_of(app, world["school_b"])
    assert notice.mail_state == "pending" and notice.attempts == 1
    assert "无法连接邮件服务器" in notice.last_error
    assert client.get("/notices/").status_code == 200  # nothing of it reaches the school
    inbox = smtp_server.start()
    with app.app_context():
        again = run(dt.date.today())
    assert (again.delivery.mail_sent, again.delivery.mail_failed) == (1, 0)
    assert len(inbox.received) == 1
    message = email.message_from_bytes(inbox.received[0][1], policy=email.policy.default)
    assert message["Subject"] == "【学校办学水平自评系统】自评被退回修改"
    assert notices_of(app, world["school_b"])[0].mail_state == "sent"


def test_mail_is_given_up_after_the_last_attempt(instance: Any, world: Any, smtp_server: SmtpServer) -> None:
    app = make_app(instance, MAIL_SERVER="127.0.0.1", MAIL_PORT=smtp_server.inbox.port, NOTICE_MAX_ATTEMPTS=2)
    from webapp.extensions import db
    from webapp.models import User
    from webapp.notify.delivery import deliver

    with app.app_context():
        db.session.get(User, world["school_b"]).email = "b@school-b.example.cn"
        db.session.commit()
    return_b(app, world)
    with app.app_context():
        deliver()
        deliver()
        assert deliver().mail_failed == 0  # nothing left to try
    assert notices_of(app, world["school_b"])[0].mail_state == "failed"


def test_the_group_robot_gets_one_text_message_per_notice(instance: Any, world: Any, robot: Robot) -> None:
    app = make_app(instance, WEBHOOK_URL=robot.url, PUBLIC_URL="https://pg.example.cn/")
    from webapp.notify.remind import run

    return_b(app, world)
    with app.app_context():
        first = run(dt.date.today())
        second = run(dt.date.today())
    assert (first.delivery.webhook_sent, second.delivery.webhook_sent) == (1, 0)
    (post,) = robot.posts
    assert post["msgtype"] == "text"
    content = post["text"]["content"]
    assert content.startswith("【自评被退回修改】")
    assert "通知对象：西区第二中学" in content
    assert f"https://pg.example.cn/school/assessments/{world['assessment_b']}/" in content
    assert notices_of(app, world["school_b"])[0].webhook_state == "sent"


def test_a_dingtalk_robot_gets_its_own_shape(instance: Any, world: Any, robot: Robot) -> None:
    app = make_app(instance, WEBHOOK_URL=[robot.url], WEBHOOK_KIND="dingtalk")
    from webapp.notify.delivery import deliver

    return_b(app, world)
    with app.app_context():
        assert deliver().webhook_sent == 1
    (post,) = robot.posts
    assert post["msgtype"] == "text" and post["at"] == {"atMobiles": [], "isAtAll": False}
    assert "自评被退回修改" in post["text"]["content"]


def test_a_refusing_robot_is_recorded_and_tried_again(instance: Any, world: Any, robot: Robot) -> None:
    robot.answer = {"errcode": 93000, "errmsg": "invalid webhook url"}
    app = make_app(instance, WEBHOOK_URL=robot.url)
    from webapp.notify.delivery import deliver

    return_b(app, world)
    with app.app_context():
        assert deliver().webhook_failed == 1
    notice = notices_of(app, world["school_b"])[0]
    assert notice.webhook_state == "pending" and "93000" in notice.last_error
    robot.answer = {"errcode": 0, "errmsg": "ok"}
    with app.app_context():
        assert deliver().webhook_sent == 1
    assert len(robot.posts) == 2


def test_dry_run_lists_what_is_due_and_sends_nothing(instance: Any, world: Any, smtp_server: SmtpServer) -> None:
    inbox = smtp_server.start()
    app = make_app(instance, MAIL_SERVER="127.0.0.1", MAIL_PORT=inbox.port, MAIL_SENDER="duban@edu.example.cn")
    from webapp.cli.remind import remind
    from webapp.extensions import db
    from webapp.models import Cycle, User
    from webapp.settings import local_today

    with app.app_context():
        db.session.get(User, world["school_b"]).email = "b@school-b.example.cn"
        db.session.get(Cycle, world["cycle"]).deadline = local_today() + dt.timedelta(days=1)
        db.session.commit()
    return_b(app, world)
    before = count_notices(app)
    result = app.test_cli_runner().invoke(remind, ["--dry-run"])
    assert result.exit_code == 0, result.output
    assert "试运行" in result.output
    assert "距自评提交截止还有1天（school_a）" in result.output and "距自评提交截止还有1天（school_b）" in result.output
    assert "待发邮件 1 封" in result.output and "b@school-b.example.cn" in result.output
    assert count_notices(app) == before and inbox.received == []
    assert notices_of(app, world["school_b"])[0].mail_state == "pending"
    result = app.test_cli_runner().invoke(remind, [])
    assert result.exit_code == 0, result.output
    assert "新提醒 2 条" in result.output and "邮件已发 2 封" in result.output  # the return, the reminder
    assert len(inbox.received) == 2


def test_two_runs_at_once_make_and_send_each_reminder_once(instance: Any, world: Any, smtp_server: SmtpServer) -> None:
    import threading

    inbox = smtp_server.start()
    app = make_app(instance, MAIL_SERVER="127.0.0.1", MAIL_PORT=inbox.port, MAIL_SENDER="duban@edu.example.cn")
    from webapp.extensions import db
    from webapp.models import User
    from webapp.notify.remind import run

    with app.app_context():
        db.session.get(User, world["school_a"]).email = "principal@school-a.example.cn"
        db.session.commit()
    day = deadline(app, world) - dt.timedelta(days=1)
    results: list[Any] = []
    start = threading.Barrier(2)

    def one_run() -> None:
        with app.app_context():
            start.wait()
            results.append(run(day))
            db.session.remove()

    threads = [threading.Thread(target=one_run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert sorted(r.made for r in results) == [0, 1]
    assert sum(r.delivery.mail_sent for r in results) == 1
    assert len(inbox.received) == 1
    assert [n.kind for n in notices_of(app, world["school_a"])] == ["deadline_soon"]


def test_celery_beat_calls_the_same_run_every_morning(app: Flask, world: Any, monkeypatch: Any) -> None:
    from webapp.jobs import tasks as job_tasks
    from webapp.jobs.celery_app import REMIND, celery
    from webapp.notify import tasks

    schedule = celery.conf.beat_schedule["remind"]
    assert schedule["task"] == REMIND and "webapp.notify.tasks" in celery.conf.include
    assert REMIND in celery.tasks and tasks.remind_task.name == REMIND
    monkeypatch.setattr(job_tasks, "FLASK_APP", app)
    with app.app_context():
        db_day = deadline(app, world)
    monkeypatch.setattr("webapp.settings.local_today", lambda: db_day - dt.timedelta(days=1))
    assert tasks.remind_task.run() == {
        "made": 1,  # school A, a day before the deadline
        "mail_sent": 0,
        "mail_failed": 0,
        "webhook_sent": 0,
        "webhook_failed": 0,
    }
