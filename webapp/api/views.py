"""The JSON API v1: what an account may read and write, through a bearer token.

An account sees through the API exactly what it sees on the web: the same scoped loading
(``visible_school_ids``, ``assessment_for``), the same readings of a figure
(``checklist.answers.parse_value``), the same save with the same version check
(``save_section``). Cookies are ignored here: only ``Authorization: Bearer <token>`` counts,
so a page on another site cannot make a logged-in browser call the API.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import Flask, g
from flask.views import MethodView
from flask_smorest import Api
from sqlalchemy import func, or_, select

from checklist.model import Rubric
from checklist.scoring import ItemResult, ScoreCard
from webapp.accounts.access import can_see_school
from webapp.api import schemas
from webapp.api.readings import if_match_version, read_answers
from webapp.api.service import ApiError, answers, api_user, blp, etag, visible
from webapp.assessments import (
    assessment_loading,
    evidence_by_item,
    not_started,
    progress,
    progress_label,
    self_card,
    split_field_key,
    verified_card,
)
from webapp.errors import OperationError
from webapp.extensions import csrf, db
from webapp.lifecycle import AssessmentStatus, Role
from webapp.models import Assessment, Cycle, CycleStatus, District, School
from webapp.rubrics.library import rubric_of, source_citation
from webapp.school import operations

# --------------------------------------------------------------------------------------------
# Set-up


def register(app: Flask) -> None:
    """The API on an app: the blueprint, its OpenAPI document, its rate limit."""
    app.config.setdefault("API_TITLE", "学校办学水平自评系统 API")
    app.config.setdefault("API_VERSION", "v1")
    app.config.setdefault("OPENAPI_VERSION", "3.0.3")
    app.config.setdefault("OPENAPI_URL_PREFIX", "/api/v1")
    app.config.setdefault("OPENAPI_JSON_PATH", "openapi.json")
    api = Api(
        app,
        spec_kwargs={
            "info": {"description": __doc__.strip().splitlines()[0]},
            "security": [{"bearer": []}],
        },
    )
    api.spec.components.security_scheme("bearer", {"type": "http", "scheme": "bearer"})
    app.json.ensure_ascii = False  # type: ignore[attr-defined]  # Chinese as it is, in UTF-8
    api.register_blueprint(blp)
    csrf.exempt(blp)
    from webapp.api.limits import limit_api

    limit_api(app, blp)


# --------------------------------------------------------------------------------------------
# Who am I


@blp.route("/me")
class Me(MethodView):
    @answers(schemas.MeSchema)
    def get(self) -> dict[str, Any]:
        """The account this token stands for."""
        user = api_user()
        return {
            "username": user.username,
            "name": user.name,
            "role": user.role.value,
            "role_label": user.role.label,
            "school": _school_ref(user.school) if user.school else None,
            "district": {"id": user.district.id, "name": user.district.name} if user.district else None,
        }


# --------------------------------------------------------------------------------------------
# Cycles


@blp.route("/cycles")
class Cycles(MethodView):
    @answers(schemas.CycleSchema(many=True))
    def get(self) -> list[dict[str, Any]]:
        """The cycles (年度评估) this account takes part in; an administrator sees all of them."""
        return [_cycle(c) for c in _cycles()]


@blp.route("/cycles/<int:cycle_id>")
class CycleOne(MethodView):
    @answers(schemas.CycleSchema, 404)
    def get(self, cycle_id: int) -> dict[str, Any]:
        """One cycle."""
        found = next((c for c in _cycles() if c.id == cycle_id), None)
        if found is None:
            raise ApiError(404)
        return _cycle(found)


def _cycles() -> list[Cycle]:
    query = select(Cycle).order_by(Cycle.year.desc(), Cycle.id.desc())
    if api_user().role is not Role.ADMIN:
        member = visible(select(Assessment.cycle_id), Assessment.school_id)
        query = query.where(Cycle.id.in_(member), Cycle.status != CycleStatus.PLANNED)
    return list(db.session.execute(query).scalars())


def _cycle(cycle: Cycle) -> dict[str, Any]:
    record_ = cycle.rubric_record
    return {
        "id": cycle.id,
        "name": cycle.name,
        "year": cycle.year,
        "status": cycle.status.value,
        "status_label": cycle.status.label,
        "deadline": cycle.deadline,
        "rubric": _rubric_ref(record_),
    }


def _rubric_ref(record_: Any) -> dict[str, Any]:
    return {"id": record_.rubric_id, "version": record_.version, "title": record_.title, "issuer": record_.issuer}


# --------------------------------------------------------------------------------------------
# Schools


@blp.route("/schools")
class Schools(MethodView):
    @blp.arguments(schemas.SchoolQuery, location="query")
    @answers(schemas.SchoolPage)
    def get(self, args: dict[str, Any]) -> dict[str, Any]:
        """The schools this account may see, by code; filter by district or by part of the code
        or name. A page at a time (page, page_size); ``total`` counts them all."""
        query = visible(select(School), School.id)
        if "district" in args:
            query = query.where(School.district_id == args["district"])
        if args.get("q"):
            fragment = f"%{_like(args['q'].strip())}%"
            query = query.where(or_(School.code.like(fragment, escape="\\"), School.name.like(fragment, escape="\\")))
        return _page(query.order_by(School.code), args, _school)


@blp.route("/schools/<int:school_id>")
class SchoolOne(MethodView):
    @answers(schemas.SchoolSchema, 404)
    def get(self, school_id: int) -> dict[str, Any]:
        """One school."""
        school = db.session.get(School, school_id)
        if school is None or not can_see_school(api_user(), school_id):
            raise ApiError(404)
        g.api_school_id = school.id
        return _school(school)


def _page(query: Any, args: Mapping[str, Any], shape: Any) -> dict[str, Any]:
    total = db.session.execute(select(func.count()).select_from(query.order_by(None).subquery())).scalar_one()
    page, size = args["page"], args["page_size"]
    rows = db.session.execute(query.offset((page - 1) * size).limit(size)).scalars()
    return {"total": total, "page": page, "page_size": size, "items": [shape(r) for r in rows]}


def _like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _school_ref(school: School) -> dict[str, Any]:
    return {"id": school.id, "code": school.code, "name": school.name}


def _school(school: School) -> dict[str, Any]:
    district: District | None = school.district
    return {
        **_school_ref(school),
        "district": {"id": district.id, "name": district.name} if district else None,
        "stages": list(school.stage_list),
        "stage_names": school.stage_names,
        "public": school.public,
        "boarding": school.boarding,
        "has_canteen": school.has_canteen,
        "active": school.active,
    }


# --------------------------------------------------------------------------------------------
# Assessments


@blp.route("/assessments")
class Assessments(MethodView):
    @blp.arguments(schemas.AssessmentQuery, location="query")
    @answers(schemas.AssessmentPage)
    def get(self, args: dict[str, Any]) -> dict[str, Any]:
        """The self-assessments this account may see, with their 自评 and 核定 totals; filter
        by cycle, school and status. A page at a time (page, page_size)."""
        query = visible(select(Assessment).join(School), Assessment.school_id)
        if "cycle" in args:
            query = query.where(Assessment.cycle_id == args["cycle"])
        if "school" in args:
            query = query.where(Assessment.school_id == args["school"])
        if "status" in args:
            query = query.where(Assessment.status == AssessmentStatus(args["status"]))
        return _page(query.order_by(Assessment.cycle_id.desc(), School.code), args, _summary)


@blp.route("/assessments/<int:assessment_id>")
class AssessmentOne(MethodView):
    @answers(schemas.AssessmentSchema, 404)
    def get(self, assessment_id: int) -> tuple[dict[str, Any], int, dict[str, str]]:
        """One self-assessment item by item: each item's 自评 result with its reason, and the
        核定 result once the account may see it (a school: once 核定 is complete)."""
        assessment = _assessment(assessment_id)
        rubric = rubric_of(assessment.cycle.rubric_record)
        own = self_card(assessment, rubric)
        verified = verified_card(assessment, rubric) if _verified_visible(assessment) else None
        body = {
            **_summary(assessment),
            "rubric": _rubric_ref(assessment.cycle.rubric_record),
            "items": _items(assessment, rubric, own, verified),
        }
        return body, 200, {"ETag": etag(assessment.version)}


@blp.route("/assessments/<int:assessment_id>/answers")
class Answers(MethodView):
    @answers(schemas.AnswersSchema, 404)
    def get(self, assessment_id: int) -> tuple[dict[str, Any], int, dict[str, str]]:
        """What the school has filled in, as answers JSON ({"输入项": 值}, a per-grade input as
        {"P4": 1}), the reasons some texts were not accepted, and the version (also the ETag)."""
        assessment = _assessment(assessment_id)
        return _answers(assessment), 200, {"ETag": etag(assessment.version)}

    @blp.arguments(schemas.IfMatchHeader, location="headers")
    @blp.arguments(schemas.AnswersPutSchema)
    @answers(schemas.AnswersSchema, 403, 404, 409, 428)
    def put(
        self, headers: dict[str, Any], body: dict[str, Any], assessment_id: int
    ) -> tuple[dict[str, Any], int, dict[str, str]]:
        """Write some of a school's answers (a school account, its own school, while it may
        edit): every figure read as the web form reads it; one bad figure and nothing is
        written (422, the reason per input). ``If-Match`` must carry the current version: a
        stale one gets 409 and nothing is written."""
        assessment = _assessment(assessment_id)
        if api_user().role is not Role.SCHOOL:
            raise ApiError(403, "只有学校账号可以填报自评。")
        expected = if_match_version(headers.get("if_match"))
        readings, errors = read_answers(assessment, body["answers"])
        if errors:
            raise ApiError(422, errors=errors)
        try:
            result = operations.save_section(assessment.id, api_user(), expected, readings)
        except OperationError as exc:
            raise ApiError(409, str(exc)) from exc
        if result.stale:
            raise ApiError(
                409,
                f"自评已被他人修改（当前版本 {result.assessment_version}），请重新读取后再写入。",
                headers={"ETag": etag(result.assessment_version)},
            )
        fresh = _assessment(assessment_id)
        return _answers(fresh), 200, {"ETag": etag(fresh.version)}


# --------------------------------------------------------------------------------------------
# 整改 tasks


@blp.route("/assessments/<int:assessment_id>/rectification")
class RectificationTasks(MethodView):
    @answers(schemas.RectificationSchema, 404)
    def get(self, assessment_id: int) -> dict[str, Any]:
        """The 整改 tasks of a self-assessment (made when 核定 is complete from every item not
        met or partly met): 整改建议, 整改期限, the school's 整改措施 and 整改成效, the 复查
        result; and the assessment's 整改 stage (整改中 / 整改已报 / 已复查)."""
        from webapp.rectification.pages import rectification_page

        page = rectification_page(_assessment(assessment_id))
        return {
            "assessment": assessment_id,
            "stage": page.stage.value if page.stage else None,
            "stage_label": page.stage.label if page.stage else None,
            "tasks": [
                {
                    "id": v.task.id,
                    "item_id": v.item.id,
                    "title": v.item.title,
                    "source": v.wording.citation,
                    "finding": v.task.finding,
                    "finding_label": v.finding,
                    "advice": v.task.advice,
                    "deadline": v.task.deadline,
                    "overdue": v.overdue,
                    "status": v.task.status.value,
                    "status_label": v.task.status.label,
                    "measures": v.task.measures,
                    "outcome": v.task.outcome,
                    "reported_at": v.task.reported_at,
                    "reinspected_at": v.task.reinspected_at,
                    "reinspection_note": v.task.reinspection_note,
                    "evidence_count": len(v.evidence),
                    "version": v.task.version,
                }
                for v in page.tasks
            ],
        }


def _assessment(assessment_id: int) -> Assessment:
    db.session.expire_all()
    found = db.session.execute(
        select(Assessment).where(Assessment.id == assessment_id).options(*assessment_loading())
    ).scalar_one_or_none()
    if found is None or not can_see_school(api_user(), found.school_id):
        raise ApiError(404)
    g.api_assessment_id = found.id
    g.api_school_id = found.school_id
    return found


def _verified_visible(assessment: Assessment) -> bool:
    if api_user().role is Role.SCHOOL:
        return assessment.status == AssessmentStatus.FINALISED
    return assessment.status in (AssessmentStatus.UNDER_REVIEW, AssessmentStatus.FINALISED)


def _comment_visible(assessment: Assessment) -> bool:
    """A school sees the inspector's comments as its pages show them: not while 核定 is under way."""
    return api_user().role is not Role.SCHOOL or assessment.status != AssessmentStatus.UNDER_REVIEW


def _totals(percent: float | None, level: str | None, veto: bool) -> dict[str, Any]:
    return {"percent": percent, "level": level, "veto_failed": bool(veto)}


def _summary(assessment: Assessment) -> dict[str, Any]:
    return {
        "id": assessment.id,
        "cycle": {"id": assessment.cycle.id, "name": assessment.cycle.name},
        "school": _school_ref(assessment.school),
        "status": assessment.status.value,
        "status_label": progress_label(progress(assessment)),  # 未开始 for a draft with nothing answered
        "version": assessment.version,
        "answered": assessment.answered_count,
        "applicable": assessment.applicable_count,
        "self_assessment": _totals(None, None, False)
        if not_started(assessment)
        else _totals(assessment.self_percent, assessment.self_level, assessment.self_veto),
        "verified": _totals(assessment.verified_percent, assessment.verified_level, assessment.verified_veto)
        if _verified_visible(assessment) and assessment.verified_percent is not None
        else None,
        "submitted_at": assessment.submitted_at,
        "finalised_at": assessment.finalised_at,
        "updated_at": assessment.updated_at,
    }


def _outcome(result: ItemResult) -> dict[str, Any]:
    return {
        "status": result.status.value,
        "status_label": result.status.label,
        "earned": result.earned,
        "possible": result.possible,
        "explanation": result.explanation,
    }


def _items(assessment: Assessment, rubric: Rubric, own: ScoreCard, verified: ScoreCard | None) -> list[dict[str, Any]]:
    reviews = {r.item_id: r for r in assessment.reviews}
    evidence = evidence_by_item(assessment)
    comments = _comment_visible(assessment)
    rows = []
    for dimension in rubric.dimensions:
        for item in dimension.items:
            review = reviews.get(item.id)
            source = item.source
            rows.append(
                {
                    "id": item.id,
                    "title": item.title,
                    "dimension": dimension.title,
                    "source": source_citation(source.doc, source.clause) if source else "",
                    "self_assessment": _outcome(own.by_id[item.id]),
                    "verified": _outcome(verified.by_id[item.id]) if verified else None,
                    "review_reason": review.reason if review and verified and review.reason else None,
                    "review_comment": review.comment if review and comments and review.comment else None,
                    "evidence_count": len(evidence.get(item.id, [])),
                }
            )
    return rows


def _answers(assessment: Assessment) -> dict[str, Any]:
    answers: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for row in assessment.answers:
        base, grade = split_field_key(row.key)
        value = row.value if not row.error else None
        if grade:
            answers.setdefault(base, {})[grade] = value
        else:
            answers[base] = value
        if row.error:
            errors[f"{base}.{grade}" if grade else base] = row.error
    return {"version": assessment.version, "answers": answers, "errors": errors}
