"""The form of the admin's token page."""

from __future__ import annotations

from wtforms import StringField
from wtforms.validators import DataRequired, Length

from webapp.forms import Form


class TokenForm(Form):
    """An API token for an account (the bureau's other systems: 学籍, 人事)."""

    username = StringField(
        "账号的用户名",
        validators=[DataRequired("请填写用户名"), Length(max=80, message="用户名最多80个字符")],
        render_kw={"autocomplete": "off"},
    )
    name = StringField("用途", validators=[Length(max=100, message="最多100个字")])
