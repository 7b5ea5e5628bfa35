"""The one sample-answer generator (checklist.samples), as the demo, the benchmarks and the tests
of the web app and the reports use it."""

from __future__ import annotations

import random
from collections import Counter

import pytest

from checklist.answers import validate_answers
from checklist.loader import load_rubric, rubric_files
from checklist.model import Rubric
from checklist.samples import PROFILES, compliant_answers, sample_answers, sample_school
from checklist.scoring import Status, score
from tests.conftest import ROOT

RUBRICS: dict[str, Rubric] = {p.name: load_rubric(p) for p in rubric_files(ROOT / "config" / "rubrics")}


@pytest.mark.parametrize("name", sorted(RUBRICS))
def test_compliant_answers_meet_every_item_that_applies_and_are_valid(name: str) -> None:
    rubric = RUBRICS[name]
    for profile in PROFILES:
        answers = compliant_answers(rubric, profile)
        assert not validate_answers(rubric, answers, profile)
        card = score(rubric, answers, profile)
        assert {r.status for r in card.items if not r.bonus} <= {Status.MET, Status.NOT_APPLICABLE}
        assert card.total_percent == 100 + card.bonus_points


@pytest.mark.parametrize("name", sorted(RUBRICS))
def test_sample_answers_fall_short_on_some_items_and_stay_valid(name: str) -> None:
    rubric = RUBRICS[name]
    statuses: Counter[Status] = Counter()
    for seed, profile in enumerate(PROFILES):
        answers = sample_answers(rubric, profile, random.Random(seed), shortfall=0.3)
        assert not validate_answers(rubric, answers, profile)
        assert answers == sample_answers(rubric, profile, random.Random(seed), shortfall=0.3)  # the seed decides
        card = score(rubric, answers, profile)
        statuses.update(r.status for r in card.items if not r.bonus)
        assert not card.veto_failed  # a veto item falls short only when asked
    assert statuses[Status.MET] and statuses[Status.NOT_MET] + statuses[Status.PARTIAL]


def test_sample_answers_can_leave_figures_blank() -> None:
    rubric = RUBRICS[max(RUBRICS, key=lambda n: len(RUBRICS[n].items))]
    profile = PROFILES[2]
    full = sample_answers(rubric, profile, random.Random(1))
    some = sample_answers(rubric, profile, random.Random(1), blank=0.2)
    assert set(some) < set(full) and all(full[k] == v for k, v in some.items())
    assert score(rubric, some, profile).unanswered


def test_sample_schools_have_a_name_a_code_a_district_and_a_profile() -> None:
    name, code, district, profile = sample_school(2)
    assert (name, code, district) == ("鲅鱼圈区实验九年一贯制学校", "2108000002", "鲅鱼圈区")
    assert profile.stages == ("primary", "junior")
    assert sample_school(100)[0] == "大石桥市第101小学"
    assert len({sample_school(i)[1] for i in range(500)}) == 500
