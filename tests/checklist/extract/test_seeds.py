"""The five seed plans: exact quotes, the contract's shape, what each plan is known to say."""

from __future__ import annotations

from checklist.extract import Candidate
from checklist.extract.plan_diff import diff_plans
from tests.checklist.extract.conftest import CITY_X, SEED_FILES, YINGKOU

CONTRACT_FIELDS = {
    "doc",
    "clause",
    "quote",
    "start",
    "end",
    "kind",
    "comparator",
    "value",
    "value_max",
    "unit",
    "period",
    "subject",
    "denominator",
    "stages",
    "grades",
    "scope",
    "scope_reason",
    "modality",
    "responsible",
}
KINDS = {
    "duration",
    "frequency",
    "ratio",
    "count",
    "coverage",
    "deadline",
    "existence",
    "prohibition",
}


def test_every_quote_is_found_again_at_its_offsets(
    seed_texts: dict[str, str], seed_candidates: dict[str, tuple[Candidate, ...]]
) -> None:
    assert set(seed_candidates) == set(SEED_FILES) and len(SEED_FILES) == 5
    for name, candidates in seed_candidates.items():
        text = seed_texts[name]
        assert candidates, name
        for c in candidates:
            assert text[c.start : c.end] == c.quote, (name, c)
            assert c.quote == c.quote.strip()
            assert c.doc == name


def test_every_candidate_has_the_contract_fields_and_vocabulary(
    seed_candidates: dict[str, tuple[Candidate, ...]],
) -> None:
    for candidates in seed_candidates.values():
        for c in candidates:
            data = c.to_dict()
            assert set(data) == CONTRACT_FIELDS
            assert data["kind"] in KINDS
            assert data["scope"] in {"school", "region", "unclear"} and data["scope_reason"]
            assert data["modality"] in {"must", "encouraged", "prohibited"}
            if c.kind in ("existence", "prohibition", "deadline"):
                assert data["comparator"] is None and data["value"] is None
            else:
                assert data["comparator"] in {"at_least", "at_most", "between", "equal"}
                assert isinstance(data["value"], int | float)
            assert (data["value_max"] is not None) == (data["comparator"] == "between")
            if c.kind in ("ratio", "coverage"):
                assert data["unit"] == "比例" and 0 <= data["value"] <= 1
            if c.kind == "duration":
                assert data["unit"] == "分钟"


def test_web_page_debris_and_cover_letters_give_no_candidates(
    seed_texts: dict[str, str], seed_candidates: dict[str, tuple[Candidate, ...]]
) -> None:
    luan = "002_2cc7bde6fae74301.txt"
    debris = seed_texts[luan].index("智能问答")
    assert all(c.end <= debris for c in seed_candidates[luan])
    plan = seed_texts[YINGKOU].index("一、实施学前教育普惠保障行动")
    assert all(c.start > plan for c in seed_candidates[YINGKOU])
    assert all(c.clause is not None for cs in seed_candidates.values() for c in cs)


def test_known_requirements_of_yingkou_and_city_x(
    seed_candidates: dict[str, tuple[Candidate, ...]],
) -> None:
    def find(name: str, clause: str, kind: str, value: float) -> Candidate:
        hits = [c for c in seed_candidates[name] if c.clause == clause and c.kind == kind and c.value == value]
        assert hits, (name, clause, kind, value)
        return hits[0]

    assert find(YINGKOU, "14", "duration", 60).period == "天"
    assert find(YINGKOU, "17", "ratio", 0.10).denominator == "符合交流条件教师总数"
    assert find(YINGKOU, "17", "ratio", 0.20).scope == "school"
    assert find(YINGKOU, "1", "ratio", 0.54).scope == "region"
    assert find(YINGKOU, "15", "coverage", 1.0).scope == "school"
    trips = find(CITY_X, "25", "frequency", 1)
    assert (trips.value_max, trips.period) == (2, "学年")
    assert trips.grades == ("P4", "P5", "J1", "J2", "J3", "S1", "S2")
    assert "各学校" in trips.responsible
    assert find(CITY_X, "28", "ratio", 0.15).scope == "school"
    assert find(CITY_X, "32", "duration", 120).comparator == "at_least"
    assert not [c for c in seed_candidates[CITY_X] if c.clause == "32" and c.value == 60]
    assert find(CITY_X, "30", "count", 300).scope == "region"


def test_plan_diff_of_yingkou_and_city_x(seed_candidates: dict[str, tuple[Candidate, ...]]) -> None:
    result = diff_plans(seed_candidates[YINGKOU], seed_candidates[CITY_X])
    changed = {(c.topic, c.a.value, c.b.value) for c in result.changed}
    assert ("教师交流轮岗比例", 0.10, 0.15) in changed
    assert ("交流教师中骨干教师比例", 0.20, 0.25) in changed
    assert ("每日校内体育活动时长", 60, 120) in changed
    only_b = {(c.clause, c.kind, c.value) for c in result.only_b}
    assert ("25", "frequency", 1) in only_b  # 研学 trips: only city X asks for them
    only_a = {(c.clause, c.kind, c.value) for c in result.only_a}
    assert ("1", "ratio", 0.54) in only_a
