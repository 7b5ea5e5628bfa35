"""The application factory, read as a table of contents."""

from __future__ import annotations

import ipaddress
import logging
import re
import secrets
from collections.abc import Sequence
from typing import Any

from flask import Flask, abort, g, render_template, request
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException
from werkzeug.middleware.proxy_fix import ProxyFix
from werkzeug.routing import IntegerConverter

from webapp.settings import instance_path_from_env, is_production, load_settings

log = logging.getLogger("selfcheck")


def create_app(overrides: dict[str, Any] | None = None) -> Flask:
    app = Flask(__name__, instance_path=instance_path_from_env(), instance_relative_config=True)
    load_settings(app, overrides)
    app.url_map.converters["int"] = DatabaseId
    register_extensions(app)
    register_blueprints(app)
    register_jobs()
    register_listeners()
    register_request_hooks(app)
    register_error_handlers(app)
    register_template_helpers(app)
    app.wsgi_app = TrustedProxies.wrap(app)  # type: ignore[method-assign]
    return app


TRUSTED_PROXY = "selfcheck.trusted_proxy"
_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{1,40}$")


class TrustedProxies:
    """Forwarding headers (X-Forwarded-For, -Proto, -Host) count only when the request comes
    straight from a proxy that settings name (TRUSTED_PROXIES: addresses or networks,
    PROXY_HOPS: how many proxies stand in a row); from anyone else they are removed, so a
    client that reaches gunicorn directly cannot choose the address the login throttle sees."""

    def __init__(self, app: Any, proxies: Sequence[str], hops: int) -> None:
        self.direct = app
        self.forwarded = ProxyFix(app, x_for=hops, x_proto=hops, x_host=hops)
        self.networks = [ipaddress.ip_network(p, strict=False) for p in proxies]

    @classmethod
    def wrap(cls, app: Flask) -> Any:
        proxies = app.config.get("TRUSTED_PROXIES") or []
        if isinstance(proxies, str):
            proxies = [p.strip() for p in proxies.split(",") if p.strip()]
        return cls(app.wsgi_app, proxies, max(1, int(app.config["PROXY_HOPS"])))

    def trusted(self, address: str) -> bool:
        try:
            ip = ipaddress.ip_address(address)
        except ValueError:
            return False
        return any(ip in network for network in self.networks)

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
        if self.networks and self.trusted(environ.get("REMOTE_ADDR", "")):
            environ[TRUSTED_PROXY] = True
            return self.forwarded(environ, start_response)
        for key in [k for k in environ if k.startswith("HTTP_X_FORWARDED_")]:
            del environ[key]
        return self.direct(environ, start_response)


class DatabaseId(IntegerConverter):
    """``<int:…>`` in every route: no larger than an id column holds (PostgreSQL would refuse
    the query with "integer out of range" — a 500 — where the answer is simply 404)."""

    def __init__(self, url_map: Any, *args: Any, **kwargs: Any) -> None:
        from webapp.models import MAX_ID

        kwargs.setdefault("max", MAX_ID)
        super().__init__(url_map, *args, **kwargs)


def register_extensions(app: Flask) -> None:
    from webapp import database
    from webapp.accounts.access import configure_login
    from webapp.extensions import csrf, db, login_manager, migrate

    db.init_app(app)
    database.configure_engine(app)
    migrate.init_app(app, db, directory=str(database.MIGRATIONS_DIR), render_as_batch=True)
    csrf.init_app(app)
    login_manager.init_app(app)
    configure_login(login_manager)


def register_blueprints(app: Flask) -> None:
    """One blueprint per feature (the officers' features have one per area)."""
    from webapp.accounts import views as accounts
    from webapp.api import token_views
    from webapp.bureau import (
        audit_views,
        school_views,  # noqa: F401 - its pages join the bureau's blueprint
    )
    from webapp.bureau import views as bureau
    from webapp.documents import views as documents
    from webapp.jobs import views as jobs
    from webapp.notify import views as notify
    from webapp.rectification import views as rectification
    from webapp.review import views as review
    from webapp.rubrics import editor_views as drafts
    from webapp.rubrics import views as rubrics
    from webapp.school import views as school

    for blueprint in (
        accounts.bp,
        school.bp,
        school.evidence_bp,
        review.bp,
        bureau.bp,
        audit_views.bp,
        rubrics.bp,
        drafts.bp,
        documents.bp,
        jobs.bp,
        token_views.bp,
        notify.bp,
        rectification.bp,
    ):
        app.register_blueprint(blueprint)
    from webapp.api import views as api

    api.register(app)


def register_jobs() -> None:
    """The work background jobs can do, each registered by the feature that owns it."""
    from webapp.bureau import exports as bureau_exports  # noqa: F401 - registers on import
    from webapp.documents import exports as document_exports  # noqa: F401 - registers on import


def register_listeners() -> None:
    """Features that act on audit events: notices (webapp.notify)."""
    from webapp.notify.events import connect

    connect()


def register_request_hooks(app: Flask) -> None:
    @app.before_request
    def _bounded_body() -> None:
        """Only a multipart form (with files) may be large; any other body is held to
        MAX_BODY_BYTES before anything reads it (a bigger one gets 413)."""
        if request.mimetype != "multipart/form-data":
            request.max_content_length = min(int(app.config["MAX_BODY_BYTES"]), int(app.config["MAX_CONTENT_LENGTH"]))

    @app.before_request
    def _request_id() -> None:
        """Every request gets an id of ours; a trusted proxy's own id is kept, so that its
        log and ours can be matched, a client's never (it is stored in audit events)."""
        incoming = request.headers.get("X-Request-Id", "") if request.environ.get(TRUSTED_PROXY) else ""
        g.request_id = incoming if _REQUEST_ID.match(incoming) else secrets.token_hex(8)
        g.csp_nonce = secrets.token_urlsafe(16)

    @app.before_request
    def _no_control_characters() -> None:
        """NUL cannot be stored (PostgreSQL refuses it) and has no business in a form."""
        for key, value in request.values.items(multi=True):
            if "\x00" in key or "\x00" in value:
                abort(400)

    @app.after_request
    def _security_headers(response: Any) -> Any:
        headers = response.headers
        headers.setdefault(
            "Content-Security-Policy",
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            "font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
            "frame-ancestors 'none'",
        )
        headers.setdefault("X-Content-Type-Options", "nosniff")
        headers.setdefault("X-Frame-Options", "DENY")
        headers.setdefault("Referrer-Policy", "same-origin")
        headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        if request.endpoint != "static" or response.status_code >= 400:
            headers.setdefault("Cache-Control", "no-store")
        if is_production(app):
            headers.setdefault("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
        if not g.get("request_id"):  # refused before our hooks ran (a CSRF failure, say)
            g.request_id = secrets.token_hex(8)
        headers["X-Request-Id"] = g.request_id
        return response


def register_error_handlers(app: Flask) -> None:
    messages = {
        400: ("请求有误", "提交的内容无法处理，请返回上一页重试。"),
        403: ("没有权限", "您的账号无权进行此操作。"),
        404: ("页面不存在", "您要找的页面不存在，或您无权查看。"),
        405: ("操作不允许", "此页面不支持这种操作。"),
        409: ("操作冲突", "数据已被修改，请刷新页面后重试。"),
        413: ("文件过大", "上传的内容超过了大小限制，请压缩或拆分后再上传。"),
        429: ("尝试过于频繁", "请稍后再试。"),
    }

    from webapp.api.service import error_response, is_api_request

    @app.errorhandler(CSRFError)
    def _csrf(error: CSRFError) -> Any:
        if is_api_request():
            return error_response(error)
        return render_template(
            "error.html",
            code=400,
            title="页面已过期",
            message="为保护您的账号，本页需要重新打开后再提交（可能因长时间未操作或已退出登录）。"
            "请返回上一页，刷新后再试。",
        ), 400

    @app.errorhandler(HTTPException)
    def _http(error: HTTPException) -> Any:
        if is_api_request():
            return error_response(error)
        code = error.code or 500
        title, message = messages.get(code, ("出错了", error.description or ""))
        return render_template("error.html", code=code, title=title, message=message), code

    @app.errorhandler(Exception)
    def _unexpected(error: Exception) -> Any:
        log.exception("unhandled error (request %s)", g.get("request_id", "-"))
        from webapp.extensions import db

        db.session.rollback()
        if is_api_request():
            from werkzeug.exceptions import InternalServerError

            return error_response(InternalServerError())
        return render_template(
            "error.html",
            code=500,
            title="系统出错",
            message=f"系统处理时出错，您的操作没有生效。请稍后重试；如仍有问题，请把编号"
            f" {g.get('request_id', '-')} 告诉管理员。",
        ), 500


def register_template_helpers(app: Flask) -> None:
    from webapp import templating

    templating.register(app)
