"""Forms of rubrics: check and publish a YAML file, decide on a candidate, name the draft."""

from __future__ import annotations

import re

from flask_wtf.file import FileField
from wtforms import (
    Field,
    HiddenField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, ValidationError

from webapp.forms import Form, int_text

_RUBRIC_ID = re.compile(r"^[a-z0-9][a-z0-9\-]*$")


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
        int_text(field, 1, 999, "版本号")


class DraftViewForm(DraftSettingsForm):
    class Meta:
        csrf = False
