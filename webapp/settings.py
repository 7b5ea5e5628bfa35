"""Configuration: config/settings.toml, then SELFCHECK_* environment variables, then overrides.

Nothing is read at import time except where the project lives; create_app() reads the rest.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import secrets
import tomllib
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from flask import Flask

PROJECT_ROOT = Path(__file__).resolve().parents[1]
CONFIG_DIR = PROJECT_ROOT / "config"
RUBRICS_DIR = CONFIG_DIR / "rubrics"
SEEDS_DIR = PROJECT_ROOT / "seeds"
WEAK_SECRET_KEYS = {"", "dev", "secret", "changeme", "change-me", "selfcheck"}


class ConfigurationError(RuntimeError):
    """Settings the application refuses to run with."""


def instance_path_from_env() -> str | None:
    path = os.environ.get("SELFCHECK_INSTANCE_PATH")
    return str(Path(path).resolve()) if path else None


def load_settings(app: Flask, overrides: dict[str, Any] | None = None) -> None:
    read_settings(app, overrides)
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    for key, folder in (("EVIDENCE_DIR", "evidence"), ("JOBS_DIR", "jobs")):
        if not app.config.get(key):
            app.config[key] = str(Path(app.instance_path) / folder)
    _secret_key(app)
    _cookies(app)


def read_settings(app: Flask, overrides: dict[str, Any] | None = None) -> None:
    """The configuration without touching the disk: settings.toml, SELFCHECK_* variables,
    overrides, and the embedded SQLite database's path in the instance folder by default."""
    app.config.from_mapping(_settings_file())
    app.config.from_prefixed_env("SELFCHECK")
    if overrides:
        app.config.from_mapping(overrides)
    if not app.config.get("SQLALCHEMY_DATABASE_URI"):
        app.config["SQLALCHEMY_DATABASE_URI"] = f"sqlite:///{Path(app.instance_path) / 'selfcheck.db'}"


def _settings_file() -> dict[str, Any]:
    settings_file = CONFIG_DIR / "settings.toml"
    if not settings_file.is_file():
        return {}
    with settings_file.open("rb") as fh:
        return dict(tomllib.load(fh).get("selfcheck", {}))


def file_setting(key: str, default: Any = None) -> Any:
    """One setting where there is no app (a command that only reads files): its
    SELFCHECK_ variable (read as JSON when it is JSON, as Flask does), else settings.toml."""
    raw = os.environ.get(f"SELFCHECK_{key}")
    if raw is not None:
        try:
            return json.loads(raw)
        except json.JSONDecodeError:
            return raw
    return _settings_file().get(key, default)


def is_production(app: Flask) -> bool:
    return str(app.config["ENV"]).lower() == "production"


def _secret_key(app: Flask) -> None:
    key = str(app.config.get("SECRET_KEY") or "")
    if is_production(app):
        if key.lower() in WEAK_SECRET_KEYS or len(key) < 32:
            raise ConfigurationError(
                "生产环境必须通过 SELFCHECK_SECRET_KEY 设置至少32个字符的随机密钥"
                "（例如 python -c 'import secrets; print(secrets.token_hex(32))'）"
            )
        return
    if key:
        return
    key_file = Path(app.instance_path) / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_hex(32), encoding="ascii")
        key_file.chmod(0o600)
    app.config["SECRET_KEY"] = key_file.read_text(encoding="ascii").strip()


def _cookies(app: Flask) -> None:
    """Cookie flags: HttpOnly and SameSite always; Secure and the __Host- prefix in production."""
    production = is_production(app)
    config = app.config
    config["SESSION_COOKIE_HTTPONLY"] = True
    config["REMEMBER_COOKIE_HTTPONLY"] = True
    config["SESSION_COOKIE_SAMESITE"] = config.get("SESSION_COOKIE_SAMESITE") or "Lax"
    config["REMEMBER_COOKIE_SAMESITE"] = "Lax"
    if production:
        config["SESSION_COOKIE_SECURE"] = True
        config["REMEMBER_COOKIE_SECURE"] = True
        config["SESSION_COOKIE_NAME"] = "__Host-selfcheck"
    elif config.get("SESSION_COOKIE_NAME") in (None, "session"):
        config["SESSION_COOKIE_NAME"] = "selfcheck"
    config["WTF_CSRF_TIME_LIMIT"] = None  # the token lives as long as the session


def local_today() -> dt.date:
    """Today where the people are (DISPLAY_TIMEZONE), not on the server's clock."""
    from flask import current_app

    return dt.datetime.now(ZoneInfo(current_app.config["DISPLAY_TIMEZONE"])).date()
