"""The self-assessment page's form, generated from the rubric: one field per input
(per grade for a per-grade input), each read by checklist.answers so that the web and the CLI
accept the same figures with the same messages."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from wtforms import (
    Field,
    RadioField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import ValidationError

from checklist.answers import AnswerError, AnswerTooLong, parse_value
from checklist.model import InputType
from webapp.assessments import Field as RubricField
from webapp.forms import VersionedForm

BOOLEAN_CHOICES = [SelectChoice("是", "是"), SelectChoice("否", "否")]


class SubmitForm(VersionedForm):
    pass


class Reads:
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
        validators = [Reads(spec)]
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
