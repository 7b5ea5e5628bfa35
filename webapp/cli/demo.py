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
from webapp.review.operations import (
    ReviewInput,
    VisitRecord,
    confirm_remaining,
    finalise,
    record_review,
    return_for_correction,
    start_review,
    unreviewed_items,
)
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
        "210800601",
        "营口市职业技术学校",
        "鲅鱼圈区",
        ("vocational",),
        True,
        True,
        True,
        "yk-zhijiao",
        "rectification_reported",
    ),
    DemoSchool(
        "210800701", "营口市特殊教育学校", "西市区", ("special",), True, True, True, "yk-tejiao", "reinspected"
    ),
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
    cycle = open_cycle(  # this year's cycle, due in a month (never a 2024 cycle due in 2027)
        f"{today.year}年度中小学校（幼儿园）办学水平自评",
        today.year,
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
        shortfall.update(rectification_reported=0.2, reinspected=0.15)
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
        if s.state in RECTIFICATION_STATES:
            _rectify(assessment.id, user, inspector, rubric, s.state)
    # the draft editor: next year's rubric begun from the plan and the rubric in use
    from webapp.rubrics.draft_operations import start_draft

    start_draft(rubric.based_on[0], admin, rubric_record.id)
    _demo_notices()
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
    elif state in RECTIFICATION_STATES:  # every item reviewed first: the rest confirmed as the school gave them
        confirm_remaining(assessment_id, inspector, fresh.version, [i.id for i in unreviewed_items(fresh, rubric)])
        fresh = db.session.get(Assessment, assessment_id)
        assert fresh is not None
        visit_end = local_today() - dt.timedelta(days=7)  # 评估过程, as an inspector enters it
        visit = VisitRecord(
            start=visit_end - dt.timedelta(days=2),
            end=visit_end,
            team=f"{inspector.name}（组长）、李督学",
            lessons=rng.randint(6, 14),
            meetings=rng.randint(2, 4),
            questionnaires=rng.choice((60, 90, 120)),
            documents=rng.randint(40, 90),
        )
        finalise(assessment_id, inspector, fresh.version, visit)


# 整改 → 复查 in the demo: 高级中学 has one task not passed at 复查 (back with the school, 整改中),
# 职业技术学校 has reported every task (整改已报), 特殊教育学校 has had every task passed (已复查).
RECTIFICATION_STATES = ("finalised", "rectification_reported", "reinspected")


def _rectify(assessment_id: int, school_user: User, inspector: User, rubric: Any, state: str) -> None:
    from webapp.rectification import operations as rectification

    tasks = rectification.tasks_of(assessment_id)
    if not tasks:
        return
    answers = [
        rectification.TaskAnswer(
            t.id,
            t.version,
            f"学校召开专题会议，对照“{rubric.item(t.item_id).title}”的要求查找差距，制定整改方案，"
            "明确分管校长和责任处室，逐项落实并建立台账。",
            "已按方案完成整改，相关制度和记录已归档，详见佐证材料。",
        )
        for t in tasks
    ]
    rectification.save_report(assessment_id, school_user, answers[:1])  # a draft first, then the whole report
    fresh = {t.id: t.version for t in rectification.tasks_of(assessment_id)}
    answers = [rectification.TaskAnswer(a.task_id, fresh[a.task_id], a.measures, a.outcome) for a in answers]
    result = rectification.save_report(assessment_id, school_user, answers, submit=True)
    assert result.submitted, result
    if state == "rectification_reported":
        return
    for n, task in enumerate(rectification.tasks_of(assessment_id)):
        if state == "finalised" and n == len(tasks) - 1:
            rectification.reinspect(
                assessment_id,
                inspector,
                task.id,
                task.version,
                passed=False,
                note="整改措施未落到实处：现场查看相关记录不完整，请补充整改过程材料后重新报送。",
            )
        else:
            rectification.reinspect(
                assessment_id, inspector, task.id, task.version, passed=True, note="现场复查，整改到位。"
            )


def _demo_notices() -> None:
    """Notices come from the events above (退回, 核定完成, 待核定); add a 催办 from 站前区 to its
    school that is still filling in, as an officer would from 总览."""
    from webapp.notify.operations import urge_school

    officer = db.session.execute(select(User).where(User.username == "zhanqian")).scalar_one()
    school = db.session.execute(select(School).where(School.code == "210802201")).scalar_one()
    urge_school(school.id, officer)
