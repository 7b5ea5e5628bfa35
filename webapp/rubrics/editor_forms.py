"""The draft editor's item form: filled from a draft item, read back into the changes it
asks for (every problem put beside its field), and its fields as a person reads them (the
conflict page shows the officer's and the saved item side by side)."""

from __future__ import annotations

from typing import Any

from flask import abort

from checklist.extract.candidates import one_in
from checklist.extract.lexicon import KIND_NAMES, MODALITY_NAMES
from checklist.model import STAGE_NAMES
from webapp.rubrics import editor
from webapp.rubrics.forms import ItemForm, read_points, read_threshold_field, threshold_text


def with_choices(form: ItemForm, dimensions: list[list[str]]) -> ItemForm:
    """The form with its choices: kinds, comparators, periods, stages, modalities and the
    draft's 一级指标 (``dimensions``: [id, title] pairs)."""
    form.kind.choices = [(k, KIND_NAMES[k]) for k in editor.ITEM_KINDS]
    form.comparator.choices = list(editor.COMPARATORS.items())
    form.period.choices = [("", "不限")] + [(p, f"每{p}") for p in editor.PERIODS]
    form.stages.choices = list(STAGE_NAMES.items())
    form.modality.choices = list(MODALITY_NAMES.items())
    form.dimension.choices = [(d[0], f"{d[0]} {d[1]}") for d in dimensions]
    return form


def item_form(item: dict[str, Any], dimensions: list[list[str]]) -> ItemForm:
    """The form of a draft item as it is saved (a staffing ratio written as the plan writes it)."""
    form = with_choices(ItemForm(formdata=None), dimensions)
    form.rev.data = str(item.get("rev", 1))
    form.full.data = "1"
    form.title.data = item.get("title") or ""
    form.kind.data = item.get("kind") if item.get("kind") in editor.ITEM_KINDS else "existence"
    form.comparator.data = item.get("comparator") if item.get("comparator") in editor.COMPARATORS else "at_least"
    if item.get("kind") == "deadline" and item.get("comparator") == "equal":
        form.comparator.data = "equal"  # a time of the day the plan fixes: 8:30开始
    form.value.data = threshold_text(item.get("value"), item.get("unit"))
    if item.get("found_by") == "ratio" and item.get("value"):
        form.value.data = one_in(float(item["value"]))  # a staffing ratio, as the plan writes it: 1:19
    form.value_max.data = threshold_text(item.get("value_max"), item.get("unit"))
    form.unit.data = "%" if item.get("unit") == "比例" else (item.get("unit") or "")
    form.period.data = item.get("period") or ""
    form.stages.data = list(item.get("stages") or [])
    form.modality.data = item.get("modality") or "must"
    form.points.data = f"{float(item.get('points') or 0):g}"
    form.evidence.data = "\n".join(item.get("evidence") or [])
    form.method.data = item.get("method") or ""
    form.advice.data = item.get("advice") or ""
    form.dimension.data = item.get("dimension") or "B"
    form.indicator.data = item.get("indicator") or ""
    form.veto.data = bool(item.get("veto"))
    form.bonus.data = bool(item.get("bonus"))
    return form


def read_item_form(form: ItemForm, dimensions: list[list[str]], decision: str | None) -> dict[str, Any] | None:
    """The changes an item form asks for (``decision``: the button pressed, if any), or None
    with the errors put beside the fields."""
    changes: dict[str, Any] = {}
    if decision is not None:
        if decision not in editor.STATUSES:
            abort(400)
        changes["status"] = decision
    if form.full.data != "1":
        return changes
    if form.kind.data not in editor.ITEM_KINDS:
        form.kind.errors = ["请选择要求类型"]
    if form.modality.data not in MODALITY_NAMES:
        form.modality.errors = ["请选择约束"]
    if form.dimension.data not in [d[0] for d in dimensions]:
        form.dimension.errors = ["请选择一级指标"]
    stages = [s for s in form.stages.data or [] if s in STAGE_NAMES]
    kind = form.kind.data
    # a time of the school day is a threshold too: a time typed 8:20, compared 不早于/不晚于
    quantitative = kind in editor.QUANTITATIVE or kind == "deadline"
    unit = (form.unit.data or "").strip() or None
    if kind == "deadline":
        unit = "时刻"  # 不早于, 不晚于, 等于 a time, or 介于 two: a window of the day (8:30—17:30)
    if kind in ("ratio", "coverage") or unit == "%":
        unit = "比例"
    comparator = form.comparator.data if form.comparator.data in editor.COMPARATORS else "at_least"
    if kind == "deadline" and form.comparator.data == "equal":
        comparator = "equal"
    value = value_max = None
    if quantitative:
        missing = "时刻须填写，如 8:20" if kind == "deadline" else "数量类要求须填写阈值"
        value = read_threshold_field(form.value, unit, missing)
        if comparator == "between":
            value_max = read_threshold_field(form.value_max, unit, "“介于”须填写上限")
            if value is not None and value_max is not None and value_max < value:
                form.value_max.errors = ["上限不能小于下限"]
    try:
        points = read_points(form.points.data or "")
    except ValueError as exc:
        form.points.errors = [str(exc)]
        points = 0.0
    if form.veto.data and form.bonus.data:
        form.bonus.errors = ["一票否决项不能同时是加分项"]
    if any(f.errors for f in form):
        return None
    changes.update(
        title=(form.title.data or "").strip(),
        kind=kind,
        comparator=comparator if quantitative else None,
        value=value,
        value_max=value_max,
        unit=unit if quantitative else None,
        period=(form.period.data or None) if kind in ("duration", "frequency") else None,
        stages=stages,
        modality=form.modality.data,
        points=int(points) if points.is_integer() else points,
        evidence=[line.strip() for line in (form.evidence.data or "").splitlines() if line.strip()],
        method=(form.method.data or "").strip(),
        advice=(form.advice.data or "").strip(),
        dimension=form.dimension.data,
        indicator=(form.indicator.data or "").strip(),
        veto=bool(form.veto.data),
        bonus=bool(form.bonus.data),
    )
    return changes


def field_text(field: Any) -> str:
    """A field's value as a person reads it (a choice by its label, yes/no in words)."""
    if field.type == "SelectField":
        return str(dict(field.choices).get(field.data, field.data or ""))
    if field.type == "SelectMultipleField":
        labels = dict(field.choices)
        return "、".join(str(labels.get(v, v)) for v in field.data or [])
    if field.type == "BooleanField":
        return "是" if field.data else "否"
    if field.type == "TextAreaField":
        return "、".join(line.strip() for line in str(field.data or "").splitlines() if line.strip())
    return str(field.data or "").strip()
