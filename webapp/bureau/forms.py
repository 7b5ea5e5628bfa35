"""Forms of the bureau: cycles, the school list upload, assignments, the audit filter."""

from __future__ import annotations

from flask_wtf.file import FileField
from wtforms import (
    Field,
    HiddenField,
    SelectField,
    StringField,
)
from wtforms.validators import DataRequired, Length, Optional, ValidationError

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
    add_schools = CheckboxesField("增加参评学校")




class SchoolImportForm(Form):
    file = FileField("学校名单（Excel .xlsx）")

    def validate_file(self, field: Field) -> None:
        upload = field.data
        if upload is None or not getattr(upload, "filename", ""):
            raise ValidationError("请选择要导入的 Excel 文件")
        if not upload.filename.lower().endswith(".xlsx"):
            raise ValidationError("只接受 Excel（.xlsx）文件；旧版 .xls 请先另存为 .xlsx")


class AssignmentForm(Form):
    inspector = HiddenField()
    schools = CheckboxesField("负责的学校")


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
