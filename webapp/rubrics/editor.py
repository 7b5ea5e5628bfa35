"""The draft editor's model (评估细则草稿): a draft's items as plain dicts (kept as JSON in
``RubricDraft.content``), made from a plan's candidates, edited field by field, and turned
into the rubric YAML the draft would publish — checked by the validator of ``rubric check``,
every problem put beside the item it concerns (the YAML and its checks are in ``editor_build``).

No database and no Flask here: functions take plain data and the plan library and return
plain data. ``operations`` keeps the row and the transactions; the views show the result.

An item (``dict``) holds:
    uid, rev                 its name in the draft and its revision (the version check of a save)
    origin                   extracted (the extractor found it) | added (an officer selected the
                             passage) | kept (last year's item as it was, its quote still in
                             the plan, no candidate there) | retired (last year's item whose
                             clause is gone)
    status                   pending | accepted | rejected
    start, end, clause, quote, scope, scope_reason, subject, denominator, grades, responsible,
    context, found_by        where it is in the plan and what the extractor read there
    extracted                the threshold as extracted {kind, comparator, value, value_max, unit, period}
    kind, comparator, value, value_max, unit, period, stages, modality   as the officer leaves them
    title, points, evidence, method, advice, dimension, indicator, veto, bonus
    base                     last year's item it carries forward {id, title, requirement, points, change}
    base_item, base_doc      (kept, retired) last year's item as YAML, and the plan it cites
    by, at                   who saved it last, when
"""

from __future__ import annotations

import copy
import dataclasses
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from checklist.extract import Candidate, default_lexicon, describe, extract, windows_joined
from checklist.extract.draft import DIMENSIONS, WEIGHTS, deduction_of, draft_rubric
from checklist.extract.draft import balanced_points as balanced_points  # the editor's 「按比例调整为100分」
from checklist.extract.lexicon import KIND_NAMES, MODALITY_NAMES
from checklist.extract.plans import PlanInfo
from checklist.extract.score_columns import shared_points
from checklist.model import STAGE_NAMES

STATUSES = ("pending", "accepted", "rejected")
STATUS_NAMES = {"pending": "未审核", "accepted": "已采纳", "rejected": "不采纳"}
# 时限 only for a time of the school day (上课不早于8:20): its time is kept as the plan says it
ITEM_KINDS = ("duration", "frequency", "ratio", "count", "coverage", "deadline", "existence", "prohibition")
QUANTITATIVE = ("duration", "frequency", "ratio", "count", "coverage")
COMPARATORS = {"at_least": "不少于", "at_most": "不超过", "between": "介于"}
PERIODS = ("天", "周", "月", "学期", "学年", "年")
# A new item's points by kind: the weights ``rubric draft`` shares out (veto 6, bonus 1).
DEFAULT_POINTS = WEIGHTS
# The fields an officer edits, as the audit log names them (webapp/audit.py labels them).
EDITABLE = (
    "status",
    "title",
    "kind",
    "comparator",
    "value",
    "value_max",
    "unit",
    "period",
    "stages",
    "modality",
    "points",
    "evidence",
    "method",
    "advice",
    "dimension",
    "indicator",
    "veto",
    "bonus",
)


# Items that are last year's as published: written as they were, their requirement not edited.
AS_PUBLISHED = ("kept", "retired")


class DraftEditError(ValueError):
    """An edit that cannot be made; the message says why, in Chinese."""


# -- items ---------------------------------------------------------------------------------------


def threshold_of(c: Candidate) -> dict[str, Any]:
    return {
        "kind": c.kind,
        "comparator": c.comparator,
        "value": c.value,
        "value_max": c.value_max,
        "unit": c.unit,
        "period": c.period,
    }


def new_item(uid: str, c: Candidate, text: str, info: PlanInfo, origin: str = "extracted") -> dict[str, Any]:
    """An item of the draft from a candidate, with the placement, points, evidence and method
    ``rubric draft`` would give it (all editable)."""
    item: dict[str, Any] = {
        "uid": uid,
        "rev": 1,
        "origin": origin,
        "status": "pending",
        "start": c.start,
        "end": c.end,
        "clause": c.clause,
        "quote": c.quote,
        "scope": c.scope,
        "scope_reason": c.scope_reason,
        "subject": c.subject,
        "denominator": c.denominator,
        "grades": list(c.grades),
        "responsible": list(c.responsible),
        "context": c.context,
        "found_by": c.origin,
        "extracted": threshold_of(c),
        **threshold_of(c),
        "stages": list(c.stages),
        "modality": c.modality,
        "title": "",
        "points": 0,
        "evidence": [],
        "method": "",
        "advice": "",
        "dimension": "B",
        "indicator": "",
        "veto": False,
        "bonus": False,
        "base": None,
        "by": "",
        "at": "",
    }
    cut = deduction_of(c, text)
    if cut is not None:
        # scored as the plan scores it ("发现一例扣2分"): the quote holds the deduction, the page says it
        item["end"] = max(c.end, cut.end)
        item["quote"] = text[c.start : item["end"]]
        item["deduction"] = {"per": plain_number(cut.per), "unit": cut.unit, "missing": cut.missing}
    drafted = drafted_item(item, text, info)
    if drafted is not None:
        y, dimension, indicator = drafted
        item.update(
            dimension=dimension,
            indicator=indicator,
            evidence=list(y.get("evidence") or []),
            method=str(y.get("method") or ""),
            veto=bool(y.get("veto")),
            bonus=bool(y.get("bonus")),
        )
    item["points"] = default_points(item)
    return item


def take_table_points(items: list[dict[str, Any]], candidates: Sequence[Candidate], text: str) -> None:
    """The points the plan's own assessment table gives its rows (its 分值 column), shared by the
    school requirements of a row, for the items that are not bonus or veto; the others keep
    their kind's points."""
    school = [n for n, c in enumerate(candidates) if c.scope == "school"]
    shares = shared_points([candidates[n] for n in school], text)
    for n, share in zip(school, shares, strict=True):
        if share is not None and not items[n].get("bonus") and not items[n].get("veto"):
            items[n]["points"] = plain_number(share)


def default_points(item: Mapping[str, Any]) -> int:
    if item.get("bonus"):
        return 1
    if item.get("veto"):
        return 6
    return DEFAULT_POINTS.get(str(item.get("kind")), 2)


def candidate_of(item: Mapping[str, Any], doc: str) -> Candidate:
    """The candidate as the officer left it: their kind, threshold, stages and modality; a
    school's requirement (accepting a region target makes it one)."""
    return Candidate(
        doc=doc,
        clause=item.get("clause"),
        quote=str(item["quote"]),
        start=int(item["start"]),
        end=int(item["end"]),
        kind=str(item["kind"]),
        comparator=item.get("comparator"),
        value=item.get("value"),
        value_max=item.get("value_max") if item.get("comparator") == "between" else None,
        unit=item.get("unit"),
        period=item.get("period"),
        subject=str(item.get("subject") or ""),
        denominator=item.get("denominator"),
        stages=tuple(item.get("stages") or ()),
        grades=tuple(item.get("grades") or ()),
        scope="school",
        scope_reason=str(item.get("scope_reason") or ""),
        modality=str(item.get("modality") or "must"),
        responsible=tuple(item.get("responsible") or ()),
        context=str(item.get("context") or ""),
        origin=str(item.get("found_by") or ""),
    )


def aside_reason(item: Mapping[str, Any]) -> str:
    """Why the extractor's candidate is set aside rather than proposed as an item ("" when it
    is not): a region's target, an unclear scope, a deadline, a sentence outside any clause."""
    if item.get("origin") in AS_PUBLISHED:
        return ""
    barred = _barred(item)
    if barred:
        return barred[0]
    if item.get("scope") == "region":
        return f"全市（区域）指标：{item.get('scope_reason') or ''}".rstrip("：")
    if item.get("scope") == "unclear":
        return f"层级不明：{item.get('scope_reason') or ''}".rstrip("：")
    return ""


def acceptable(item: Mapping[str, Any]) -> str:
    """Why the item cannot be accepted, or ""."""
    barred = None if item.get("origin") in AS_PUBLISHED else _barred(item)
    return barred[1] if barred else ""


def _barred(item: Mapping[str, Any]) -> tuple[str, str] | None:
    """Why the extractor's candidate can never be accepted: the reason beside the candidate and
    the one that refuses it (None: nothing bars it)."""
    if item.get("kind") == "deadline" and not (item.get("unit") == "时刻" and item.get("value") is not None):
        # a date to finish by; a time of the school day (上课不早于8:20) is an item a school answers
        return "时限要求：不能单独成为评估要点，请并入相应要点", "时限要求不能单独成为评估要点"
    if item.get("clause") is None:
        return "不在编号条目内，无法注明出处", "该候选不在编号条目内，无法注明出处"
    return None


def requirement(item: Mapping[str, Any], doc: str = "") -> str:
    """The requirement in a few characters: ≥60分钟/天, 1—2次/学年, ≥10%, 须有, 禁止."""
    if item.get("origin") in AS_PUBLISHED:
        return str((item.get("base") or {}).get("requirement") or "")
    return _with_deduction(item, describe(candidate_of(item, doc)))


def _with_deduction(item: Mapping[str, Any], said: str) -> str:
    """The requirement and the deduction it is scored by: 禁止，每例扣2分 · 须有，每缺一项扣1分."""
    deduction = item.get("deduction")
    if not deduction or item.get("kind") not in ("existence", "prohibition"):
        return said
    counted = f"每缺一{deduction['unit']}" if deduction.get("missing") else f"每{deduction['unit']}"
    return f"{said}，{counted}扣{deduction['per']}分"


def extracted_requirement(item: Mapping[str, Any]) -> str:
    before = item.get("extracted")
    if not before:
        return ""
    return _with_deduction({**item, **before}, describe(candidate_of({**item, **before}, "")))


def drafted_item(item: Mapping[str, Any], text: str, info: PlanInfo) -> tuple[dict[str, Any], str, str] | None:
    """(the item's YAML as ``rubric draft`` writes it, its dimension id, its indicator title),
    or None when the draft cannot make it an item."""
    draft = draft_rubric([candidate_of(item, info.file)], text, info, "draft", 1)
    if not draft.items:
        return None
    dimension = draft.data["dimensions"][0]
    indicator = dimension["indicators"][0]
    return copy.deepcopy(dict(indicator["items"][0])), str(dimension["id"]), str(indicator["title"])


def why_not_drafted(item: Mapping[str, Any], text: str, info: PlanInfo) -> str:
    draft = draft_rubric([candidate_of(item, info.file)], text, info, "draft", 1)
    return draft.pending[0].reason if draft.pending else "无法写成评估要点"


def item_from_passage(uid: str, quote: str, text: str, info: PlanInfo, clause: str | None) -> dict[str, Any]:
    """An item an officer made by selecting a passage the extractor missed. The passage must
    occur once in the plan; what the extractor reads in it alone (a number, a unit, a period)
    is proposed, else it is a 须有 (existence) requirement."""
    start = text.find(quote)
    read = windows_joined(extract(quote, doc=info.file, lexicon=default_lexicon(), region=info.region))
    found = [c for c in read if c.kind != "deadline" or c.is_time_of_day]  # a date to finish by is no item
    if found:
        c = found[0]
        c = dataclasses.replace(
            c,
            start=start,
            end=start + len(quote),
            quote=quote,
            clause=clause,
            scope="school",
            scope_reason="由起草人从原文中选出",
        )
    else:
        c = Candidate(
            doc=info.file,
            clause=clause,
            quote=quote,
            start=start,
            end=start + len(quote),
            kind="existence",
            comparator=None,
            value=None,
            value_max=None,
            unit=None,
            period=None,
            subject=_short(quote, 30),
            denominator=None,
            stages=(),
            grades=(),
            scope="school",
            scope_reason="由起草人从原文中选出",
            modality="must",
            responsible=(),
            context=quote,
            origin="selected",
        )
    item = new_item(uid, c, text, info, origin="added")
    item["status"] = "accepted"
    if not found:
        item["extracted"] = None
    return item


def locate_passage(quote: str, text: str) -> int:
    """Where a selected passage is in the plan; DraftEditError when it is not there exactly
    once (the message says what to do)."""
    quote = quote.strip()
    if len(quote) < 4:
        raise DraftEditError("请至少选取4个字的原文")
    if len(quote) > 400:
        raise DraftEditError("选取的原文过长（最多400字）：请只选出要求本身")
    first = text.find(quote)
    if first < 0:
        raise DraftEditError("这段文字不在工作要点原文中：请从原文中直接选取或复制，不要改动字词和标点")
    if text.find(quote, first + 1) >= 0:
        raise DraftEditError("这段文字在原文中出现了不止一次：请多选几个字，使它只出现一次")
    if "\n" in quote:
        raise DraftEditError("请只选取一个段落中的文字")
    return first


def _short(text: str, limit: int) -> str:
    text = re.sub(r"\s+", "", text).strip("，。；、,.;:：")
    return text if len(text) <= limit else text[: limit - 1] + "…"


# -- what the officer sees -------------------------------------------------------------------------


def plain_number(value: float) -> int | float:
    """A whole number as an int (5, not 5.0), else as it is."""
    return int(value) if float(value).is_integer() else value


@dataclass(frozen=True)
class DimensionTotal:
    id: str
    title: str
    points: float
    bonus: float
    items: int


def totals(
    items: Iterable[Mapping[str, Any]], dimensions: Sequence[Sequence[str]]
) -> tuple[tuple[DimensionTotal, ...], float]:
    """The accepted items' points per dimension (加分项 apart) and the total of the others,
    which should come to 100."""
    titles = {str(d[0]): str(d[1]) for d in dimensions}
    sums: dict[str, list[float]] = {}
    for item in items:
        if item.get("status") != "accepted":
            continue
        entry = sums.setdefault(str(item.get("dimension") or "B"), [0.0, 0.0, 0])
        points = float(item.get("points") or 0)
        if item.get("bonus"):
            entry[1] += points
        else:
            entry[0] += points
        entry[2] += 1
    order = [str(d[0]) for d in dimensions] + sorted(set(sums) - set(titles))
    rows = tuple(
        DimensionTotal(
            d, titles.get(d, d), plain_number(round(sums[d][0], 2)), plain_number(round(sums[d][1], 2)), int(sums[d][2])
        )
        for d in order
        if d in sums
    )
    return rows, plain_number(round(sum(r.points for r in rows), 2))


def default_dimensions() -> list[list[str]]:
    return [[d, title] for d, title in DIMENSIONS]


def audit_value(field: str, value: Any) -> Any:
    """A field's value as the audit log shows it: codes in Chinese words."""
    if field == "kind":
        return KIND_NAMES.get(str(value), value)
    if field == "modality":
        return MODALITY_NAMES.get(str(value), value)
    if field == "comparator":
        return COMPARATORS.get(str(value), value or "")
    if field == "stages":
        return [STAGE_NAMES.get(s, s) for s in value or []]
    if field == "status":
        return STATUS_NAMES.get(str(value), value)
    return value


# Fields recorded under another name in the audit log: ``kind`` and ``method`` mean other
# things there (hidden, and HTTP methods).
AUDIT_KEYS = {"kind": "requirement_kind", "method": "check_method", "points": "item_points", "status": "decision"}
