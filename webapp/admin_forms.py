"""Forms of the bureau's pages. Every message is in Chinese and shown beside its field; choices
are ``SelectChoice`` objects (WTForms 3.3)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from flask_wtf.file import FileField
from wtforms import (
    Field,
    HiddenField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from webapp.forms import Form
from webapp.models import Role

_RUBRIC_ID = re.compile(r"^[a-z0-9][a-z0-9\-]*$")
_USERNAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$")


class ChineseDateField(StringField):
    """A date typed as 2024-09-30 (the browser's date picker sends that); ``data`` is a date."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("render_kw", {"type": "date"})
        super().__init__(*args, **kwargs)
        self.parsed: dt.date | None = None

    def process_formdata(self, valuelist: list[Any]) -> None:
        super().process_formdata(valuelist)
        self.parsed = None

    def pre_validate(self, form: Any) -> None:
        text = (self.data or "").strip() if isinstance(self.data, str) else ""
        if not text:
            return
        text = text.replace("/", "-").replace("年", "-").replace("月", "-").rstrip("日")
        try:
            self.parsed = dt.date.fromisoformat("-".join(part.zfill(2) for part in text.split("-")))
        except ValueError as exc:
            raise ValidationError("日期格式应为 2024-09-30") from exc

    def _value(self) -> str:
        if isinstance(self.data, dt.date):
            return self.data.isoformat()
        return super()._value()


class CheckboxesField(SelectMultipleField):
    """Several choices ticked (rendered by the template, grouped); integers, checked against
    the choices with a Chinese message."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("coerce", int)
        kwargs.setdefault("choices", [])
        super().__init__(*args, **kwargs)

    def process_formdata(self, valuelist: list[Any]) -> None:
        try:
            self.data = [int(v) for v in valuelist if str(v).strip()]
        except ValueError:
            self.data = []
            self.bad_input = True

    def pre_validate(self, form: Any) -> None:
        if getattr(self, "bad_input", False):
            raise ValidationError("所选内容无效，请刷新页面后重试")
        allowed = {int(c.value) for c in self.choices}
        if any(v not in allowed for v in self.data or []):
            raise ValidationError("所选学校中有不存在或无权选择的学校，请刷新页面后重试")


def _int_text(field: Field, low: int, high: int, what: str) -> int | None:
    text = (field.data or "").strip()
    if not re.fullmatch(r"\d{1,6}", text):
        raise ValidationError(f"{what}应为整数")
    value = int(text)
    if not low <= value <= high:
        raise ValidationError(f"{what}应在{low}到{high}之间")
    return value


# --------------------------------------------------------------------------------------------
# Cycles


class CycleForm(Form):
    name = StringField("名称", validators=[DataRequired("请填写名称"), Length(max=200, message="名称最多200个字")])
    year = StringField("年度", validators=[DataRequired("请填写年度")], render_kw={"inputmode": "numeric"})
    rubric = SelectField("评估细则", validate_choice=False, validators=[DataRequired("请选择评估细则")])
    deadline = ChineseDateField("提交截止日期", validators=[Optional()])
    schools = CheckboxesField("参评学校")

    def validate_year(self, field: Field) -> None:
        _int_text(field, 2000, 2100, "年度")

    def validate_rubric(self, field: Field) -> None:
        if field.data not in {c.value for c in field.choices}:
            raise ValidationError("请选择已发布的评估细则")

    def validate_schools(self, field: Field) -> None:
        if not field.data:
            raise ValidationError("请至少选择一所参评学校")


class CycleEditForm(Form):
    name = StringField("名称", validators=[DataRequired("请填写名称"), Length(max=200, message="名称最多200个字")])
    deadline = ChineseDateField("提交截止日期", validators=[Optional()])
    add_schools = CheckboxesField("增加参评学校")


class ReasonForm(Form):
    reason = StringField("说明", validators=[Length(max=500, message="最多500个字")])


# --------------------------------------------------------------------------------------------
# Schools


class SchoolImportForm(Form):
    file = FileField("学校名单（Excel .xlsx）")

    def validate_file(self, field: Field) -> None:
        upload = field.data
        if upload is None or not getattr(upload, "filename", ""):
            raise ValidationError("请选择要导入的 Excel 文件")
        if not upload.filename.lower().endswith(".xlsx"):
            raise ValidationError("只接受 Excel（.xlsx）文件；旧版 .xls 请先另存为 .xlsx")


# --------------------------------------------------------------------------------------------
# Accounts

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
        if not _USERNAME.match(field.data or ""):
            raise ValidationError("用户名只能由字母、数字、点、下划线和连字符组成，且以字母或数字开头")

    def validate_role(self, field: Field) -> None:
        if field.data not in {c.value for c in ROLE_CHOICES}:
            raise ValidationError("请选择角色")

    def validate_school(self, field: Field) -> None:
        if self.role.data == Role.SCHOOL.value and field.data not in {c.value for c in field.choices if c.value}:
            raise ValidationError("学校账号须选择所属学校")

    def validate_district(self, field: Field) -> None:
        if self.role.data == Role.DISTRICT.value and field.data not in {c.value for c in field.choices if c.value}:
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


# --------------------------------------------------------------------------------------------
# Inspector assignments


class AssignmentForm(Form):
    inspector = HiddenField()
    schools = CheckboxesField("负责的学校")


# --------------------------------------------------------------------------------------------
# Rubrics


class RubricCheckForm(Form):
    file = FileField("评估细则文件（YAML）")
    text = TextAreaField("或直接粘贴 YAML 内容", validators=[Length(max=1_000_000, message="内容过长（最多1MB）")])


class RubricPublishForm(Form):
    yaml_text = TextAreaField(
        "评估细则", validators=[DataRequired("没有要发布的内容"), Length(max=1_000_000, message="内容过长")]
    )


class CandidateForm(Form):
    decision = SelectField(
        "决定",
        choices=[SelectChoice("accepted", "采纳"), SelectChoice("rejected", "不采纳"), SelectChoice("pending", "待定")],
        validate_choice=False,
    )
    key = HiddenField()
    title = StringField("要点名称", validators=[Length(max=120, message="要点名称最多120个字")])
    value = StringField("阈值", render_kw={"inputmode": "decimal", "autocomplete": "off"})
    value_max = StringField("上限", render_kw={"inputmode": "decimal", "autocomplete": "off"})

    def validate_decision(self, field: Field) -> None:
        if field.data not in ("accepted", "rejected", "pending"):
            raise ValidationError("无效的审核操作")


def read_threshold(text: str, unit: str | None) -> float | None:
    """A threshold as typed: 60, 1.5, 15% (a 比例 is typed as a percentage). Raises ValueError
    with a Chinese message."""
    raw = (text or "").strip()
    if not raw:
        return None
    cleaned = raw.replace("％", "%").replace("，", "").replace(",", "")
    if unit and unit != "比例":
        cleaned = cleaned.removesuffix(unit)
    percent = unit == "比例"
    cleaned = cleaned.removesuffix("%").strip()
    if not re.fullmatch(r"\d+(\.\d+)?", cleaned):
        raise ValueError(f"“{raw}”不是有效的数字")
    value = float(cleaned)
    if percent:
        if value > 100:
            raise ValueError("比例不能超过100%")
        return round(value / 100, 6)
    if value > 1_000_000:
        raise ValueError("数值过大")
    return value


class DraftSettingsForm(Form):
    """The draft's id, version and title (on a GET page and in the publish POST)."""

    rubric_id = StringField(
        "细则编号", validators=[DataRequired("请填写细则编号"), Length(max=80, message="最多80个字符")]
    )
    version = StringField("版本号", validators=[DataRequired("请填写版本号")], render_kw={"inputmode": "numeric"})
    title = StringField("细则标题", validators=[Length(max=200, message="标题最多200个字")])

    def validate_rubric_id(self, field: Field) -> None:
        if not _RUBRIC_ID.match(field.data or ""):
            raise ValidationError("细则编号只能用小写字母、数字和连字符，如 yingkou-2025")

    def validate_version(self, field: Field) -> None:
        _int_text(field, 1, 999, "版本号")


class DraftViewForm(DraftSettingsForm):
    class Meta:
        csrf = False


# --------------------------------------------------------------------------------------------
# The audit log


class AuditFilterForm(Form):
    class Meta:
        csrf = False

    action = SelectField("操作", validate_choice=False)
    school = StringField("学校（代码或名称）", validators=[Length(max=200, message="最多200个字")])
    user = StringField("操作人（用户名）", validators=[Length(max=80, message="最多80个字符")])
    date_from = ChineseDateField("起始日期", validators=[Optional()])
    date_to = ChineseDateField("截止日期", validators=[Optional()])

    def validate_action(self, field: Field) -> None:
        if field.data and field.data not in {c.value for c in field.choices}:
            raise ValidationError("请选择列表中的操作")

    def validate_date_to(self, field: Field) -> None:
        start, end = self.date_from.parsed, field.parsed
        if start and end and end < start:
            raise ValidationError("截止日期不能早于起始日期")
