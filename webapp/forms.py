"""WTForms forms. The self-assessment page's form is generated from the rubric: one field per
input (per grade for a per-grade input), each read by checklist.answers so that the web and
the CLI accept the same figures with the same messages."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from flask_wtf import FlaskForm
from wtforms import (
    Field,
    HiddenField,
    PasswordField,
    RadioField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from checklist.answers import AnswerError, AnswerTooLong, parse_value
from checklist.model import InputType
from webapp.assessments import Field as RubricField

BOOLEAN_CHOICES = [SelectChoice("是", "是"), SelectChoice("否", "否")]


_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f\ufffe\uffff]")


def plain_text(value: Any) -> Any:
    """Typed text without the invisible control characters no document can hold: a vertical
    tab or form feed (Word's line and page breaks) becomes a line break, the rest go."""
    if isinstance(value, str):
        return _CONTROLS.sub("", value.replace("\v", "\n").replace("\f", "\n"))
    return value


class Form(FlaskForm):  # type: ignore[misc]
    """The base of every form: each text field's value is first made plain text."""

    class Meta:
        def bind_field(self, form: Any, unbound_field: Any, options: dict[str, Any]) -> Any:
            filters = (plain_text, *unbound_field.kwargs.get("filters", ()))
            return unbound_field.bind(form=form, filters=filters, **options)


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


class VersionedForm(Form):
    """A form that carries the version of the assessment it was rendered from."""

    version = HiddenField()

    def expected_version(self) -> int:
        try:
            return int(self.version.data)
        except (TypeError, ValueError):
            return -1


class SubmitForm(VersionedForm):
    pass


class _Reads:
    """Validator: reads the field's text with checklist.answers.parse_value and keeps the value
    (or the reason it cannot be read) on the field."""

    def __init__(self, spec: RubricField) -> None:
        self.spec = spec

    def __call__(self, form: Any, field: Field) -> None:
        text = field.data if isinstance(field.data, str) else ("" if field.data is None else str(field.data))
        field.raw_text = text
        field.parsed = None
        field.too_long = False
        try:
            field.parsed = parse_value(self.spec.input, text)
        except AnswerError as exc:
            field.too_long = isinstance(exc, AnswerTooLong)
            raise ValidationError(str(exc)) from exc


def section_form(
    fields: Sequence[RubricField], formdata: Any = None, data: dict[str, Any] | None = None
) -> VersionedForm:
    """A form for one page (一级指标) of the self-assessment."""
    attrs: dict[str, Any] = {}
    for spec in fields:
        inp = spec.input
        label = spec.label
        validators = [_Reads(spec)]
        if inp.type is InputType.BOOLEAN:
            attrs[spec.key] = RadioField(label, choices=BOOLEAN_CHOICES, validate_choice=False, validators=validators)
        elif inp.type is InputType.CHOICE:
            choices = [SelectChoice("", "请选择")] + [SelectChoice(c, c) for c in inp.choices]
            attrs[spec.key] = SelectField(label, choices=choices, validate_choice=False, validators=validators)
        elif inp.type is InputType.TEXT:
            attrs[spec.key] = TextAreaField(label, validators=validators)
        elif inp.type is InputType.DATE:
            attrs[spec.key] = StringField(label, validators=validators, render_kw={"type": "date"})
        else:
            attrs[spec.key] = StringField(
                label,
                validators=validators,
                render_kw={"inputmode": "decimal", "autocomplete": "off"},
            )
    form_class = type("SectionForm", (VersionedForm,), attrs)
    return form_class(formdata=formdata, data=data)  # type: ignore[no-any-return]


# --------------------------------------------------------------------------------------------
# The inspector's review of one item (核定)

CORRECTION_PREFIX = "c-"


class ReviewForm(VersionedForm):
    override_status = SelectField("核定结果", validate_choice=False)
    override_points = StringField("核定得分", render_kw={"inputmode": "decimal", "autocomplete": "off"})
    reason = TextAreaField("核定理由", validators=[Length(max=2000, message="最多2000字")])
    comment = TextAreaField("给学校的修改意见", validators=[Length(max=2000, message="最多2000字")])


def review_form(figures: Sequence[Any], formdata: Any = None, data: dict[str, Any] | None = None) -> ReviewForm:
    """A review form for one item: a correction box per figure, then result, reason, comment."""
    from webapp.review_pages import OVERRIDE_CHOICES

    attrs: dict[str, Any] = {}
    for figure in figures:
        spec = figure.field
        name = CORRECTION_PREFIX + spec.key
        validators = [Optional(), _Reads(spec)]
        if spec.input.type is InputType.BOOLEAN:
            choices = [SelectChoice("", "不更正"), *BOOLEAN_CHOICES]
            attrs[name] = SelectField(figure.label, choices=choices, validate_choice=False, validators=validators)
        else:
            attrs[name] = StringField(
                figure.label, validators=validators, render_kw={"autocomplete": "off", "placeholder": "不更正则留空"}
            )
    form_class = type("ItemReviewForm", (ReviewForm,), attrs)
    form = form_class(formdata=formdata, data=data)
    form.override_status.choices = [SelectChoice(v, label) for v, label in OVERRIDE_CHOICES]
    return form  # type: ignore[no-any-return]
