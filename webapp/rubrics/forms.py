"""Forms of rubrics: check and publish a YAML file, decide on a candidate, name the draft."""

from __future__ import annotations

import re

from flask_wtf.file import FileField
from wtforms import (
    BooleanField,
    Field,
    HiddenField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, ValidationError

from checklist.extract.candidates import one_in_n
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
    """A threshold as typed: 60, 1.5, 15% (a 比例 is typed as a percentage, or as a ratio of one
    to N: 1:19, 600:1). Raises ValueError with a Chinese message."""
    raw = (text or "").strip()
    if not raw:
        return None
    if unit == "时刻":  # a time of the day, typed 8:20 or 21:30
        clock = re.fullmatch(r"([01]?\d|2[0-4])\s*[:：∶]\s*([0-5]\d)", raw)
        if clock is None or int(clock.group(1)) * 60 + int(clock.group(2)) > 24 * 60:
            raise ValueError(f"“{raw}”不是有效的时刻，请写成 8:20 或 21:30 的形式")
        return float(int(clock.group(1)) * 60 + int(clock.group(2)))
    one_to = re.fullmatch(r"(\d+(?:\.\d+)?)\s*[:：∶]\s*(\d+(?:\.\d+)?)", raw)
    if unit == "比例" and one_to:
        a, b = float(one_to.group(1)), float(one_to.group(2))
        if min(a, b) != 1 or max(a, b) <= 1:
            raise ValueError(f"“{raw}”不是一比几的比例，请写成 1:19 或 600:1 的形式")
        return one_in_n(max(a, b))
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


def read_threshold_field(field: Field, unit: str | None, missing: str = "") -> float | None:
    """The threshold typed in a form's field (read_threshold), or None with the reason put
    beside the field: the text cannot be read, or it is empty and ``missing`` says why it may
    not be."""
    try:
        value = read_threshold(field.data or "", unit)
    except ValueError as exc:
        field.errors = [str(exc)]
        return None
    if value is None and missing:
        field.errors = [missing]
    return value


def threshold_text(value: float | None, unit: str | None) -> str:
    """A threshold as a form shows it, for read_threshold to read back: 60, 1.5, 15 (a 比例 as
    a percentage)."""
    if value is None:
        return ""
    if unit == "比例":
        return f"{round(value * 100, 6):g}"
    if unit == "时刻":
        return f"{int(value) // 60}:{int(value) % 60:02d}"  # 500 minutes after midnight → 8:20
    return f"{value:g}"


class DraftSettingsForm(Form):
    """The draft's id, version and title (on a GET page and in the publish POST)."""

    rubric_id = StringField(
        "细则编号", validators=[DataRequired("请填写细则编号"), Length(max=80, message="最多80个字符")]
    )
    version = StringField("版本号", validators=[DataRequired("请填写版本号")], render_kw={"inputmode": "numeric"})
    title = StringField("细则标题", validators=[Length(max=200, message="标题最多200个字")])

    def validate_rubric_id(self, field: Field) -> None:
        if not _RUBRIC_ID.match(field.data or ""):
            raise ValidationError("细则编号只能用小写字母、数字和连字符（拼音加年份，中间用连字符）")

    def validate_version(self, field: Field) -> None:
        int_text(field, 1, 999, "版本号")


class DraftViewForm(DraftSettingsForm):
    class Meta:
        csrf = False


# -- the draft editor ------------------------------------------------------------------------------


class PlanMetaForm(Form):
    """What the library says of a plan: proposed from its text, corrected by the officer."""

    title = StringField("标题", validators=[Length(max=300, message="标题最多300个字")])
    issuer = StringField("发文单位", validators=[Length(max=200, message="发文单位最多200个字")])
    year = StringField("年度", render_kw={"inputmode": "numeric", "autocomplete": "off"})
    doc_number = StringField("文号", validators=[Length(max=100, message="文号最多100个字")])

    def validate_year(self, field: Field) -> None:
        if (field.data or "").strip():
            int_text(field, 1949, 2100, "年度")

    def year_value(self) -> int | None:
        text = (self.year.data or "").strip()
        return int(text) if text else None


class PlanUploadForm(PlanMetaForm):
    file = FileField("工作要点文件（.txt、.docx、.xlsx、.pdf、.html）")
    text = TextAreaField("或粘贴工作要点全文", validators=[Length(max=2_000_000, message="内容过长（最多200万字）")])


class StartDraftForm(Form):
    base = SelectField("上一年度的评估细则（可不选）", choices=[], validate_choice=False)


class ItemForm(Form):
    """One item of a draft as the officer edits it. A form without ``full`` carries only a
    decision (the buttons of a set-aside candidate): the other fields are left as they are."""

    rev = HiddenField()
    full = HiddenField()
    title = StringField("要点名称", validators=[Length(max=120, message="要点名称最多120个字")])
    kind = SelectField("要求类型", choices=[], validate_choice=False)
    comparator = SelectField("比较", choices=[], validate_choice=False)
    value = StringField("阈值", render_kw={"inputmode": "decimal", "autocomplete": "off"})
    value_max = StringField("上限", render_kw={"inputmode": "decimal", "autocomplete": "off"})
    unit = StringField("单位", validators=[Length(max=10, message="单位最多10个字")])
    period = SelectField("周期", choices=[], validate_choice=False)
    stages = SelectMultipleField("适用学段", choices=[], validate_choice=False)
    modality = SelectField("约束", choices=[], validate_choice=False)
    points = StringField("分值", render_kw={"inputmode": "decimal", "autocomplete": "off"})
    evidence = TextAreaField("佐证材料（每行一项）", validators=[Length(max=1000, message="佐证材料最多1000个字")])
    method = StringField("评估方法", validators=[Length(max=100, message="评估方法最多100个字")])
    advice = TextAreaField("整改建议", validators=[Length(max=500, message="整改建议最多500个字")])
    dimension = SelectField("一级指标", choices=[], validate_choice=False)
    indicator = StringField("二级指标", validators=[Length(max=60, message="二级指标最多60个字")])
    veto = BooleanField("一票否决")
    bonus = BooleanField("加分项")


class PassageForm(Form):
    quote = TextAreaField(
        "原文中的一段要求",
        validators=[DataRequired("请从左侧原文中选取或复制一段要求"), Length(max=400, message="最多400字")],
    )


def read_points(text: str) -> float:
    """Points as typed: 4, 2.5. Raises ValueError with a Chinese message."""
    raw = (text or "").strip()
    if not re.fullmatch(r"\d{1,3}(\.\d{1,2})?", raw):
        raise ValueError(f"“{raw}”不是有效的分值（如 4 或 2.5）" if raw else "请填写分值")
    value = float(raw)
    if value > 100:
        raise ValueError("分值不能超过100")
    return value
