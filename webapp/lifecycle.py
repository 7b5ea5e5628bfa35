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
from typing import Generic, TypeVar


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


State = TypeVar("State", bound=StrEnum)
Act = TypeVar("Act", bound=StrEnum)


@dataclass(frozen=True)
class Step(Generic[State]):
    """Who may take an action, from which states, and the state it leads to (None: it stays)."""

    verb: str  # for the refusal: 不能{verb}
    roles: frozenset[Role]
    from_states: frozenset[State]
    to: State | None


class Refused(Exception):
    """An action the table does not allow, with the reason in Chinese."""


@dataclass(frozen=True)
class Table(Generic[Act, State]):
    """One thing's states as a table of steps, and the two questions asked of it."""

    states: type[State]
    subject: str  # in the refusals: 本自评当前状态为…
    steps: dict[Act, Step[State]]
    object: str = ""  # after the verb when the role may not: 学校不能复查 / 督学不能提交本自评

    def next(self, status: State, action: Act, role: Role) -> State:
        """The status after ``action`` by ``role``; raises Refused when the table does not allow it."""
        step = self.steps[action]
        status = self.states(status)
        if Role(role) not in step.roles:
            raise Refused(f"{Role(role).label}不能{step.verb}{self.object}。")
        if status not in step.from_states:
            raise Refused(f"{self.subject}当前状态为“{status.label}”，不能{step.verb}。")  # type: ignore[attr-defined]
        return step.to or status

    def can(self, status: State, action: Act, role: Role) -> bool:
        try:
            self.next(status, action, role)
        except Refused:
            return False
        return True


S = AssessmentStatus
_BY_SCHOOL = frozenset({Role.SCHOOL})
_BY_INSPECTOR = frozenset({Role.INSPECTOR})
_REVIEWABLE = frozenset({S.SUBMITTED, S.UNDER_REVIEW})

STEPS: dict[Action, Step[AssessmentStatus]] = {
    Action.SAVE: Step("修改", _BY_SCHOOL, frozenset({S.DRAFT, S.RETURNED}), None),
    Action.SUBMIT: Step("提交", _BY_SCHOOL, frozenset({S.DRAFT, S.RETURNED}), S.SUBMITTED),
    Action.REVIEW: Step("核定", _BY_INSPECTOR, _REVIEWABLE, S.UNDER_REVIEW),
    Action.RETURN: Step("退回", _BY_INSPECTOR, _REVIEWABLE, S.RETURNED),
    Action.FINALISE: Step("核定完成", _BY_INSPECTOR, _REVIEWABLE, S.FINALISED),
}
ASSESSMENTS = Table(AssessmentStatus, "本自评", STEPS, object="本自评")
next_status = ASSESSMENTS.next
can = ASSESSMENTS.can


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


T = TaskStatus
_WITH_SCHOOL = frozenset({T.OPEN, T.FAILED})

TASK_STEPS: dict[TaskAction, Step[TaskStatus]] = {
    TaskAction.SAVE: Step("修改整改报告", _BY_SCHOOL, _WITH_SCHOOL, None),
    TaskAction.REPORT: Step("提交整改报告", _BY_SCHOOL, _WITH_SCHOOL, T.REPORTED),
    TaskAction.PASS: Step("复查", _BY_INSPECTOR, frozenset({T.REPORTED}), T.PASSED),
    TaskAction.FAIL: Step("复查", _BY_INSPECTOR, frozenset({T.REPORTED}), T.FAILED),
    TaskAction.SET_DEADLINE: Step("修改整改期限", _BY_INSPECTOR, frozenset({T.OPEN, T.FAILED, T.REPORTED}), None),
}
TASKS = Table(TaskStatus, "该整改任务", TASK_STEPS)
next_task_status = TASKS.next
can_task = TASKS.can
