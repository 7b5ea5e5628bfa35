"""The API's rate limit (Flask-Limiter): API_RATE_LIMIT per token, or per address for calls
without one. Counted in RATELIMIT_STORAGE_URI: memory of one process by default; Redis
(``redis://127.0.0.1:6379/2``) when several gunicorn workers share the counts."""

from __future__ import annotations

import hashlib

from flask import Flask, current_app, request
from flask_limiter import Limiter
from flask_smorest import Blueprint

from webapp.web import client_ip


def _caller() -> str:
    """The token presented (hashed), else the address: each token has its own allowance."""
    header = request.headers.get("Authorization", "")
    if header[:7].lower() == "bearer ":
        return "token:" + hashlib.sha256(header[7:].strip().encode("utf-8", "surrogatepass")).hexdigest()[:32]
    return "ip:" + client_ip()


def _limit() -> str:
    return str(current_app.config["API_RATE_LIMIT"])


def limit_api(app: Flask, blueprint: Blueprint) -> Limiter:
    limiter = Limiter(_caller, app=app, key_prefix="selfcheck-api")
    limiter.limit(_limit)(blueprint)
    return limiter
