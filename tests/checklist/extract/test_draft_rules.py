"""The topic table of config/draft_rules.yaml: every row is named by its key, and its example
— a sentence of the kind of plan it is for — is built into the rule the row promises."""

from __future__ import annotations

from typing import Any

import pytest

from checklist.extract import extract
from checklist.extract.draft import _Keys, _spec
from checklist.extract.draft_rules import DraftRulesError, default_draft_rules, load_draft_rules

TOPICS = default_draft_rules().topics


def built(text: str) -> list[tuple[Any, dict[str, Any], Any]]:
    out = []
    for c in extract(text):
        spec = _spec(c, {"doc": "t.txt", "clause": "1", "quote": c.quote}, _Keys())  # type: ignore[arg-type]
        out.append((spec, dict(spec.rule), spec.applies_if))
    return out


@pytest.mark.parametrize("topic", TOPICS, ids=[f"{t.key}-{n}" for n, t in enumerate(TOPICS)])
def test_each_row_builds_its_example(topic: Any) -> None:
    example = topic.example
    results = built(example["text"])
    matching = [
        (rule, applies)
        for spec, rule, applies in results
        if all(rule.get(k) == v for k, v in example["rule"].items() if k != "rule")
        and spec.candidate is not None
        and default_draft_rules().topic_of(spec.candidate) is topic
    ]
    assert matching, [(r, default_draft_rules().topic_of(s.candidate)) for s, r, _ in results]
    if "applies_if" in example:
        assert any(dict(applies or {}) == example["applies_if"] for _, applies in matching)


def test_every_shared_key_a_row_uses_is_declared() -> None:
    inputs = default_draft_rules().inputs
    for topic in TOPICS:
        for key in topic.inputs:
            assert key in inputs


def test_a_broken_table_is_refused_with_its_place(tmp_path: Any) -> None:
    path = tmp_path / "rules.yaml"
    path.write_text("inputs: {}\ntopics:\n  - {key: x, label: 某, when: {colour: red}, rule: number}\n", encoding="utf-8")
    with pytest.raises(DraftRulesError, match="未知条件 colour"):
        load_draft_rules(path)
    path.write_text("inputs: {}\ntopics:\n  - {key: x, label: 某, when: {}, rule: number}\n", encoding="utf-8")
    with pytest.raises(DraftRulesError, match="输入项“x”未在 inputs 中定义"):
        load_draft_rules(path)
