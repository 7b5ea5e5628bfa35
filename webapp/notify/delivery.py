"""The outbox: notices waiting for e-mail (SMTP) or the group robot's webhook (企业微信 / 钉钉),
sent by ``selfcheck remind``.

A run first claims the notices it will send (a token written in one short transaction, so two
runs at once never take the same notice), sends outside any transaction, then records each
outcome: sent, or the error and one more attempt (tried again by the next run, given up after
NOTICE_MAX_ATTEMPTS). Nothing here raises to a person using the app.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import secrets
import smtplib
import ssl
import urllib.error
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formataddr, formatdate, make_msgid
from typing import Any
from urllib.parse import urljoin, urlsplit

from flask import current_app
from sqlalchemy import or_, select, update
from sqlalchemy.orm import joinedload

from webapp.database import write_transaction
from webapp.extensions import db
from webapp.models import Notice, utcnow
from webapp.notify.notices import FAILED, PENDING, SENT, webhook_urls

log = logging.getLogger("selfcheck.notify")

CLAIM_TIMEOUT = dt.timedelta(minutes=30)  # a run that died holding notices lets them go after this
SYSTEM_NAME = "学校办学水平自评系统"
WEBHOOK_MAX_CHARS = 1800  # the robots take 2,048 bytes of text; Chinese is three bytes in UTF-8


@dataclass(frozen=True)
class Outgoing:
    """A notice as it is sent, read once from its row."""

    id: int
    kind: str
    title: str
    body: str
    link: str
    email: str
    name: str
    mail: bool  # its e-mail waits
    webhook: bool  # its webhook message waits


@dataclass
class Delivery:
    """What one run sent and what failed."""

    mail_sent: int = 0
    mail_failed: int = 0
    webhook_sent: int = 0
    webhook_failed: int = 0


def pending(limit: int = 500) -> list[Outgoing]:
    """What waits to be sent (for --dry-run: nothing is claimed or marked)."""
    rows = db.session.execute(
        select(Notice)
        .options(joinedload(Notice.user))
        .where(or_(Notice.mail_state == PENDING, Notice.webhook_state == PENDING))
        .order_by(Notice.id)
        .limit(limit)
    ).scalars()
    return [_outgoing(n) for n in rows]


def deliver(limit: int = 500) -> Delivery:
    """Send what waits, up to ``limit`` notices in this run."""
    token = secrets.token_hex(8)
    claimed = _claim(token, limit)
    done = Delivery()
    if not claimed:
        return done
    errors: dict[int, list[str]] = {n.id: [] for n in claimed}
    sent: dict[int, set[str]] = {n.id: set() for n in claimed}
    mails = [n for n in claimed if n.mail]
    if mails:
        for notice_id, error in send_mails(mails).items():
            if error:
                errors[notice_id].append(f"邮件：{error}")
                done.mail_failed += 1
            else:
                sent[notice_id].add("mail")
                done.mail_sent += 1
    for group in _webhook_groups([n for n in claimed if n.webhook]):
        error = post_to_webhooks(webhook_text(group))
        for n in group:
            if error:
                errors[n.id].append(f"群机器人：{error}")
            else:
                sent[n.id].add("webhook")
        if error:
            done.webhook_failed += 1
        else:
            done.webhook_sent += 1
    _record(token, sent, errors)
    return done


def _claim(token: str, limit: int) -> list[Outgoing]:
    now = utcnow()
    free = or_(Notice.claim.is_(None), Notice.claimed_at < now - CLAIM_TIMEOUT)
    with write_transaction():
        ids = list(
            db.session.execute(
                select(Notice.id)
                .where(or_(Notice.mail_state == PENDING, Notice.webhook_state == PENDING), free)
                .order_by(Notice.id)
                .limit(limit)
            ).scalars()
        )
        if ids:
            db.session.execute(
                update(Notice).where(Notice.id.in_(ids), free).values(claim=token, claimed_at=now),
                execution_options={"synchronize_session": False},
            )
    rows = db.session.execute(
        select(Notice).options(joinedload(Notice.user)).where(Notice.claim == token).order_by(Notice.id)
    ).scalars()
    claimed = [_outgoing(n) for n in rows]
    db.session.rollback()  # end the read: sending happens outside any transaction
    return claimed


def _record(token: str, sent: dict[int, set[str]], errors: dict[int, list[str]]) -> None:
    most = int(current_app.config.get("NOTICE_MAX_ATTEMPTS", 5))
    with write_transaction():
        for notice in db.session.execute(select(Notice).where(Notice.claim == token)).scalars():
            if "mail" in sent.get(notice.id, ()):
                notice.mail_state = SENT
            if "webhook" in sent.get(notice.id, ()):
                notice.webhook_state = SENT
            problems = errors.get(notice.id) or []
            if problems:
                notice.attempts += 1
                notice.last_error = "；".join(problems)[:2000]
                if notice.attempts >= most:
                    if notice.mail_state == PENDING:
                        notice.mail_state = FAILED
                    if notice.webhook_state == PENDING:
                        notice.webhook_state = FAILED
            notice.claim = None
            notice.claimed_at = None


def _outgoing(notice: Notice) -> Outgoing:
    return Outgoing(
        id=notice.id,
        kind=notice.kind,
        title=notice.title,
        body=notice.body,
        link=notice.link,
        email=notice.user.email or "",
        name=notice.user.name,
        mail=notice.mail_state == PENDING,
        webhook=notice.webhook_state == PENDING,
    )


def full_link(link: str) -> str:
    """A page's address for a message read outside the app: PUBLIC_URL + the path (the path
    alone while PUBLIC_URL is empty)."""
    base = str(current_app.config.get("PUBLIC_URL") or "").strip()
    if not link:
        return ""
    return urljoin(base.rstrip("/") + "/", link.lstrip("/")) if base else link


# --------------------------------------------------------------------------------------------
# E-mail


def mail_message(notice: Outgoing) -> EmailMessage:
    config = current_app.config
    message = EmailMessage()
    message["Subject"] = f"【{SYSTEM_NAME}】{notice.title}"
    message["From"] = str(config.get("MAIL_SENDER") or config.get("MAIL_USERNAME") or "")
    message["To"] = formataddr((notice.name, notice.email))
    message["Date"] = formatdate(localtime=False)
    sender_domain = str(message["From"]).rpartition("@")[2].strip(">") or "selfcheck.invalid"
    message["Message-ID"] = make_msgid("notice", domain=sender_domain)  # no DNS lookup of our own name
    text = [notice.body]
    link = full_link(notice.link)
    if link:
        text.append(f"\n查看详情：{link}")
    text.append("\n（本邮件由系统自动发送，请勿回复。）")
    message.set_content("\n".join(text))
    return message


def _smtp() -> smtplib.SMTP:
    config = current_app.config
    host = str(config["MAIL_SERVER"])
    port = int(config.get("MAIL_PORT") or 25)
    timeout = float(config.get("MAIL_TIMEOUT") or 10)
    smtp: smtplib.SMTP
    if config.get("MAIL_USE_SSL"):
        smtp = smtplib.SMTP_SSL(host, port, timeout=timeout, context=ssl.create_default_context())
    else:
        smtp = smtplib.SMTP(host, port, timeout=timeout)
        if config.get("MAIL_USE_TLS"):
            smtp.starttls(context=ssl.create_default_context())
    if config.get("MAIL_USERNAME"):
        smtp.login(str(config["MAIL_USERNAME"]), str(config.get("MAIL_PASSWORD") or ""))
    return smtp


def send_mails(notices: Sequence[Outgoing]) -> dict[int, str]:
    """Send over one SMTP connection; returns each notice's error ("" when sent)."""
    outcome: dict[int, str] = {}
    config = current_app.config
    if not (config.get("MAIL_SENDER") or config.get("MAIL_USERNAME")):
        return {n.id: "未设置发件人地址（MAIL_SENDER）" for n in notices}
    try:
        smtp = _smtp()
    except (OSError, smtplib.SMTPException) as exc:
        log.warning("mail server unavailable: %s", exc)
        return {n.id: f"无法连接邮件服务器（{_reason(exc)}）" for n in notices}
    try:
        for notice in notices:
            try:
                smtp.send_message(mail_message(notice))
                outcome[notice.id] = ""
            except Exception as exc:  # one bad message must not stop the others, nor the run
                log.warning("mail for notice %s not sent: %s", notice.id, exc)
                outcome[notice.id] = _reason(exc)
    finally:
        try:
            smtp.quit()
        except (OSError, smtplib.SMTPException):
            smtp.close()
    for notice in notices:
        outcome.setdefault(notice.id, "未发送")
    return outcome


# --------------------------------------------------------------------------------------------
# The group robot's webhook


def _webhook_groups(notices: Sequence[Outgoing]) -> list[list[Outgoing]]:
    """One robot message per message text: a cycle opened for 300 schools is one message, not 300."""
    groups: dict[tuple[str, str, str], list[Outgoing]] = {}
    for n in notices:
        groups.setdefault((n.kind, n.title, n.body), []).append(n)
    return list(groups.values())


def webhook_text(group: Sequence[Outgoing]) -> str:
    first = group[0]
    names = "、".join(dict.fromkeys(n.name for n in group))
    text = f"【{first.title}】\n{first.body}\n通知对象：{names}"
    link = full_link(first.link)
    if link and link.startswith("http"):
        text += f"\n{link}"
    return text if len(text) <= WEBHOOK_MAX_CHARS else text[: WEBHOOK_MAX_CHARS - 1] + "…"


def webhook_payload(text: str) -> dict[str, Any]:
    """A text message as the group robot of WEBHOOK_KIND takes it: 企业微信 (wecom) and 钉钉
    (dingtalk) share the shape; 钉钉's names whom to @ as well (nobody)."""
    payload: dict[str, Any] = {"msgtype": "text", "text": {"content": text}}
    if str(current_app.config.get("WEBHOOK_KIND") or "wecom").lower() == "dingtalk":
        payload["at"] = {"atMobiles": [], "isAtAll": False}
    return payload


def post_to_webhooks(text: str) -> str:
    """Post to every WEBHOOK_URL; returns the errors ("" when every post was taken)."""
    problems = [p for p in (post_webhook(url, text) for url in webhook_urls()) if p]
    return "；".join(problems)


def post_webhook(url: str, text: str) -> str:
    if urlsplit(url).scheme not in ("http", "https"):
        return "群机器人地址须以 http:// 或 https:// 开头"
    timeout = float(current_app.config.get("WEBHOOK_TIMEOUT") or 5)
    data = json.dumps(webhook_payload(text), ensure_ascii=False).encode("utf-8")
    request = urllib.request.Request(
        url, data=data, method="POST", headers={"Content-Type": "application/json; charset=utf-8"}
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # the scheme is checked above
            answer = response.read(65536)
    except urllib.error.HTTPError as exc:
        return f"群机器人应答 {exc.code}"
    except (OSError, ValueError) as exc:
        log.warning("webhook post failed: %s", exc)
        return f"无法连接群机器人（{_reason(exc)}）"
    try:
        reply = json.loads(answer.decode("utf-8") or "{}")
    except (UnicodeDecodeError, json.JSONDecodeError):
        return ""  # taken; the robots answer JSON, but a relay may not
    code = reply.get("errcode", 0) if isinstance(reply, dict) else 0
    if code not in (0, "0"):
        return f"群机器人拒收（{code}：{str(reply.get('errmsg', ''))[:100]}）"
    return ""


def _reason(exc: BaseException) -> str:
    text = str(exc) or exc.__class__.__name__
    return text[:200]
