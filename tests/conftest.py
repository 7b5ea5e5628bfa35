"""Shared fixtures: paths of the project and its shipped data."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
RUBRICS = ROOT / "config" / "rubrics"


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT
