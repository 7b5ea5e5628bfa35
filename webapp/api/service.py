"""The API's frame: its blueprint, the answers every endpoint documents, its refusals as JSON
in Chinese (ApiError), the bearer-token authentication and the audit of every call, and the
scoping helpers the endpoints use (``api_user``, ``visible``)."""


from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from flask import current_app, g, request
from flask_smorest import Blueprint
from werkzeug.exceptions import HTTPException
from werkzeug.wrappers import Response

from webapp.accounts.access import visible_school_ids
from webapp.api import schemas
from webapp.api.tokens import mark_used, token_for
from webapp.audit import record
from webapp.database import write_transaction
from webapp.extensions import db
from webapp.lifecycle import Role
from webapp.models import User

blp = Blueprint(
    "api",
    __name__,
    url_prefix="/api/v1",
    description="学校办学水平自评系统的数据接口：年度评估、学校、自评与核定结果；学校账号可写入填报内容。",
)
ALL_ROLES = (Role.SCHOOL, Role.INSPECTOR, Role.DISTRICT, Role.ADMIN)
ERRORS = (400, 401, 404, 429)

MESSAGES = {
    400: "请求有误。",
    401: "缺少访问令牌，或令牌无效、已撤销。请在请求头中给出 Authorization: Bearer <令牌>。",
    403: "您的账号无权进行此操作。",
    404: "不存在，或您无权查看。",
    405: "此地址不支持这种请求方法。",
    409: "自评已被修改，或当前状态不允许修改。",
    413: "请求内容超过了大小限制。",
    415: "请求内容须为 JSON（Content-Type: application/json）。",
    422: "提交的内容有误，详见 errors。",
    428: "修改自评须在 If-Match 请求头中给出自评的版本号（GET 时的 ETag）。",
    429: "请求过于频繁，请稍后再试。",
    500: "系统处理时出错，您的操作没有生效。",
}


def answers(schema: Any, *errors: int) -> Callable[[Any], Any]:
    """An endpoint's documented answers: 200 with ``schema``, and the errors it may give (each
    as an ErrorSchema) besides the 401 and 429 that every endpoint can."""

    def decorate(view: Any) -> Any:
        for code in sorted({401, 429, *errors}, reverse=True):
            view = blp.alt_response(code, schema=schemas.ErrorSchema)(view)
        return blp.response(200, schema)(view)

    return decorate


# --------------------------------------------------------------------------------------------
# Errors, authentication and audit


def is_api_request() -> bool:
    return request.path == "/api/v1" or request.path.startswith("/api/")


def error_response(error: HTTPException) -> Response:
    """Every refusal on the API as JSON, in the documented ErrorSchema, with the reason in Chinese."""
    code = error.code or 500
    data = getattr(error, "data", None) or {}
    body: dict[str, Any] = {
        "code": code,
        "status": error.name if code != 500 else "Internal Server Error",
        "message": data.get("message") or MESSAGES.get(code, error.description or ""),
    }
    errors = data.get("errors") or data.get("messages")
    if errors:
        body["errors"] = _chinese_errors(errors)
    response = current_app.json.response(body)
    response.status_code = code
    if code == 401:
        response.headers["WWW-Authenticate"] = 'Bearer realm="selfcheck"'
    for name, value in getattr(error, "api_headers", {}).items():
        response.headers[name] = value
    return response


_MARSHMALLOW = {
    "Missing data for required field.": "必须填写。",
    "Unknown field.": "没有这个字段。",
    "Not a valid integer.": "须为整数。",
    "Not a valid string.": "须为文字。",
    "Not a valid mapping type.": "须为对象（{…}）。",
    "Invalid input type.": "类型不对。",
    "Field may not be null.": "不能为空。",
    "Invalid value.": "取值无效。",
}


def _chinese_errors(errors: Any) -> Any:
    """marshmallow's English messages in Chinese (the API speaks the interface's language)."""
    if isinstance(errors, Mapping):
        return {str(k): _chinese_errors(v) for k, v in errors.items()}
    if isinstance(errors, list):
        return [_chinese_errors(e) for e in errors]
    if isinstance(errors, str):
        if errors.startswith("Must be one of:"):
            return "取值须为：" + errors.removeprefix("Must be one of:").strip().rstrip(".")
        if errors.startswith("Length must be"):
            return "长度不符合要求。"
        return _MARSHMALLOW.get(errors, errors)
    return errors


class ApiError(HTTPException):
    """An API refusal with our message and, for bad input, the reason per field."""

    def __init__(
        self,
        code: int,
        message: str = "",
        errors: Mapping[str, Any] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(description=message or MESSAGES.get(code, ""))
        self.code = code
        self.data = {"message": message or MESSAGES.get(code, ""), "errors": dict(errors or {})}
        self.api_headers = dict(headers or {})


@blp.before_request
def _authenticate() -> None:
    header = request.headers.get("Authorization", "")
    scheme, _, presented = header.partition(" ")
    row = token_for(presented.strip()) if scheme.lower() == "bearer" else None
    if row is None:
        raise ApiError(401)
    mark_used(row)
    g._login_user = row.user  # Flask-Login's current_user, for this request only
    g.api_token_id = row.id


@blp.after_request
def _audit(response: Response) -> Response:
    """Every call in the audit log: who, which route, what came of it (reads too)."""
    user: User | None = g.get("_login_user")
    if not isinstance(user, User):
        return response
    assessment_id = g.get("api_assessment_id")
    with write_transaction():
        record(
            "api_write" if request.method in ("PUT", "POST", "PATCH", "DELETE") else "api_read",
            db.session.merge(user, load=False),
            entity="api",
            entity_id=g.get("api_token_id", ""),
            school_id=g.get("api_school_id"),
            assessment_id=assessment_id,
            new={"method": request.method, "path": request.path[:200], "response": response.status_code},
        )
    return response


def etag(version: int) -> str:
    return f'"{version}"'


def visible(query: Any, column: Any) -> Any:
    allowed = visible_school_ids(api_user())
    return query if allowed is None else query.where(column.in_(allowed or {-1}))


def api_user() -> User:
    user = g.get("_login_user")
    assert isinstance(user, User)
    return user


