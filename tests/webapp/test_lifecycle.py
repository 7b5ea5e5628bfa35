"""The states of the year in one table: every (status, action, role) either leads somewhere or is
refused with a reason in Chinese — tested without a database."""

from __future__ import annotations

import itertools

import pytest

from webapp.lifecycle import STEPS, Action, AssessmentStatus, Refused, Role, can, next_status

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
