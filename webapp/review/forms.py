"""The inspector's review of one item: a correction box per figure, then result, reason, comment."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from wtforms import (
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import Length, Optional

from checklist.model import InputType
from webapp.forms import VersionedForm
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
