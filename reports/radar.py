"""The radar chart of the dimension percentages, laid out in Python.

Only coordinates are computed here; the template draws them as inline SVG, so labels go
through the template's autoescaping like any other text. Cheap (no plotting library) and
exact: a spoke of 100 % ends on the outer ring.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from checklist.scoring import format_number
from reports.model import RadarAxis, RadarChart, RadarSeries

WIDTH = 420.0
HEIGHT = 300.0
RADIUS = 105.0
RING_STEPS = (20, 40, 60, 80, 100)


def radar_chart(
    labels: Sequence[str],
    series: Sequence[tuple[str, str, Sequence[float | None]]],
) -> RadarChart | None:
    """Lay out a radar chart.

    ``labels`` names the spokes (一级指标); ``series`` holds (name, css class, percents) with
    one percent (0–100, or None for 不适用, drawn at the centre) per spoke. A radar needs at
    least three spokes; with fewer, None (the dimension table says it all).
    """
    n = len(labels)
    if n < 3 or not series:
        return None
    cx, cy = WIDTH / 2, HEIGHT / 2 + 4

    def point(index: int, fraction: float) -> tuple[float, float]:
        angle = -math.pi / 2 + 2 * math.pi * index / n
        return (
            round(cx + RADIUS * fraction * math.cos(angle), 1),
            round(cy + RADIUS * fraction * math.sin(angle), 1),
        )

    def polygon(points: Sequence[tuple[float, float]]) -> str:
        return " ".join(f"{x:g},{y:g}" for x, y in points)

    rings = tuple(polygon([point(i, step / 100) for i in range(n)]) for step in RING_STEPS)
    ring_labels = tuple((cx + 3, round(cy - RADIUS * step / 100 + 3, 1), f"{step}") for step in RING_STEPS)
    first = series[-1][2]
    axes: list[RadarAxis] = []
    for i, label in enumerate(labels):
        x, y = point(i, 1.0)
        lx, ly = point(i, 1.13)
        dx = lx - cx
        anchor = "middle" if abs(dx) < 8 else ("start" if dx > 0 else "end")
        if ly < cy - RADIUS * 0.9:
            ly -= 8  # the top label sits above its spoke
        elif ly > cy + RADIUS * 0.9:
            ly += 6
        value = first[i] if i < len(first) else None
        value_text = "—" if value is None else f"{format_number(value)}%"
        axes.append(
            RadarAxis(
                label=label,
                value_text=value_text,
                x=x,
                y=y,
                label_x=round(lx, 1),
                label_y=round(ly, 1),
                anchor=anchor,
            )
        )
    drawn: list[RadarSeries] = []
    for name, css_class, values in series:
        pts = [point(i, max(0.0, min(1.0, (values[i] or 0.0) / 100)) if i < len(values) else 0.0) for i in range(n)]
        drawn.append(RadarSeries(name=name, points=polygon(pts), dots=tuple(pts), css_class=css_class))
    return RadarChart(
        width=WIDTH,
        height=HEIGHT,
        cx=cx,
        cy=cy,
        rings=rings,
        ring_labels=ring_labels,
        axes=tuple(axes),
        series=tuple(drawn),
    )
