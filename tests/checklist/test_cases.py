"""Scoring cases written as YAML a bureau officer can read and extend (tests/checklist/cases/).

Each file names a rubric and lists cases: a school profile, its answers, and what the engine
must say — item statuses and points, the total, the level, whether a veto failed, and words the
explanation must contain.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from checklist.loader import load_rubric
from checklist.model import SchoolProfile
from checklist.scoring import score
from tests.conftest import ROOT

CASES_DIR = Path(__file__).parent / "cases"


def _cases() -> list[Any]:
    params = []
    for path in sorted(CASES_DIR.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for case in data["cases"]:
            params.append(pytest.param(data["rubric"], case, id=f"{path.stem}: {case['name']}"))
    return params


_rubrics: dict[str, Any] = {}


def _rubric(relative: str) -> Any:
    if relative not in _rubrics:
        _rubrics[relative] = load_rubric(ROOT / relative)
    return _rubrics[relative]


@pytest.mark.parametrize(("rubric_path", "case"), _cases())
def test_case(rubric_path: str, case: dict[str, Any]) -> None:
    rubric = _rubric(rubric_path)
    profile = SchoolProfile.from_dict(case["profile"]) if "profile" in case else None
    card = score(rubric, case.get("answers", {}), profile)
    expect = case["expect"]
    for item_id, wanted in expect.get("items", {}).items():
        result = card.item(item_id)
        if "status" in wanted:
            assert result.status.value == wanted["status"], (item_id, result.explanation)
        if "earned" in wanted:
            assert result.earned == pytest.approx(wanted["earned"]), (item_id, result.explanation)
        if "possible" in wanted:
            assert result.possible == pytest.approx(wanted["possible"]), item_id
        for words in wanted.get("explanation_contains", []):
            assert words in result.explanation, (item_id, result.explanation)
    if "total_percent" in expect:
        assert card.total_percent == pytest.approx(expect["total_percent"])
    if "level" in expect:
        assert card.level == expect["level"]
    if "veto_failed" in expect:
        assert card.veto_failed is expect["veto_failed"]
    if "bonus_points" in expect:
        assert card.bonus_points == pytest.approx(expect["bonus_points"])
