"""The states of the year in one table: every (status, action, role) either leads somewhere or is
refused with a reason in Chinese — tested without a database."""

from __future__ import annotations

import itertools

import pytest

from webapp.lifecycle import (
    STEPS,
    Action,
    AssessmentStatus,
    RectificationStage,
    Refused,
    Role,
    TaskAction,
    TaskStatus,
    can,
    can_task,
    next_status,
    next_task_status,
    rectification_stage,
)

S, A = AssessmentStatus, Action


@pytest.mark.parametrize(
    ("status", "action", "role", "expected"),
    [
        (S.DRAFT, A.SAVE, Role.SCHOOL, S.DRAFT),
        (S.RETURNED, A.SAVE, Role.SCHOOL, S.RETURNED),
        (S.DRAFT, A.SUBMIT, Role.SCHOOL, S.SUBMITTED),
        (S.RETURNED, A.SUBMIT, Role.SCHOOL, S.SUBMITTED),
        (S.SUBMITTED, A.REVIEW, Role.INSPECTOR, S.UNDER_REVIEW),
        (S.UNDER_REVIEW, A.REVIEW, Role.INSPECTOR, S.UNDER_REVIEW),
        (S.SUBMITTED, A.RETURN, Role.INSPECTOR, S.RETURNED),
        (S.UNDER_REVIEW, A.RETURN, Role.INSPECTOR, S.RETURNED),
        (S.UNDER_REVIEW, A.FINALISE, Role.INSPECTOR, S.FINALISED),
    ],
)
def test_the_steps_of_the_year(status: S, action: A, role: Role, expected: S) -> None:
    assert next_status(status, action, role) is expected


@pytest.mark.parametrize(
    ("status", "action", "role", "words"),
    [
        (S.SUBMITTED, A.SAVE, Role.SCHOOL, "当前状态为“已提交”，不能修改"),
        (S.FINALISED, A.SUBMIT, Role.SCHOOL, "不能提交"),
        (S.DRAFT, A.REVIEW, Role.INSPECTOR, "当前状态为“填报中”，不能核定"),
        (S.FINALISED, A.RETURN, Role.INSPECTOR, "不能退回"),
        (S.SUBMITTED, A.FINALISE, Role.ADMIN, "督导室管理员不能核定完成"),
        (S.DRAFT, A.SUBMIT, Role.DISTRICT, "区县教育局不能提交"),
    ],
)
def test_what_the_table_refuses_it_says_why(status: S, action: A, role: Role, words: str) -> None:
    with pytest.raises(Refused, match=words):
        next_status(status, action, role)


def test_a_finalised_assessment_is_closed_to_every_action_of_every_role() -> None:
    for action, role in itertools.product(Action, Role):
        assert not can(S.FINALISED, action, role), (action, role)


def test_only_schools_edit_and_only_inspectors_review() -> None:
    for action, step in STEPS.items():
        assert step.roles == ({Role.SCHOOL} if action in (A.SAVE, A.SUBMIT) else {Role.INSPECTOR})


def test_the_school_can_edit_exactly_in_draft_and_returned() -> None:
    assert {s for s in S if s.school_can_edit} == {S.DRAFT, S.RETURNED}


# 整改 → 复查: the tasks of a finalised assessment

T, TA = TaskStatus, TaskAction


@pytest.mark.parametrize(
    ("status", "action", "role", "expected"),
    [
        (T.OPEN, TA.SAVE, Role.SCHOOL, T.OPEN),
        (T.FAILED, TA.SAVE, Role.SCHOOL, T.FAILED),
        (T.OPEN, TA.REPORT, Role.SCHOOL, T.REPORTED),
        (T.FAILED, TA.REPORT, Role.SCHOOL, T.REPORTED),
        (T.REPORTED, TA.PASS, Role.INSPECTOR, T.PASSED),
        (T.REPORTED, TA.FAIL, Role.INSPECTOR, T.FAILED),
        (T.OPEN, TA.SET_DEADLINE, Role.INSPECTOR, T.OPEN),
        (T.REPORTED, TA.SET_DEADLINE, Role.INSPECTOR, T.REPORTED),
    ],
)
def test_the_steps_of_rectification(status: T, action: TA, role: Role, expected: T) -> None:
    assert next_task_status(status, action, role) is expected


@pytest.mark.parametrize(
    ("status", "action", "role", "words"),
    [
        (T.REPORTED, TA.SAVE, Role.SCHOOL, "当前状态为“已报待复查”，不能修改整改报告"),
        (T.PASSED, TA.REPORT, Role.SCHOOL, "当前状态为“复查通过”，不能提交整改报告"),
        (T.OPEN, TA.PASS, Role.INSPECTOR, "当前状态为“待整改”，不能复查"),
        (T.REPORTED, TA.PASS, Role.ADMIN, "督导室管理员不能复查"),
        (T.REPORTED, TA.FAIL, Role.SCHOOL, "学校不能复查"),
        (T.PASSED, TA.SET_DEADLINE, Role.INSPECTOR, "不能修改整改期限"),
        (T.OPEN, TA.SET_DEADLINE, Role.DISTRICT, "区县教育局不能修改整改期限"),
    ],
)
def test_what_the_task_table_refuses_it_says_why(status: T, action: TA, role: Role, words: str) -> None:
    with pytest.raises(Refused, match=words):
        next_task_status(status, action, role)


def test_a_passed_task_is_closed_to_every_action_of_every_role() -> None:
    for action, role in itertools.product(TaskAction, Role):
        assert not can_task(T.PASSED, action, role), (action, role)


def test_only_open_and_failed_tasks_are_with_the_school() -> None:
    assert {s for s in T if s.with_school} == {T.OPEN, T.FAILED}


@pytest.mark.parametrize(
    ("statuses", "expected"),
    [
        ((), None),
        ((T.OPEN, T.PASSED), RectificationStage.RECTIFYING),
        ((T.FAILED, T.PASSED, T.REPORTED), RectificationStage.RECTIFYING),
        ((T.REPORTED, T.REPORTED), RectificationStage.REPORTED),
        ((T.REPORTED, T.PASSED), RectificationStage.REPORTED),
        ((T.PASSED, T.PASSED), RectificationStage.REINSPECTED),
    ],
)
def test_the_assessments_rectification_stage_is_read_from_its_tasks(
    statuses: tuple[T, ...], expected: RectificationStage | None
) -> None:
    assert rectification_stage(statuses) is expected
    if expected is not None:
        assert expected.label in ("整改中", "整改已报", "已复查")
