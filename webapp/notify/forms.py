"""Forms of notices: one's own e-mail address for them."""

from __future__ import annotations

from wtforms import Field, StringField
from wtforms.validators import ValidationError

from webapp.forms import Form
from webapp.notify.operations import email_problem


class EmailForm(Form):
    email = StringField("电子邮箱（用于接收通知，可不填）", render_kw={"autocomplete": "email", "inputmode": "email"})

    def validate_email(self, field: Field) -> None:
        problem = email_problem((field.data or "").strip())
        if problem:
            raise ValidationError(problem)
