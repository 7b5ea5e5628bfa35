"""Charts as inline SVG whose geometry is computed here (no JavaScript, nothing from a CDN):
bars, stacked bars and columns for the boards."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from webapp.bureau.boards import PROGRESS_STATES, ProgressBoard, ResultsBoard


@dataclass(frozen=True)
class Segment:
    x: float
    width: float
    css: str
    count: float
    label: str


@dataclass(frozen=True)
class BarRow:
    label: str
    title: str  # the full label, for the tooltip
    y: float
    value: float
    value_text: str
    segments: tuple[Segment, ...]
    end: float = 0.0  # where the bar ends (the value text goes after it)
    href: str = ""


@dataclass(frozen=True)
class Tick:
    x: float
    text: str


@dataclass(frozen=True)
class BarChart:
    """Horizontal bars (stacked when a row has several segments)."""

    width: int
    height: int
    label_width: int
    plot_width: int
    rows: tuple[BarRow, ...]
    ticks: tuple[Tick, ...]
    bar_height: int
    legend: tuple[tuple[str, str], ...] = ()  # (css, label)
    top: int = 24


def bar_chart(
    rows: Sequence[tuple[str, Sequence[tuple[float, str, str]], str]],
    *,
    maximum: float | None = None,
    tick_step: float | None = None,
    tick_format: str = "{:g}",
    legend: Sequence[tuple[str, str]] = (),
    label_chars: int = 14,
    width: int = 680,
    label_width: int = 200,
    row_height: int = 30,
    value_space: int = 90,
    hrefs: Sequence[str] = (),
) -> BarChart:
    """``rows``: (label, [(value, css, segment label), …], value text)."""
    totals = [sum(v for v, _, _ in segs) for _, segs, _ in rows]
    top_value = maximum if maximum is not None else max([*totals, 0.0])
    if top_value <= 0:
        top_value = 1.0
    if tick_step is None:
        tick_step = _nice_step(top_value)
    top_value = math.ceil(top_value / tick_step - 1e-9) * tick_step if maximum is None else top_value
    plot_width = width - label_width - value_space
    top = 24
    bar_height = int(row_height * 0.6)
    out_rows = []
    for n, (label, segments, text) in enumerate(rows):
        y = top + n * row_height + (row_height - bar_height) / 2
        x = float(label_width)
        parts = []
        for value, css, seg_label in segments:
            w = plot_width * value / top_value if value > 0 else 0.0
            parts.append(Segment(round(x, 2), round(w, 2), css, value, seg_label))
            x += w
        out_rows.append(
            BarRow(
                label=_clip(label, label_chars),
                title=label,
                y=round(y, 2),
                value=totals[n],
                value_text=text,
                segments=tuple(parts),
                end=round(x, 2),
                href=hrefs[n] if n < len(hrefs) else "",
            )
        )
    ticks = []
    steps = round(top_value / tick_step)
    for k in range(steps + 1):
        value = k * tick_step
        ticks.append(Tick(round(label_width + plot_width * value / top_value, 2), tick_format.format(value)))
    height = top + len(rows) * row_height + 8
    return BarChart(
        width, height, label_width, plot_width, tuple(out_rows), tuple(ticks), bar_height, tuple(legend), top
    )


@dataclass(frozen=True)
class Column:
    x: float
    y: float
    width: float
    height: float
    label: str
    value_text: str
    css: str


@dataclass(frozen=True)
class ColumnChart:
    width: int
    height: int
    baseline: float
    columns: tuple[Column, ...]


def column_chart(values: Sequence[tuple[str, float, str, str]], *, width: int = 460, height: int = 240) -> ColumnChart:
    """Vertical columns: (label, value, value text, css)."""
    top, bottom = 26, 36
    plot = height - top - bottom
    biggest = max([v for _, v, _, _ in values] + [1.0])
    slot = (width - 20) / max(len(values), 1)
    col_w = min(70.0, slot * 0.6)
    columns = []
    for n, (label, value, text, css) in enumerate(values):
        h = plot * value / biggest if value > 0 else 0.0
        x = 10 + n * slot + (slot - col_w) / 2
        columns.append(Column(round(x, 2), round(top + plot - h, 2), round(col_w, 2), round(h, 2), label, text, css))
    return ColumnChart(width, height, top + plot, tuple(columns))


def _nice_step(maximum: float) -> float:
    raw = maximum / 5
    magnitude = 10 ** math.floor(math.log10(raw)) if raw > 0 else 1
    for factor in (1, 2, 5, 10):
        if raw <= factor * magnitude:
            return float(max(factor * magnitude, 1))
    return float(10 * magnitude)


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def progress_chart(board: ProgressBoard, hrefs: Sequence[str] = ()) -> BarChart:
    rows = [
        (
            row.name,
            [(row.counts[key], f"p-{key}", label) for key, label in PROGRESS_STATES],
            f"{row.total}所",
        )
        for row in board.districts
    ]
    return bar_chart(
        rows,
        legend=[(f"p-{key}", label) for key, label in PROGRESS_STATES],
        width=470,
        label_width=96,
        label_chars=7,
        value_space=50,
        row_height=34,
        hrefs=hrefs,
    )


def level_chart(board: ResultsBoard) -> ColumnChart:
    return column_chart([(name, count, f"{count}所", f"lvl-{n}") for n, (name, count) in enumerate(board.levels)])


def dimension_chart(board: ResultsBoard) -> BarChart:
    rows = [
        (f"{dim_id} {title}", [(avg or 0.0, "bar-main", "平均得分率")], "—" if avg is None else f"{avg:.1f}%")
        for dim_id, title, avg, _ in board.dimensions
    ]
    return bar_chart(
        rows,
        maximum=100,
        tick_step=20,
        tick_format="{:g}%",
        width=470,
        label_width=140,
        label_chars=9,
        value_space=52,
        row_height=28,
    )


def shortfall_chart(board: ResultsBoard) -> BarChart:
    rows = [
        (
            f"{s.item_id} {s.title}",
            [(s.not_met, "bar-bad", "未达标"), (s.partial, "bar-warn", "部分达标")],
            f"{s.not_met}所未达标" + (f"，{s.partial}所部分达标" if s.partial else ""),
        )
        for s in board.shortfalls
    ]
    return bar_chart(
        rows,
        legend=[("bar-bad", "未达标"), ("bar-warn", "部分达标")],
        width=1100,
        label_width=380,
        label_chars=28,
        value_space=170,
        row_height=28,
    )


def district_chart(board: ResultsBoard) -> BarChart:
    rows = [(name, [(avg, "bar-main", "平均分")], f"{avg:.2f}（{n}所）") for name, avg, n in board.districts]
    return bar_chart(
        rows,
        maximum=100,
        tick_step=10,
        width=1100,
        label_width=160,
        label_chars=10,
        value_space=110,
        row_height=30,
    )
