"""The scope table (config/scope_rules.yaml): every rule is named, and its own example — a
sentence of a real plan — is decided by that rule, with that scope."""

from __future__ import annotations

import pytest

from checklist.extract import extract
from checklist.extract.scope import ScopeRulesError, default_scope_rules, load_scope_rules

RULES = default_scope_rules().rules


def test_every_rule_has_a_name_and_an_example() -> None:
    names = [r.name for r in RULES]
    assert len(names) == len(set(names)) and all(names)
    assert all(r.example and r.example.get("text") and r.example.get("scope") for r in RULES)


@pytest.mark.parametrize("rule", RULES, ids=[r.name for r in RULES])
def test_each_rule_decides_its_own_example(rule: object) -> None:
    example = rule.example  # type: ignore[attr-defined]
    candidates = extract(example["text"])
    decided = [(c.scope_rule, c.scope) for c in candidates]
    assert (rule.name, example["scope"]) in decided, decided  # type: ignore[attr-defined]


def test_a_broken_table_is_refused_with_its_place(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "rules.yaml"
    path.write_text("cues: {a: 学校}\nrules:\n  - {name: 坏规则, scope: 全市, reason: x}\n", encoding="utf-8")
    with pytest.raises(ScopeRulesError, match="坏规则"):
        load_scope_rules(path)
    path.write_text("cues: {a: 学校}\nrules:\n  - {name: 无线索, scope: school, reason: x, cue: b}\n", encoding="utf-8")
    with pytest.raises(ScopeRulesError, match="没有名为“b”的线索"):
        load_scope_rules(path)
