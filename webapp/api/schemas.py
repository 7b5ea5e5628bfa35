"""What the API sends and receives, as marshmallow schemas: the OpenAPI document is made from
these (flask-smorest and apispec), so the document and the answers cannot drift apart."""

from __future__ import annotations

from flask_smorest.error_handler import ErrorSchema as flask_smorest_error_schema
from marshmallow import Schema, fields, validate

STATUSES = ["met", "partial", "not_met", "not_applicable", "unanswered"]
ASSESSMENT_STATUSES = ["draft", "submitted", "returned", "under_review", "finalised"]


# Every refusal is flask-smorest's ErrorSchema: code, status, message (the reason in
# Chinese) and, for bad input, errors (the reason per field).
ErrorSchema = flask_smorest_error_schema


class Ref(Schema):
    id = fields.Integer(required=True)
    name = fields.String(required=True)


class SchoolRef(Ref):
    code = fields.String(required=True)


class MeSchema(Schema):
    username = fields.String(required=True)
    name = fields.String(required=True)
    role = fields.String(required=True, validate=validate.OneOf(["school", "inspector", "district", "admin"]))
    role_label = fields.String(required=True)
    school = fields.Nested(SchoolRef, allow_none=True)
    district = fields.Nested(Ref, allow_none=True)


class RubricRef(Schema):
    id = fields.String(required=True)
    version = fields.Integer(required=True)
    title = fields.String(required=True)
    issuer = fields.String(required=True)


class CycleSchema(Schema):
    id = fields.Integer(required=True)
    name = fields.String(required=True)
    year = fields.Integer(required=True)
    status = fields.String(required=True, validate=validate.OneOf(["planned", "open", "closed"]))
    status_label = fields.String(required=True)
    deadline = fields.Date(allow_none=True)
    rubric = fields.Nested(RubricRef, required=True)


class SchoolSchema(Schema):
    id = fields.Integer(required=True)
    code = fields.String(required=True)
    name = fields.String(required=True)
    district = fields.Nested(Ref, allow_none=True)
    stages = fields.List(fields.String(), required=True, metadata={"description": "学段代码，如 primary"})
    stage_names = fields.String(required=True)
    public = fields.Boolean(required=True)
    boarding = fields.Boolean(required=True)
    has_canteen = fields.Boolean(required=True)
    active = fields.Boolean(required=True)


# An id in a query is a database key: a positive 32-bit integer (anything else matches nothing,
# and PostgreSQL refuses to compare an integer column with a larger number).
ID_RANGE = validate.Range(min=1, max=2**31 - 1, error="编号应为 1 到 2147483647 之间的整数")


class PageQuery(Schema):
    page = fields.Integer(
        load_default=1, validate=validate.Range(min=1, max=100_000), metadata={"description": "页码，从 1 起"}
    )
    page_size = fields.Integer(
        load_default=50, validate=validate.Range(min=1, max=200), metadata={"description": "每页条数，至多 200"}
    )


class Page(Schema):
    total = fields.Integer(required=True, metadata={"description": "符合条件的总条数"})
    page = fields.Integer(required=True)
    page_size = fields.Integer(required=True)


class SchoolQuery(PageQuery):
    district = fields.Integer(validate=ID_RANGE, metadata={"description": "区县编号"})
    q = fields.String(validate=validate.Length(max=100), metadata={"description": "学校代码或名称的一部分"})


class Totals(Schema):
    percent = fields.Float(allow_none=True)
    level = fields.String(allow_none=True)
    veto_failed = fields.Boolean(required=True)


class SchoolPage(Page):
    items = fields.List(fields.Nested(SchoolSchema), required=True)


class AssessmentSummarySchema(Schema):
    id = fields.Integer(required=True)
    cycle = fields.Nested(Ref, required=True)
    school = fields.Nested(SchoolRef, required=True)
    status = fields.String(required=True, validate=validate.OneOf(ASSESSMENT_STATUSES))
    status_label = fields.String(required=True)
    version = fields.Integer(required=True, metadata={"description": "修改时放在 If-Match 中"})
    answered = fields.Integer(required=True)
    applicable = fields.Integer(required=True)
    self_assessment = fields.Nested(Totals, required=True, data_key="self", metadata={"description": "自评"})
    verified = fields.Nested(Totals, allow_none=True, metadata={"description": "核定；尚不可见时为 null"})
    submitted_at = fields.DateTime(allow_none=True)
    finalised_at = fields.DateTime(allow_none=True)
    updated_at = fields.DateTime(required=True)


class AssessmentQuery(PageQuery):
    cycle = fields.Integer(validate=ID_RANGE, metadata={"description": "年度评估编号"})
    school = fields.Integer(validate=ID_RANGE, metadata={"description": "学校编号"})
    status = fields.String(validate=validate.OneOf(ASSESSMENT_STATUSES))


class AssessmentPage(Page):
    items = fields.List(fields.Nested(AssessmentSummarySchema), required=True)


class ItemOutcome(Schema):
    status = fields.String(required=True, validate=validate.OneOf(STATUSES))
    status_label = fields.String(required=True, metadata={"description": "达标 / 部分达标 / 未达标 / 不适用 / 未填报"})
    earned = fields.Float(required=True)
    possible = fields.Float(required=True)
    explanation = fields.String(required=True, metadata={"description": "判定理由（中文）"})


class ItemSchema(Schema):
    id = fields.String(required=True)
    title = fields.String(required=True)
    dimension = fields.String(required=True)
    source = fields.String(required=True, metadata={"description": "出处：工作要点的条款"})
    self_assessment = fields.Nested(ItemOutcome, required=True, data_key="self")
    verified = fields.Nested(ItemOutcome, allow_none=True)
    review_reason = fields.String(allow_none=True, metadata={"description": "督学更正的理由"})
    review_comment = fields.String(allow_none=True, metadata={"description": "督学给学校的意见"})
    evidence_count = fields.Integer(required=True)


class AssessmentSchema(AssessmentSummarySchema):
    rubric = fields.Nested(RubricRef, required=True)
    items = fields.List(fields.Nested(ItemSchema), required=True)


class AnswersSchema(Schema):
    version = fields.Integer(required=True)
    answers = fields.Dict(
        keys=fields.String(),
        required=True,
        metadata={"description": '填报内容：{"输入项": 值}；分年级的输入项为 {"P4": 1}'},
    )
    errors = fields.Dict(keys=fields.String(), values=fields.String(), required=True)


class AnswersPutSchema(Schema):
    answers = fields.Dict(
        keys=fields.String(validate=validate.Length(min=1, max=80)),
        required=True,
        metadata={"description": "要写入的输入项；null 清空一项；未列出的输入项保持不变"},
    )


class IfMatchHeader(Schema):
    if_match = fields.String(
        data_key="If-Match",
        metadata={"description": "自评的版本号（GET 时 ETag 给出），过期的版本得到 409"},
    )


class RectificationTaskSchema(Schema):
    id = fields.Integer(required=True)
    item_id = fields.String(required=True)
    title = fields.String(required=True)
    source = fields.String(required=True, metadata={"description": "出处：工作要点的条款"})
    finding = fields.String(required=True, validate=validate.OneOf(["not_met", "partial"]))
    finding_label = fields.String(required=True, metadata={"description": "核定结果：未达标 / 部分达标"})
    advice = fields.String(required=True, metadata={"description": "整改建议"})
    deadline = fields.Date(required=True, metadata={"description": "整改期限"})
    overdue = fields.Boolean(required=True, metadata={"description": "已过整改期限而学校尚未报送"})
    status = fields.String(required=True, validate=validate.OneOf(["open", "reported", "passed", "failed"]))
    status_label = fields.String(required=True, metadata={"description": "待整改 / 已报待复查 / 复查通过 / 复查未通过"})
    measures = fields.String(required=True, metadata={"description": "整改措施"})
    outcome = fields.String(required=True, metadata={"description": "整改成效"})
    reported_at = fields.DateTime(allow_none=True)
    reinspected_at = fields.DateTime(allow_none=True)
    reinspection_note = fields.String(required=True, metadata={"description": "复查意见；不通过时为理由"})
    evidence_count = fields.Integer(required=True)
    version = fields.Integer(required=True)


class RectificationSchema(Schema):
    assessment = fields.Integer(required=True)
    stage = fields.String(
        allow_none=True, validate=validate.OneOf(["rectifying", "rectification_reported", "reinspected"])
    )
    stage_label = fields.String(allow_none=True, metadata={"description": "整改中 / 整改已报 / 已复查"})
    tasks = fields.List(fields.Nested(RectificationTaskSchema), required=True)
