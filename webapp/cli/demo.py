"""The demo database: a bureau, its districts, schools of every stage, accounts for every role,
and self-assessments in every state. Built through the same operations the app uses."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select

from checklist.answers import validate_answers
from checklist.samples import sample_answers
from webapp.accounts.operations import create_user
from webapp.assessments import field_key
from webapp.audit import record
from webapp.bureau.operations import open_cycle
from webapp.database import write_transaction
from webapp.extensions import db
from webapp.models import (
    Assessment,
    District,
    InspectorAssignment,
    Meta,
    Role,
    School,
    User,
)
from webapp.review.operations import ReviewInput, finalise, record_review, return_for_correction, start_review
from webapp.rubrics.library import rubric_of
from webapp.rubrics.operations import publish_rubric
from webapp.school.operations import FieldReading, save_section, submit_assessment
from webapp.settings import RUBRICS_DIR, local_today

DEMO_RUBRIC = "yingkou-2024-v1.yaml"


@dataclass(frozen=True)
class DemoSchool:
    code: str
    name: str
    district: str
    stages: tuple[str, ...]
    public: bool
    boarding: bool
    has_canteen: bool
    username: str
    state: str  # what the demo leaves it in


SCHOOLS = (
    DemoSchool(
        "210802101", "营口市站前区实验幼儿园", "站前区", ("kindergarten",), True, False, True, "zq-youeryuan", "empty"
    ),
    DemoSchool("210802201", "营口市站前区第一小学", "站前区", ("primary",), True, False, True, "zq-yixiao", "draft"),
    DemoSchool(
        "210803202", "营口市西市区育才小学", "西市区", ("primary",), False, False, True, "xs-yucai", "submitted"
    ),
    DemoSchool(
        "210804301", "营口市鲅鱼圈区第二初级中学", "鲅鱼圈区", ("junior",), True, True, True, "byq-erzhong", "returned"
    ),
    DemoSchool(
        "210803401",
        "营口市西市区九年一贯制学校",
        "西市区",
        ("primary", "junior"),
        True,
        False,
        False,
        "xs-jiunian",
        "under_review",
    ),
    DemoSchool("210800501", "营口市高级中学", "站前区", ("senior",), True, True, True, "yk-gaozhong", "finalised"),
    DemoSchool(
        "210800601", "营口市职业技术学校", "鲅鱼圈区", ("vocational",), True, True, True, "yk-zhijiao", "submitted"
    ),
    DemoSchool("210800701", "营口市特殊教育学校", "西市区", ("special",), True, True, True, "yk-tejiao", "draft"),
)


@dataclass(frozen=True)
class DemoAccount:
    username: str
    password: str
    role: str
    school: str | None
    display_name: str

    def to_dict(self) -> dict[str, Any]:
        return {"username": self.username, "password": self.password, "role": self.role, "school": self.school}


class DemoRefused(RuntimeError):
    """The database holds data the demo did not make; it will not be wiped."""


def database_is_demo_or_empty() -> bool:
    from sqlalchemy import inspect

    tables = inspect(db.engine).get_table_names()
    if "user" not in tables:
        return True
    marker = db.session.get(Meta, "demo") if "meta" in tables else None
    has_users = db.session.execute(select(User.id).limit(1)).first() is not None
    db.session.rollback()
    return marker is not None or not has_users


def reset_database() -> None:
    """Drop everything and migrate afresh (embedded SQLite: remove the file)."""
    from flask import current_app
    from flask_migrate import downgrade, upgrade

    url = db.engine.url
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        db.session.remove()
        db.engine.dispose()
        for suffix in ("", "-wal", "-shm"):
            Path(url.database + suffix).unlink(missing_ok=True)
    else:
        downgrade(revision="base")
    upgrade()
    evidence = Path(current_app.config["EVIDENCE_DIR"])
    if evidence.is_dir():
        import shutil

        shutil.rmtree(evidence)


def build_demo(seed: int = 2024) -> list[DemoAccount]:
    """Rebuild the database with the demo data; returns the accounts with their passwords."""
    reset_database()
    rng = random.Random(seed)
    accounts: list[DemoAccount] = []
    with write_transaction():
        db.session.add(Meta(key="demo", value="1"))
        for name in sorted({s.district for s in SCHOOLS}):
            db.session.add(District(name=name))
        db.session.flush()
        districts = {d.name: d for d in db.session.execute(select(District)).scalars()}
        for s in SCHOOLS:
            db.session.add(
                School(
                    code=s.code,
                    name=s.name,
                    district_id=districts[s.district].id,
                    stages=",".join(s.stages),
                    public=s.public,
                    boarding=s.boarding,
                    has_canteen=s.has_canteen,
                )
            )
    records = {}
    for path in sorted(RUBRICS_DIR.glob("*.yaml")):
        records[path.name] = publish_rubric(path.read_text(encoding="utf-8"))
    rubric_record = records[DEMO_RUBRIC]
    today = local_today()
    schools = {s.code: s for s in db.session.execute(select(School)).scalars()}
    cycle = open_cycle(
        "2024年度中小学校（幼儿园）办学水平自评",
        2024,
        rubric_record.id,
        today + dt.timedelta(days=30),
        [s.id for s in schools.values()],
    )
    cycle_id = cycle.id

    def account(username: str, role: Role, name: str, **kw: Any) -> User:
        new = create_user(username, role, display_name=name, must_change_password=False, **kw)
        school = name if role is Role.SCHOOL else None
        accounts.append(DemoAccount(username, new.password, role.value, school, name))
        user = db.session.get(User, new.user_id)
        assert user is not None
        return user

    admin = account("admin", Role.ADMIN, "营口市教育局督导室")
    account("zhanqian", Role.DISTRICT, "站前区教育局", district_name="站前区")
    inspector1 = account("duxue-wang", Role.INSPECTOR, "王督学")
    inspector2 = account("duxue-li", Role.INSPECTOR, "李督学")
    school_users = {}
    for s in SCHOOLS:
        school_users[s.code] = account(s.username, Role.SCHOOL, s.name, school_code=s.code)
    with write_transaction():
        for code in ("210802201", "210803202", "210804301", "210803401"):
            db.session.add(InspectorAssignment(user_id=inspector1.id, school_id=schools[code].id))
        for code in ("210800501", "210800601", "210800701", "210802101"):
            db.session.add(InspectorAssignment(user_id=inspector2.id, school_id=schools[code].id))
        record("assignment_changed", admin, entity="assignment", entity_id="demo")

    rubric = rubric_of(rubric_record)
    for s in SCHOOLS:
        if s.state == "empty":
            continue
        school = schools[s.code]
        user = school_users[s.code]
        assessment = db.session.execute(
            select(Assessment).where(Assessment.cycle_id == cycle_id, Assessment.school_id == school.id)
        ).scalar_one()
        # schools differ: some meet nearly everything, others fall short on a third of the items
        shortfall = {"draft": 0.3, "submitted": 0.15, "returned": 0.35, "under_review": 0.25, "finalised": 0.1}
        answers = sample_answers(rubric, school.profile, rng, shortfall=shortfall[s.state])
        if s.state == "draft":  # about half of it filled in
            keys = sorted(answers)
            answers = {k: answers[k] for k in keys[: len(keys) // 2]}
        assert not validate_answers(rubric, answers, school.profile), validate_answers(rubric, answers, school.profile)
        _save_all(assessment.id, user, answers)
        if s.state == "draft":
            continue
        fresh = db.session.get(Assessment, assessment.id)
        assert fresh is not None
        submit_assessment(fresh.id, user, fresh.version)
        inspector = inspector1 if s.code in ("210803202", "210804301", "210803401") else inspector2
        if s.state == "submitted":
            continue
        _review(assessment.id, inspector, rubric, rng, s.state)
    return accounts


def _save_all(assessment_id: int, user: User, answers: dict[str, Any]) -> None:
    readings = []
    for key, value in answers.items():
        if isinstance(value, dict):
            for grade, figure in value.items():
                readings.append(FieldReading(field_key(key, grade), _text(figure), figure))
        else:
            readings.append(FieldReading(key, _text(value), value))
    fresh = db.session.get(Assessment, assessment_id)
    assert fresh is not None
    result = save_section(assessment_id, user, fresh.version, readings)
    assert result.saved, result


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _review(assessment_id: int, inspector: User, rubric: Any, rng: random.Random, state: str) -> None:
    start_review(assessment_id, inspector)
    fresh = db.session.get(Assessment, assessment_id)
    assert fresh is not None
    results = fresh.self_results
    answered = [
        i for i in rubric.items if results.get(i.id, ["not_applicable"])[0] not in ("not_applicable", "unanswered")
    ]
    chosen = rng.sample(answered, k=min(3, len(answered)))
    for n, item in enumerate(chosen):
        fresh = db.session.get(Assessment, assessment_id)
        assert fresh is not None
        if state == "returned":
            review = ReviewInput(
                item.id,
                {},
                comment=f"佐证材料不完整：请补充“{(item.evidence or ('相关记录',))[0]}”，并核实填报数据。",
            )
        elif n == 0:
            review = ReviewInput(
                item.id,
                {},
                override_status="not_met",
                reason="实地查看发现与填报不符：相关制度未见正式印发文本，核定为未达标。",
            )
        else:
            review = ReviewInput(item.id, {}, reason="", comment="")
        record_review(assessment_id, inspector, fresh.version, review)
    fresh = db.session.get(Assessment, assessment_id)
    assert fresh is not None
    if state == "returned":
        return_for_correction(assessment_id, inspector, fresh.version, "请按意见补充材料后重新提交。")
    elif state == "finalised":
        finalise(assessment_id, inspector, fresh.version)
