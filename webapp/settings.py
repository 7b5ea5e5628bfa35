"""Configuration: config/settings.toml, then SELFCHECK_* environment variables, then overrides."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any

from flask import Flask

PROJECT_ROOT = Path(os.environ.get("SELFCHECK_ROOT", Path(__file__).resolve().parents[1]))
CONFIG_DIR = PROJECT_ROOT / "config"
RUBRICS_DIR = CONFIG_DIR / "rubrics"
SEEDS_DIR = PROJECT_ROOT / "seeds"


def load_settings(app: Flask, overrides: dict[str, Any] | None = None) -> None:
    settings_file = CONFIG_DIR / "settings.toml"
    if settings_file.is_file():
        with settings_file.open("rb") as fh:
            app.config.from_mapping(tomllib.load(fh).get("selfcheck", {}))
    app.config.from_prefixed_env("SELFCHECK")
    if overrides:
        app.config.from_mapping(overrides)
