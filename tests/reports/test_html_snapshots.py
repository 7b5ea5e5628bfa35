"""The HTML given to WeasyPrint, compared with stored snapshots.

A change to a template, the stylesheet's class names or the view-model shows up here as a
readable diff. After checking the diff, update the snapshots with

    UPDATE_SNAPSHOTS=1 .venv/bin/pytest tests/reports/test_html_snapshots.py
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

import pytest

from checklist.model import Rubric
from reports.model import RegionReport, SchoolReport
from reports.region import build_region_report
from reports.render import render_region_html, render_school_html
from tests.reports.test_region import META, result

SNAPSHOTS = Path(__file__).parent / "snapshots"


def check_snapshot(name: str, html: str) -> None:
    path = SNAPSHOTS / name
    if os.environ.get("UPDATE_SNAPSHOTS") == "1":
        path.write_text(html, encoding="utf-8")
        return
    if not path.exists():
        pytest.fail(f"no snapshot {path}; create it with UPDATE_SNAPSHOTS=1 and check it in")
    expected = path.read_text(encoding="utf-8")
    if html != expected:
        diff = "".join(
            list(
                difflib.unified_diff(
                    expected.splitlines(keepends=True),
                    html.splitlines(keepends=True),
                    "snapshot",
                    "rendered",
                )
            )[:80]
        )
        pytest.fail(f"{name} differs from its snapshot (UPDATE_SNAPSHOTS=1 to accept):\n{diff}")


@pytest.fixture(scope="module")
def region_report(rubric: Rubric) -> RegionReport:
    schools = [
        result("甲", "东区", "优秀", 95, **{"A1.1": "met", "B1.1": "not_met"}),
        result("乙", "西区", "良好", 85, **{"A1.1": "partial", "B1.1": "met"}),
        result("丙", "西区", "不合格", 70, **{"A1.1": "met", "B1.1": "not_met"}),
    ]
    return build_region_report(rubric, schools, META, region="测试市")


def test_draft_school_report_html(draft_report: SchoolReport) -> None:
    check_snapshot("school_draft.html", render_school_html(draft_report))


def test_finalised_school_report_html(final_report: SchoolReport) -> None:
    check_snapshot("school_final.html", render_school_html(final_report))


def test_region_report_html(region_report: RegionReport) -> None:
    check_snapshot("region.html", render_region_html(region_report))


def test_rendering_is_deterministic(draft_report: SchoolReport) -> None:
    assert render_school_html(draft_report) == render_school_html(draft_report)
