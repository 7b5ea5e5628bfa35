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


def found(sentence: str) -> list[Candidate]:
    """The candidates of one sentence read as item 1 of a plan (each quote checked against the text)."""
    text = f"1.{sentence}"
    out = extract(text, doc="t.txt")
    for c in out:
        assert text[c.start : c.end] == c.quote
    return list(out)


def numeric(sentence: str) -> list[Candidate]:
    return [c for c in found(sentence) if c.is_quantitative]


def of_kind(sentence: str, kind: str) -> list[Candidate]:
    return [c for c in found(sentence) if c.kind == kind]
