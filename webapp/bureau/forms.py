"""Forms of the bureau: cycles, the school list and account list uploads, a school's profile,
assignments, the audit filter."""

from __future__ import annotations

from flask_wtf.file import FileField
from wtforms import (
    Field,
    HiddenField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
)
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from checklist.model import STAGE_NAMES
from webapp.bureau.school_operations import SchoolProfileChange
from webapp.forms import CheckboxesField, ChineseDateField, Form, int_text


class CycleForm(Form):
    name = StringField("名称", validators=[DataRequired("请填写名称"), Length(max=200, message="名称最多200个字")])
    year = StringField("年度", validators=[DataRequired("请填写年度")], render_kw={"inputmode": "numeric"})
    rubric = SelectField("评估细则", validate_choice=False, validators=[DataRequired("请选择评估细则")])
    deadline = ChineseDateField("提交截止日期", validators=[Optional()])
    schools = CheckboxesField("参评学校")

    def validate_year(self, field: Field) -> None:
        int_text(field, 2000, 2100, "年度")

    def validate_rubric(self, field: Field) -> None:
        if field.data not in {c.value for c in field.choices}:
            raise ValidationError("请选择已发布的评估细则")

    def validate_schools(self, field: Field) -> None:
        if not field.data:
            raise ValidationError("请至少选择一所参评学校")


class CycleEditForm(Form):
    name = StringField("名称", validators=[DataRequired("请填写名称"), Length(max=200, message="名称最多200个字")])
    deadline = ChineseDateField("提交截止日期", validators=[Optional()])
    doc_number = StringField("文号", validators=[Length(max=100, message="文号最多100个字")])
    rectify_days = StringField("整改期限（天）", render_kw={"inputmode": "numeric"})
    add_schools = CheckboxesField("增加参评学校")

    def validate_rectify_days(self, field: Field) -> None:
        if (field.data or "").strip():
            int_text(field, 1, 365, "整改期限")


class SchoolImportForm(Form):
    file = FileField("学校名单（Excel .xlsx）")

    def validate_file(self, field: Field) -> None:
        upload = field.data
        if upload is None or not getattr(upload, "filename", ""):
            raise ValidationError("请选择要导入的 Excel 文件")
        if not upload.filename.lower().endswith(".xlsx"):
            raise ValidationError("只接受 Excel（.xlsx）文件；旧版 .xls 请先另存为 .xlsx")


class AccountImportForm(SchoolImportForm):
    file = FileField("账号名单（Excel .xlsx）")


_YES_NO = [SelectChoice("1", "是"), SelectChoice("0", "否")]


class SchoolEditForm(Form):
    """A school's name, profile and district, on its page (the admin's)."""

    name = StringField(
        "学校名称", validators=[DataRequired("请填写学校名称"), Length(max=200, message="学校名称最多200个字")]
    )
    district = SelectField("所属区县", validate_choice=False)
    stages = SelectMultipleField("学段", validate_choice=False)
    public = SelectField(
        "办学性质", choices=[SelectChoice("1", "公办"), SelectChoice("0", "民办")], validate_choice=False
    )
    boarding = SelectField("寄宿", choices=_YES_NO, validate_choice=False)
    has_canteen = SelectField("食堂", choices=_YES_NO, validate_choice=False)

    def validate_name(self, field: Field) -> None:
        if any(ord(ch) < 32 for ch in field.data or ""):
            raise ValidationError("学校名称中有换行或不可见字符，请删除")

    def validate_district(self, field: Field) -> None:
        if field.data not in {c.value for c in field.choices}:
            raise ValidationError("请选择区县")

    def validate_stages(self, field: Field) -> None:
        if not field.data:
            raise ValidationError("请至少选择一个学段")
        if any(s not in STAGE_NAMES for s in field.data):
            raise ValidationError("所选学段无效，请刷新页面后重试")

    def validate_public(self, field: Field) -> None:
        _yes_no(field, "请选择公办或民办")

    def validate_boarding(self, field: Field) -> None:
        _yes_no(field, "请选择是或否")

    def validate_has_canteen(self, field: Field) -> None:
        _yes_no(field, "请选择是或否")

    def change(self) -> SchoolProfileChange:
        return SchoolProfileChange(
            name=self.name.data.strip(),
            stages=tuple(s for s in STAGE_NAMES if s in self.stages.data),
            public=self.public.data == "1",
            boarding=self.boarding.data == "1",
            has_canteen=self.has_canteen.data == "1",
            district_id=int(self.district.data),
        )


def _yes_no(field: Field, message: str) -> None:
    if field.data not in ("1", "0"):
        raise ValidationError(message)


class AssignmentForm(Form):
    inspector = HiddenField()
    schools = CheckboxesField("负责的学校")
    shown = CheckboxesField()  # the schools the page showed (hidden fields): only they change


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
