"""The 整改 forms: the school's 整改报告 (措施 and 成效 per task), the inspector's 复查 and the
整改期限. Lengths are checked here and beside the field; nothing typed is lost."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from wtforms import HiddenField, RadioField, SelectChoice, StringField, TextAreaField
from wtforms.validators import InputRequired, Length, Optional

from webapp.forms import ChineseDateField, Form
from webapp.rectification.operations import MEASURES_MAX, NOTE_MAX, OUTCOME_MAX


class ReportForm(Form):
    """One 整改报告: for every task still with the school, 整改措施, 整改成效 and the version of
    the task the form shows (fields ``measures-<id>``, ``outcome-<id>``, ``version-<id>``);
    the button pressed says 保存草稿 or 提交 (``action``)."""


def report_form(tasks: Sequence[Any], formdata: Any = None) -> ReportForm:
    attrs: dict[str, Any] = {}
    data: dict[str, Any] = {}
    for task in tasks:
        attrs[f"measures-{task.id}"] = TextAreaField(
            "整改措施",
            validators=[Length(max=MEASURES_MAX, message=f"最多{MEASURES_MAX}字，请删减")],
            render_kw={"rows": 4, "placeholder": "针对问题采取了哪些措施：制度、人员、时间安排……"},
        )
        attrs[f"outcome-{task.id}"] = TextAreaField(
            "整改成效",
            validators=[Length(max=OUTCOME_MAX, message=f"最多{OUTCOME_MAX}字，请删减")],
            render_kw={"rows": 3, "placeholder": "整改后达到的情况，最好有数字：如每日体育活动已达60分钟"},
        )
        attrs[f"version-{task.id}"] = HiddenField()
        data[f"measures-{task.id}"] = task.measures
        data[f"outcome-{task.id}"] = task.outcome
        data[f"version-{task.id}"] = str(task.version)
    form_class = type("TaskReportForm", (ReportForm,), attrs)
    return form_class(formdata=formdata, data=None if formdata is not None else data)  # type: ignore[no-any-return]


def version_in(form: Any, task_id: int) -> int:
    try:
        return int(form[f"version-{task_id}"].data)
    except (KeyError, TypeError, ValueError):
        return -1


class ReinspectForm(Form):
    task = HiddenField()
    version = HiddenField()
    verdict = RadioField(
        "复查结论",
        choices=[SelectChoice("pass", "通过"), SelectChoice("fail", "不通过")],
        validate_choice=False,  # an unknown value gets the Chinese message in the view
        validators=[InputRequired(message="请选择复查结论")],
    )
    note = TextAreaField(
        "复查意见",
        validators=[Length(max=NOTE_MAX, message=f"最多{NOTE_MAX}字")],
        render_kw={"rows": 2, "placeholder": "不通过时必填：哪里还不到位，应如何继续整改"},
    )


class DeadlineForm(Form):
    task = HiddenField()
    version = HiddenField()
    deadline = ChineseDateField("整改期限", validators=[InputRequired(message="请填写新的整改期限")])
    reason = StringField(
        "说明",
        validators=[Optional(), Length(max=NOTE_MAX, message=f"最多{NOTE_MAX}字")],
        render_kw={"placeholder": "如：涉及基建，需延长期限"},
    )
