"""Next year from last year: a new plan's draft items set against last year's rubric.

An item of last year whose quote is still in the new plan is carried forward onto the
candidate found there (its title, points, evidence, method, advice, place and flags kept).
Failing that, last year's item is traced to the candidate of its own plan it was made from and
paired with the new plan's candidates by ``checklist.extract.plan_diff`` (the same topic, or the
same kind of requirement about a similar subject): carried forward with the new threshold beside
the old one (营口 10%/20% against 15%/25%). Last year's items that pair with nothing are
proposed for retirement; the new plan's candidates that pair with nothing are new requirements.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

import yaml

from checklist.diff import describe_rule
from checklist.extract import Candidate, default_lexicon, extract
from checklist.extract.plan_diff import diff_plans
from checklist.extract.plans import info_of
from checklist.model import Item, Rubric, rule_inputs
from webapp.models import RubricRecord
from webapp.rubrics.editor import candidate_of
from webapp.rubrics.library import plan_library, rubric_of
from webapp.rubrics.pages import PlanReview


def carry_forward(
    items: list[dict[str, Any]], dimensions: list[list[str]], base: RubricRecord, review: PlanReview
) -> tuple[list[dict[str, Any]], list[list[str]]]:
    rubric = rubric_of(base)
    raw = yaml.safe_load(base.yaml_text) or {}
    raw_items = {
        str(entry.get("id")): entry
        for dimension in raw.get("dimensions") or []
        for indicator in dimension.get("indicators") or []
        for entry in indicator.get("items") or []
    }
    declared = {
        str(inp.get("key")): inp
        for entry in raw_items.values()
        for inp in entry.get("inputs") or []
        if isinstance(inp, dict)
    }
    place = {
        item.id: (dimension.id, indicator.title)
        for dimension in rubric.dimensions
        for indicator in dimension.indicators
        for item in indicator.items
    }
    ids = [d.id for d in rubric.dimensions]
    merged = [[d.id, d.title] for d in rubric.dimensions] + [d for d in dimensions if d[0] not in ids]
    items = copy.deepcopy(items)
    free = [i for i in items if i["origin"] == "extracted" and i.get("kind") != "deadline" and i.get("clause")]
    used: set[str] = set()
    left: list[Item] = []
    document = plan_library().get(review.info.file)
    # 1. the same clause: last year's quote is in this year's plan (on a candidate found there,
    #    or else as last year's item as it was, citing this year's plan)
    kept = 0
    for base_item in rubric.items:
        quote = base_item.source.quote if base_item.source is not None else ""
        start = review.text.find(quote) if quote else -1
        clause = document.clause_of(start) if start >= 0 and document is not None else None
        if clause is None:
            left.append(base_item)
            continue
        raw = _with_inputs(raw_items.get(base_item.id, {}), base_item, declared)
        raw["source"] = {"doc": review.info.file, "clause": clause, "quote": quote}
        entry = _retired("", base_item, raw, rubric, place)
        entry.update(
            origin="kept",
            status="accepted",
            start=start,
            end=start + len(quote),
            clause=clause,
            base_doc=review.info.file,
            base=_base_summary(base_item, rubric, "same"),
        )
        found = _at_quote(base_item, review.text, free, used)
        if found is not None:  # the candidate found there becomes last year's item
            used.add(found["uid"])
            entry["uid"] = found["uid"]
            items[next(n for n, i in enumerate(items) if i["uid"] == found["uid"])] = entry
        else:
            kept += 1
            entry["uid"] = f"k{kept}"
            items.append(entry)
    # 2. the same requirement in other words (plan_diff), traced through last year's plan
    olds: dict[int, Item] = {}
    old_candidates: list[Candidate] = []
    for base_item in left:
        old = _old_candidate(base_item)
        if old is not None:
            olds[id(old)] = base_item
            old_candidates.append(old)
    new_by_key = {(i["start"], i["end"], i["kind"]): i for i in free if i["uid"] not in used}
    new_candidates = [candidate_of(i, review.info.file) for i in new_by_key.values()]
    paired: set[str] = set()
    plan_changes = diff_plans(old_candidates, new_candidates)
    for change, kind in [(c, "changed") for c in plan_changes.changed] + [(c, "same") for c in plan_changes.same]:
        last_year = olds.get(id(change.a))
        target = new_by_key.get((change.b.start, change.b.end, change.b.kind))
        if last_year is None or target is None or target["uid"] in used:
            continue
        used.add(target["uid"])
        paired.add(last_year.id)
        _carry(target, last_year, rubric, place, kind)
    # 3. what is left of last year: proposed for retirement
    for n, base_item in enumerate((i for i in left if i.id not in paired), 1):
        raw = _with_inputs(raw_items.get(base_item.id, {}), base_item, declared)
        items.append(_retired(f"r{n}", base_item, raw, rubric, place))
    return items, merged


def _with_inputs(raw: Mapping[str, Any], base_item: Item, declared: Mapping[str, Any]) -> dict[str, Any]:
    """Last year's item as YAML, with the declarations of the inputs its rule reads that another
    of last year's items declared (交流教师数 is declared once and read by two items)."""
    out = copy.deepcopy(dict(raw))
    own = {str(i.get("key")) for i in out.get("inputs") or []}
    wanted = list(rule_inputs(base_item.rule))
    if base_item.applies_if is not None:
        wanted += rule_inputs(base_item.applies_if)
    missing = [copy.deepcopy(declared[k]) for k in dict.fromkeys(wanted) if k not in own and k in declared]
    if missing:
        out["inputs"] = [*(out.get("inputs") or []), *missing]
    return out


def _at_quote(base_item: Item, text: str, free: list[dict[str, Any]], used: set[str]) -> dict[str, Any] | None:
    if base_item.source is None or not base_item.source.quote:
        return None
    start = text.find(base_item.source.quote)
    if start < 0:
        return None
    end = start + len(base_item.source.quote)
    inside = [i for i in free if i["uid"] not in used and i["start"] < end and start < i["end"]]
    if not inside:
        return None
    return max(inside, key=lambda i: min(end, i["end"]) - max(start, i["start"]))


@lru_cache(maxsize=8)
def _plan_candidates(doc: str, text_hash: int) -> tuple[Candidate, ...]:
    document = plan_library().get(doc)
    if document is None:
        return ()
    info = info_of(document)
    return extract(document.text, doc=info.file, lexicon=default_lexicon(), region=info.region)


def _old_candidate(base_item: Item) -> Candidate | None:
    """The candidate of last year's plan that the item was made from (its quote's place)."""
    if base_item.source is None:
        return None
    document = plan_library().get(base_item.source.doc)
    if document is None:
        return None
    start = document.text.find(base_item.source.quote)
    if start < 0:
        return None
    end = start + len(base_item.source.quote)
    inside = [
        c
        for c in _plan_candidates(base_item.source.doc, hash(document.text))
        if c.start < end and start < c.end and c.is_quantitative
    ]
    if not inside:
        return None
    return max(inside, key=lambda c: min(end, c.end) - max(start, c.start))


def _base_summary(base_item: Item, rubric: Rubric, change: str) -> dict[str, Any]:
    return {
        "id": base_item.id,
        "title": base_item.title,
        "requirement": describe_rule(base_item.rule, rubric.inputs),
        "points": base_item.points,
        "change": change,
    }


def _carry(
    item: dict[str, Any], base_item: Item, rubric: Rubric, place: Mapping[str, tuple[str, str]], change: str
) -> None:
    dimension, indicator = place[base_item.id]
    item.update(
        status="accepted",
        scope="school",
        title=base_item.title,
        points=base_item.points,
        evidence=list(base_item.evidence),
        method=base_item.method,
        advice=base_item.advice,
        veto=base_item.veto,
        bonus=base_item.bonus,
        dimension=dimension,
        indicator=indicator,
        base=_base_summary(base_item, rubric, change),
    )


def _retired(
    uid: str, base_item: Item, raw: Mapping[str, Any], rubric: Rubric, place: Mapping[str, tuple[str, str]]
) -> dict[str, Any]:
    dimension, indicator = place[base_item.id]
    source = base_item.source
    return {
        "uid": uid,
        "rev": 1,
        "origin": "retired",
        "status": "rejected",
        "start": None,
        "end": None,
        "clause": source.clause if source else None,
        "quote": source.quote if source else base_item.title,
        "scope": "school",
        "scope_reason": "",
        "subject": base_item.title,
        "denominator": None,
        "grades": [],
        "responsible": [],
        "context": "",
        "found_by": "",
        "extracted": None,
        "kind": "existence",
        "comparator": None,
        "value": None,
        "value_max": None,
        "unit": None,
        "period": None,
        "stages": [],
        "modality": "must",
        "title": base_item.title,
        "points": base_item.points,
        "evidence": list(base_item.evidence),
        "method": base_item.method,
        "advice": base_item.advice,
        "dimension": dimension,
        "indicator": indicator,
        "veto": base_item.veto,
        "bonus": base_item.bonus,
        "base": _base_summary(base_item, rubric, "gone"),
        "base_item": dict(raw),
        "base_doc": source.doc if source else None,
        "by": "",
        "at": "",
    }
