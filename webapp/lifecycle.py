"""The states of a school's assessment through the year, who may move it, and where to.

Pure: ``next_status(status, action, role)`` answers the next status, or raises ``Refused`` with
the reason in Chinese; nothing here reads the database. The use cases (school, review) ask it
before every transition, so the table below is the one place the rules of the year live:

    draft ──提交──▶ submitted ──(first review)──▶ under_review ──核定完成──▶ finalised
      ▲               │                              │
      └──── returned ◀┴──────────退回修改─────────────┘   (the school edits, then 提交 again)

After 核定完成 the assessment stays ``finalised`` (read-only, its score final) and every item not
met or partly met becomes a 整改 task with a state of its own (the second table below):

    open ──提交整改报告──▶ reported ──复查通过──▶ passed
      ▲                      │
      └── failed ◀──复查未通过─┘                  (the school answers again, then 提交 again)

The assessment's 整改 stage is read from its tasks (``rectification_stage``): 整改中 while any
task is with the school, 整改已报 when every task is reported or passed, 已复查 when all passed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class Role(StrEnum):
    SCHOOL = "school"
    INSPECTOR = "inspector"
    DISTRICT = "district"
    ADMIN = "admin"

    @property
    def label(self) -> str:
        return ROLE_LABELS[self]


ROLE_LABELS = {
    Role.SCHOOL: "学校",
    Role.INSPECTOR: "督学",
    Role.DISTRICT: "区县教育局",
    Role.ADMIN: "督导室管理员",
}


class AssessmentStatus(StrEnum):
    """The cycle of one school's self-assessment."""

    DRAFT = "draft"
    SUBMITTED = "submitted"
    RETURNED = "returned"
    UNDER_REVIEW = "under_review"
    FINALISED = "finalised"

    @property
    def label(self) -> str:
        return STATUS_LABELS[self]

    @property
    def school_can_edit(self) -> bool:
        return can(self, Action.SAVE, Role.SCHOOL)


STATUS_LABELS = {
    AssessmentStatus.DRAFT: "填报中",
    AssessmentStatus.SUBMITTED: "已提交",
    AssessmentStatus.RETURNED: "退回修改",
    AssessmentStatus.UNDER_REVIEW: "核定中",
    AssessmentStatus.FINALISED: "已核定",
}


class Action(StrEnum):
    SAVE = "save"  # the school saves a page
    SUBMIT = "submit"  # 提交
    REVIEW = "review"  # an inspector reviews an item (the first review starts 核定)
    RETURN = "return"  # 退回修改
    FINALISE = "finalise"  # 核定完成


@dataclass(frozen=True)
class Step:
    """Who may take an action, from which states, and the state it leads to (None: it stays)."""

    verb: str  # for the refusal: 不能{verb}
    roles: frozenset[Role]
    from_states: frozenset[AssessmentStatus]
    to: AssessmentStatus | None


S = AssessmentStatus
_BY_SCHOOL = frozenset({Role.SCHOOL})
_BY_INSPECTOR = frozenset({Role.INSPECTOR})
_REVIEWABLE = frozenset({S.SUBMITTED, S.UNDER_REVIEW})

STEPS: dict[Action, Step] = {
    Action.SAVE: Step("修改", _BY_SCHOOL, frozenset({S.DRAFT, S.RETURNED}), None),
    Action.SUBMIT: Step("提交", _BY_SCHOOL, frozenset({S.DRAFT, S.RETURNED}), S.SUBMITTED),
    Action.REVIEW: Step("核定", _BY_INSPECTOR, _REVIEWABLE, S.UNDER_REVIEW),
    Action.RETURN: Step("退回", _BY_INSPECTOR, _REVIEWABLE, S.RETURNED),
    Action.FINALISE: Step("核定完成", _BY_INSPECTOR, _REVIEWABLE, S.FINALISED),
}


class Refused(Exception):
    """An action the table does not allow, with the reason in Chinese."""


def next_status(status: AssessmentStatus, action: Action, role: Role) -> AssessmentStatus:
    """The status after ``action`` by ``role``; raises Refused when the table does not allow it."""
    step = STEPS[action]
    status = AssessmentStatus(status)
    if Role(role) not in step.roles:
        raise Refused(f"{Role(role).label}不能{step.verb}本自评。")
    if status not in step.from_states:
        raise Refused(f"本自评当前状态为“{status.label}”，不能{step.verb}。")
    return step.to or status


def can(status: AssessmentStatus, action: Action, role: Role) -> bool:
    try:
        next_status(status, action, role)
    except Refused:
        return False
    return True


# --------------------------------------------------------------------------------------------
# 整改 → 复查: the tasks of a finalised assessment


class TaskStatus(StrEnum):
    """One 整改 task: with the school (open, or failed: back after a 复查 not passed), reported
    in the school's 整改报告, or passed at 复查."""

    OPEN = "open"
    REPORTED = "reported"
    PASSED = "passed"
    FAILED = "failed"

    @property
    def label(self) -> str:
        return TASK_STATUS_LABELS[self]

    @property
    def with_school(self) -> bool:
        """The school may write its 整改报告 on it (保存草稿, 提交)."""
        return can_task(self, TaskAction.REPORT, Role.SCHOOL)


TASK_STATUS_LABELS = {
    TaskStatus.OPEN: "待整改",
    TaskStatus.REPORTED: "已报待复查",
    TaskStatus.PASSED: "复查通过",
    TaskStatus.FAILED: "复查未通过",
}


class RectificationStage(StrEnum):
    """An assessment's 整改 stage after 核定完成, read from its tasks."""

    RECTIFYING = "rectifying"
    REPORTED = "rectification_reported"
    REINSPECTED = "reinspected"

    @property
    def label(self) -> str:
        return STAGE_LABELS[self]


STAGE_LABELS = {
    RectificationStage.RECTIFYING: "整改中",
    RectificationStage.REPORTED: "整改已报",
    RectificationStage.REINSPECTED: "已复查",
}


def rectification_stage(statuses: Iterable[TaskStatus]) -> RectificationStage | None:
    """整改中 while any task is with the school, 整改已报 when every task is reported (or already
    passed), 已复查 when every task passed; None without tasks (nothing to rectify)."""
    found = {TaskStatus(s) for s in statuses}
    if not found:
        return None
    if any(s.with_school for s in found):
        return RectificationStage.RECTIFYING
    if TaskStatus.REPORTED in found:
        return RectificationStage.REPORTED
    return RectificationStage.REINSPECTED


class TaskAction(StrEnum):
    SAVE = "save"  # the school saves its 整改报告 on a task as a draft
    REPORT = "report"  # 提交整改报告
    PASS = "pass"  # 复查通过
    FAIL = "fail"  # 复查未通过, with the reason: back to the school
    SET_DEADLINE = "set_deadline"  # the inspector moves a task's 整改期限


@dataclass(frozen=True)
class TaskStep:
    verb: str
    roles: frozenset[Role]
    from_states: frozenset[TaskStatus]
    to: TaskStatus | None


T = TaskStatus
_WITH_SCHOOL = frozenset({T.OPEN, T.FAILED})

TASK_STEPS: dict[TaskAction, TaskStep] = {
    TaskAction.SAVE: TaskStep("修改整改报告", _BY_SCHOOL, _WITH_SCHOOL, None),
    TaskAction.REPORT: TaskStep("提交整改报告", _BY_SCHOOL, _WITH_SCHOOL, T.REPORTED),
    TaskAction.PASS: TaskStep("复查", _BY_INSPECTOR, frozenset({T.REPORTED}), T.PASSED),
    TaskAction.FAIL: TaskStep("复查", _BY_INSPECTOR, frozenset({T.REPORTED}), T.FAILED),
    TaskAction.SET_DEADLINE: TaskStep("修改整改期限", _BY_INSPECTOR, frozenset({T.OPEN, T.FAILED, T.REPORTED}), None),
}


def next_task_status(status: TaskStatus, action: TaskAction, role: Role) -> TaskStatus:
    """The task's status after ``action`` by ``role``; raises Refused when the table does not allow it."""
    step = TASK_STEPS[action]
    status = TaskStatus(status)
    if Role(role) not in step.roles:
        raise Refused(f"{Role(role).label}不能{step.verb}。")
    if status not in step.from_states:
        raise Refused(f"该整改任务当前状态为“{status.label}”，不能{step.verb}。")
    return step.to or status


def can_task(status: TaskStatus, action: TaskAction, role: Role) -> bool:
    try:
        next_task_status(status, action, role)
    except Refused:
        return False
    return True
