"""The base of every form (text made plain, the version an edit was rendered from), the
field types the features share, and the choices of a school that several forms offer."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import Any

from flask_wtf import FlaskForm
from sqlalchemy import select
from wtforms import Field, HiddenField, SelectChoice, SelectMultipleField, StringField
from wtforms.validators import Length, ValidationError

from webapp.extensions import db
from webapp.models import School

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


class VersionedForm(Form):
    """A form that carries the version of the assessment it was rendered from."""

    version = HiddenField()

    def expected_version(self) -> int:
        try:
            return int(self.version.data)
        except (TypeError, ValueError):
            return -1


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


def int_text(field: Field, low: int, high: int, what: str) -> int | None:
    text = (field.data or "").strip()
    if not re.fullmatch(r"\d{1,6}", text):
        raise ValidationError(f"{what}应为整数")
    value = int(text)
    if not low <= value <= high:
        raise ValidationError(f"{what}应在{low}到{high}之间")
    return value


class ReasonForm(Form):
    reason = StringField("说明", validators=[Length(max=500, message="最多500个字")])


def all_schools() -> list[School]:
    return list(db.session.execute(select(School).order_by(School.code)).scalars())


def school_choices(schools: Sequence[School]) -> list[SelectChoice]:
    return [
        SelectChoice(str(s.id), f"{s.code} {s.name}", optgroup=s.district.name if s.district else "（未分区县）")
        for s in schools
    ]
