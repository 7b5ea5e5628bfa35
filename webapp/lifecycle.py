"""The states of a school's assessment through the year, who may move it, and where to.

Pure: ``next_status(status, action, role)`` answers the next status, or raises ``Refused`` with
the reason in Chinese; nothing here reads the database. The use cases (school, review) ask it
before every transition, so the table below is the one place the rules of the year live:

    draft ──提交──▶ submitted ──(first review)──▶ under_review ──核定完成──▶ finalised
      ▲               │                              │
      └──── returned ◀┴──────────退回修改─────────────┘   (the school edits, then 提交 again)
"""

from __future__ import annotations

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
