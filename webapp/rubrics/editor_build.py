"""The rubric a draft would publish: the accepted items of the draft editor (``editor``) placed
where the officers put them, written as rubric YAML and checked by the validator of ``rubric
check``, every problem put beside the item it concerns."""

from __future__ import annotations

import copy
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from checklist.extract.draft import Draft
from checklist.extract.draft_rules import default_draft_rules
from checklist.extract.plans import PlanInfo
from checklist.loader import PlanLookup, Problem, load_rubric_text
from webapp.rubrics.editor import (
    AS_PUBLISHED,
    QUANTITATIVE,
    acceptable,
    drafted_item,
    extracted_requirement,
    plain_number,
    requirement,
    why_not_drafted,
)

_THRESHOLD = ("kind", "comparator", "value", "value_max", "unit", "period")


# -- the rubric the draft would publish -----------------------------------------------------------


@dataclass(frozen=True)
class Settings:
    rubric_id: str
    version: int
    title: str
    issuer: str
    year: int | None = None


@dataclass(frozen=True)
class Built:
    """The draft as a rubric: its YAML, and the problems of ``rubric check`` by item."""

    yaml_text: str
    problems: tuple[Problem, ...]
    by_item: Mapping[str, tuple[str, ...]]  # uid → the problems of its item, in words
    general: tuple[str, ...]  # the problems of the rubric as a whole
    ids: Mapping[str, str]  # uid → the item's id in the rubric (A1.2)
    items: int

    @property
    def publishable(self) -> bool:
        return self.items > 0 and not self.problems and not self.by_item and not self.general


def build(
    settings: Settings,
    items: Sequence[Mapping[str, Any]],
    dimensions: Sequence[Sequence[str]],
    text: str,
    info: PlanInfo,
    library: PlanLookup,
) -> Built:
    """The rubric YAML of the accepted items, placed where the officers put them, checked."""
    declared: dict[str, dict[str, Any]] = {}
    placed: dict[str, dict[str, list[tuple[str, dict[str, Any]]]]] = {}
    by_item: dict[str, list[str]] = {}
    based_on = [info.file]
    for item in items:
        if item.get("status") != "accepted":
            continue
        uid = str(item["uid"])
        y = _item_yaml(item, text, info)
        if isinstance(y, str):
            by_item.setdefault(uid, []).append(y)
            continue
        if item.get("origin") in AS_PUBLISHED and item.get("base_doc") and item["base_doc"] not in based_on:
            based_on.append(str(item["base_doc"]))
        y = _with_unique_inputs(y, declared)
        dimension = str(item.get("dimension") or "B")
        indicator = str(item.get("indicator") or "").strip() or "其他"
        placed.setdefault(dimension, {}).setdefault(indicator, []).append((uid, y))
    titles = {str(d[0]): str(d[1]) for d in dimensions}
    order = [str(d[0]) for d in dimensions] + sorted(set(placed) - set(titles))
    ids: dict[str, str] = {}
    data_dimensions: list[dict[str, Any]] = []
    for dim_id in order:
        if dim_id not in placed:
            continue
        indicators = []
        for n, (ind_title, members) in enumerate(placed[dim_id].items(), 1):
            ind_id = f"{dim_id}{n}"
            ind_items = []
            for k, (uid, y) in enumerate(members, 1):
                item_id = f"{ind_id}.{k}"
                ids[uid] = item_id
                ind_items.append({"id": item_id, **{key: v for key, v in y.items() if key != "id"}})
            indicators.append({"id": ind_id, "title": ind_title, "items": ind_items})
        data_dimensions.append({"id": dim_id, "title": titles.get(dim_id, dim_id), "indicators": indicators})
    data: dict[str, Any] = {
        "id": settings.rubric_id,
        "version": settings.version,
        "title": settings.title or f"{info.title}（办学水平自评细则）",
        "issuer": settings.issuer or info.issuer or "（待填写）",
    }
    if settings.year:
        data["year"] = settings.year
    data["description"] = f"依据《{info.title}》在浏览器中起草、逐条审核的评估细则。"
    data["based_on"] = based_on
    data["levels"] = [
        {"name": "优秀", "min_percent": 90},
        {"name": "良好", "min_percent": 80},
        {"name": "合格", "min_percent": 60},
        {"name": "不合格", "min_percent": 0},
    ]
    data["bonus_cap"] = 5
    data["dimensions"] = data_dimensions
    yaml_text = Draft(data, (), ()).to_yaml()
    general: list[str] = []
    problems: tuple[Problem, ...] = ()
    if ids:
        _, found = load_rubric_text(yaml_text, f"草稿 {settings.rubric_id}", library)
        problems = tuple(found)
        uid_of = {v: k for k, v in ids.items()}
        for p in problems:  # the message says it in Chinese; the field's path is left out
            owner = uid_of.get(p.where)
            if owner is not None:
                by_item.setdefault(owner, []).append(p.message)
            else:
                general.append(f"{'整份细则' if p.where == 'rubric' else p.where}：{p.message}")
    else:
        general.append("还没有采纳任何要点")
    return Built(
        yaml_text,
        problems,
        {k: tuple(v) for k, v in by_item.items()},
        tuple(general),
        ids,
        len(ids),
    )


def _item_yaml(item: Mapping[str, Any], text: str, info: PlanInfo) -> dict[str, Any] | str:
    """The item as the rubric language writes it, or why it cannot be written."""
    if item.get("origin") in AS_PUBLISHED:
        base = copy.deepcopy(dict(item.get("base_item") or {}))
        if not base:
            return "上一年度的要点内容缺失"
        drafted: dict[str, Any] = base
    else:
        why = acceptable(item)
        if why:
            return why
        if item.get("kind") in QUANTITATIVE and item.get("value") is None:
            return "数量类要求须填写阈值"
        made = drafted_item(item, text, info)
        if made is None:
            return why_not_drafted(item, text, info)
        drafted = made[0]
        note = _threshold_note(item)
        if note:
            drafted["basis"] = {"kind": "bureau_decision", "note": note}
    veto, bonus = bool(item.get("veto")), bool(item.get("bonus"))
    out: dict[str, Any] = {"id": "", "title": str(item.get("title") or "").strip() or drafted.get("title", "")}
    out["points"] = plain_number(float(item.get("points") or 0))
    if bonus:
        out["bonus"] = True
    if veto:
        out["veto"] = True
    for key in ("applies_to", "applies_if", "source", "basis", "inputs", "rule", "partial", "bands"):
        if key in drafted and drafted[key] is not None:
            out[key] = drafted[key]
    if veto:
        out.pop("partial", None)
        out.pop("bands", None)
    if isinstance(out.get("rule"), dict) and out["rule"].get("kind") == "deduct":
        out["rule"] = {**out["rule"], "cap": out["points"]}  # 扣完为止: the item's own points, as the officer set them
    evidence = [str(e) for e in item.get("evidence") or [] if str(e).strip()]
    if evidence:
        out["evidence"] = evidence
    if item.get("method"):
        out["method"] = str(item["method"])
    if item.get("advice"):
        out["advice"] = str(item["advice"])
    return out


def _threshold_note(item: Mapping[str, Any]) -> str:
    """「起草时将要求由≥60分钟/天改为≥90分钟/天（张三）」 when an officer changed the number the
    plan states, so that ``rubric check`` knows where the new number comes from."""
    if item.get("kind") not in QUANTITATIVE:
        return ""
    before = item.get("extracted")
    after = {k: item.get(k) for k in _THRESHOLD}
    who = f"（{item['by']}）" if item.get("by") else ""
    if not before:
        return f"原文未写出数值，起草时由教育局确定为{requirement(item)}{who}"
    keys = ("comparator", "value", "value_max", "unit", "period")
    if all(before.get(k) == after.get(k) for k in keys) and before.get("kind") == after.get("kind"):
        return ""
    return f"起草时将要求由{extracted_requirement(item)}改为{requirement(item)}{who}"


def _with_unique_inputs(y: dict[str, Any], declared: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Input keys are unique across a rubric: a shared figure (交流教师数) is declared once and
    read by every item that needs it; a generated key another item has already is renamed."""
    kept: list[dict[str, Any]] = []
    renames: dict[str, str] = {}
    shared = default_draft_rules().inputs
    for raw in y.get("inputs") or []:
        inp = dict(raw)
        key = str(inp.get("key"))
        if key in declared:
            if key in shared or declared[key] == inp:
                continue
            n = 2
            while f"{key}_{n}" in declared:
                n += 1
            renames[key] = f"{key}_{n}"
            inp["key"] = renames[key]
        declared[str(inp["key"])] = inp
        kept.append(inp)
    if renames:
        kept = [
            {**i, "max_input": renames.get(str(i["max_input"]), i["max_input"])} if "max_input" in i else i
            for i in kept
        ]
        y["rule"] = _renamed(y.get("rule"), renames)
        if "applies_if" in y:
            y["applies_if"] = _renamed(y["applies_if"], renames)
    if "inputs" in y:
        if kept:
            y["inputs"] = kept
        else:
            y.pop("inputs")
    return y


def _renamed(rule: Any, renames: Mapping[str, str]) -> Any:
    if isinstance(rule, Mapping):
        out = {}
        for k, v in rule.items():
            if k in ("input", "numerator", "denominator") and isinstance(v, str):
                out[k] = renames.get(v, v)
            else:
                out[k] = _renamed(v, renames)
        return out
    if isinstance(rule, list):
        return [_renamed(r, renames) for r in rule]
    return rule
