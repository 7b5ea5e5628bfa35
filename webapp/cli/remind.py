"""selfcheck remind: make the reminders due today and send the outbox (e-mail, group robot).
Run it from cron (e.g. every morning) or Celery beat; running it twice sends nothing twice."""

from __future__ import annotations

import click
from flask.cli import AppGroup, with_appcontext

from webapp.cli.base import closes_database

commands = AppGroup("commands")  # gathered into `selfcheck` by webapp.cli


@commands.command("remind")
@click.option("--dry-run", is_flag=True, help="只列出将要发出的提醒和通知，不发送、不记录")
@with_appcontext
@closes_database
def remind(dry_run: bool) -> None:
    """生成今天到期的提醒（截止前N天、逾期），并发送待发的邮件和群机器人消息。"""
    from webapp.notify import remind as reminders
    from webapp.settings import local_today

    today = local_today()
    if dry_run:
        plan = reminders.preview(today)
        told = sum(len(d.users) for d in plan.due)
        click.echo(f"试运行（{today.isoformat()}）：不发送，不记录。")
        click.echo(f"将生成提醒 {told} 条：")
        for due in plan.due:
            names = "、".join(u.username for u in due.users)
            click.echo(f"  {due.message.title}（{names}）")
        mails = [n for n in plan.outbox if n.mail]
        hooks = [n for n in plan.outbox if n.webhook]
        click.echo(f"待发邮件 {len(mails)} 封，待发群机器人通知 {len(hooks)} 条：")
        for n in plan.outbox:
            ways = "、".join(w for w, on in (("邮件 " + n.email, n.mail), ("群机器人", n.webhook)) if on)
            click.echo(f"  #{n.id} {n.title} → {n.name}（{ways}）")
        return
    result = reminders.run(today)
    d = result.delivery
    click.echo(
        f"新提醒 {result.made} 条；邮件已发 {d.mail_sent} 封，失败 {d.mail_failed} 封；"
        f"群机器人消息已发 {d.webhook_sent} 条，失败 {d.webhook_failed} 条。"
    )
    if d.mail_failed or d.webhook_failed:
        click.echo("未发出的将在下次运行时重试（原因见通知记录）。", err=True)
