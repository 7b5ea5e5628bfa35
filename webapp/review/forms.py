"""The inspector's forms: the review of one item (a correction box per figure, then result,
reason, comment), and the record of the visit given when finalising (评估过程)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from wtforms import (
    Field,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
    ValidationError,
)
from wtforms.validators import Length, Optional

from checklist.model import InputType
from webapp.forms import ChineseDateField, VersionedForm, int_text
from webapp.school.forms import BOOLEAN_CHOICES, Reads

CORRECTION_PREFIX = "c-"


class ReviewForm(VersionedForm):
    override_status = SelectField("核定结果", validate_choice=False)
    override_points = StringField("核定得分", render_kw={"inputmode": "decimal", "autocomplete": "off"})
    reason = TextAreaField("核定理由", validators=[Length(max=2000, message="最多2000字")])
    comment = TextAreaField("给学校的修改意见", validators=[Length(max=2000, message="最多2000字")])


def review_form(figures: Sequence[Any], formdata: Any = None, data: dict[str, Any] | None = None) -> ReviewForm:
    """A review form for one item: a correction box per figure, then result, reason, comment."""
    from webapp.review.pages import OVERRIDE_CHOICES

    attrs: dict[str, Any] = {}
    for figure in figures:
        spec = figure.field
        name = CORRECTION_PREFIX + spec.key
        validators = [Optional(), Reads(spec)]
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


class CountField(StringField):
    """A count typed by the inspector (听课12节): empty, or a whole number 0–9999 in ``parsed``."""

    def __init__(self, label: str, unit: str, **kwargs: Any) -> None:
        kwargs.setdefault("render_kw", {"inputmode": "numeric", "autocomplete": "off", "class": "short"})
        super().__init__(label, **kwargs)
        self.unit = unit
        self.parsed: int | None = None

    def pre_validate(self, form: Any) -> None:
        self.parsed = None
        if (self.data or "").strip():
            self.parsed = int_text(self, 0, 9999, str(self.label.text))


class FinaliseForm(VersionedForm):
    """核定完成, with what the evaluation team did (评估过程) for the report. Every field is
    optional: the report states only what is given."""

    visit_start = ChineseDateField("实地评估开始日期", validators=[Optional()])
    visit_end = ChineseDateField("结束日期", validators=[Optional()])
    team = StringField(
        "评估组成员",
        validators=[Length(max=500, message="最多500个字")],
        render_kw={"placeholder": "多人用、分隔；留空则为核定人"},
    )
    lessons = CountField("听课", "节")
    meetings = CountField("座谈", "场")
    questionnaires = CountField("问卷", "份")
    documents = CountField("查阅资料", "份")

    def validate_visit_end(self, field: Field) -> None:
        start, end = self.visit_start.parsed, self.visit_end.parsed
        if start and end and end < start:
            raise ValidationError("结束日期不能早于开始日期")
