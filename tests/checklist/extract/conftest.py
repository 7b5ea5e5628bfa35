"""Shared fixtures for the extraction tests: the seeds read and extracted once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

from checklist.extract import Candidate, extract
from checklist.extract.plans import plan_info
from tests.conftest import SEEDS

FIXTURES = Path(__file__).parent / "fixtures"
SEED_FILES = tuple(sorted(p.name for p in SEEDS.glob("*.txt")))
YINGKOU = "004_d9e5581cac34f553.txt"
CITY_X = "003_48301fe1551795f4.txt"


@pytest.fixture(scope="session")
def seed_texts() -> dict[str, str]:
    return {name: (SEEDS / name).read_text(encoding="utf-8") for name in SEED_FILES}


@pytest.fixture(scope="session")
def seed_candidates(seed_texts: dict[str, str]) -> dict[str, tuple[Candidate, ...]]:
    return {name: extract(text, doc=name, region=plan_info(SEEDS / name).region) for name, text in seed_texts.items()}
