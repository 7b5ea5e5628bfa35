"""The application factory, read as a table of contents."""

from __future__ import annotations

from typing import Any

from flask import Flask

from webapp.settings import load_settings


def create_app(overrides: dict[str, Any] | None = None) -> Flask:
    app = Flask(__name__, instance_relative_config=True)
    load_settings(app, overrides)
    return app
