"""Forms of accounts: login, password change, and the bureau's account list."""

from __future__ import annotations

import re

from wtforms import (
    Field,
    PasswordField,
    SelectChoice,
    SelectField,
    StringField,
)
from wtforms.validators import DataRequired, Length, ValidationError

from webapp.forms import Form
from webapp.models import Role


class LoginForm(Form):
    username = StringField("用户名", validators=[DataRequired("请输入用户名"), Length(max=80)])
    password = PasswordField("密码", validators=[DataRequired("请输入密码"), Length(max=200)])


class PasswordForm(Form):
    current = PasswordField("当前密码", validators=[DataRequired("请输入当前密码")])
    new = PasswordField(
        "新密码", validators=[DataRequired("请输入新密码"), Length(max=128, message="密码不能超过128个字符")]
    )
    confirm = PasswordField("再次输入新密码", validators=[DataRequired("请再次输入新密码")])

    def validate_confirm(self, field: Field) -> None:
        if field.data != self.new.data:
            raise ValidationError("两次输入的新密码不一致")


USERNAME_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$")


ROLE_CHOICES = [SelectChoice(r.value, r.label) for r in (Role.SCHOOL, Role.INSPECTOR, Role.DISTRICT, Role.ADMIN)]


class UserForm(Form):
    username = StringField(
        "用户名",
        validators=[DataRequired("请填写用户名"), Length(max=80, message="用户名最多80个字符")],
        render_kw={"autocomplete": "off"},
    )
    display_name = StringField("姓名或单位", validators=[Length(max=100, message="最多100个字")])
    role = SelectField("角色", choices=ROLE_CHOICES, validate_choice=False)
    school = SelectField("学校（学校账号）", validate_choice=False)
    district = SelectField("区县（区县账号）", validate_choice=False)

    def validate_username(self, field: Field) -> None:
        if not USERNAME_PATTERN.match(field.data or ""):
            raise ValidationError("用户名只能由字母、数字、点、下划线和连字符组成，且以字母或数字开头")

    def validate_role(self, field: Field) -> None:
        if field.data not in {c.value for c in ROLE_CHOICES}:
            raise ValidationError("请选择角色")

    def validate_school(self, field: Field) -> None:
        if self.role.data == Role.SCHOOL and field.data not in {c.value for c in field.choices if c.value}:
            raise ValidationError("学校账号须选择所属学校")

    def validate_district(self, field: Field) -> None:
        if self.role.data == Role.DISTRICT and field.data not in {c.value for c in field.choices if c.value}:
            raise ValidationError("区县账号须选择所属区县")


class UserFilterForm(Form):
    class Meta:
        csrf = False

    q = StringField("查找", validators=[Length(max=80, message="最多80个字符")])
    role = SelectField("角色", choices=[SelectChoice("", "全部角色"), *ROLE_CHOICES], validate_choice=False)
    status = SelectField(
        "状态",
        choices=[SelectChoice("", "全部"), SelectChoice("active", "使用中"), SelectChoice("inactive", "已停用")],
        validate_choice=False,
    )

