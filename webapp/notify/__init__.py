"""Notices (通知) and reminders: a list in the app for every account, e-mail over SMTP, a group
robot's webhook (企业微信 / 钉钉).

The rule: notices are made from audit events. ``events.connect()`` subscribes to
``webapp.audit.record``, and one table (``events.EVENT_NOTICES``) says, for each action, who is
told what, in the transaction of the action itself. Reminders that depend on the date (N days
before the deadline, overdue) are made by ``selfcheck remind`` (``remind``), which then delivers
the outbox (``delivery``). Every notice has a unique key: nothing is made, or sent, twice.
"""
