"""The progress board and the results board: the figures, the charts (inline SVG computed in
Python), and pages that keep to the Content-Security-Policy (no inline style or script)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from flask import Flask

from webapp.bureau import boards, charts

ADMIN_PAGES = [
    "/admin/",
    "/admin/results",
    "/admin/results?basis=self",
    "/admin/results?basis=verified",
    "/admin/cycles/",
    "/admin/cycles/1",
    "/admin/schools/",
    "/admin/schools/1",
    "/admin/users/",
    "/admin/assignments/",
    "/admin/rubrics/",
    "/admin/rubrics/1",
    "/admin/drafts/004_d9e5581cac34f553.txt",
    "/admin/drafts/004_d9e5581cac34f553.txt/rubric",
    "/admin/audit/",
]


@pytest.mark.parametrize("url", ADMIN_PAGES)
def test_admin_pages_keep_to_the_content_security_policy(as_user: Any, url: str) -> None:
    response = as_user("admin").get(url)
    assert response.status_code == 200
    html = response.data.decode()
    assert not re.search(r"\sstyle\s*=", html), "inline style attributes are blocked by the CSP"
    assert not re.search(r"<style[\s>]", html)
    scripts = re.findall(r"<script[^>]*>", html)
    assert scripts == ['<script src="/static/app.js" defer>']
    assert re.search(r"\son[a-z]+\s*=", html) is None, "inline event handlers are blocked by the CSP"
    assert "bureau.css" in html


def test_the_progress_board_counts_each_state_per_district(app: Flask, world: Any, as_user: Any) -> None:
    with app.test_request_context():
        from webapp.assessments import current_cycle
        from webapp.settings import local_today

        board = boards.progress_board(current_cycle(), None, local_today())
        by_name = {row.name: row.counts for row in board.districts}
        assert by_name["东区"]["draft"] == 1 and by_name["西区"]["submitted"] == 1
        assert board.totals.total == 2 and board.totals.counts["not_started"] == 0
    page = as_user("admin").get("/admin/").data.decode()
    assert "<svg" in page and 'aria-label="各区县自评进度"' in page
    assert page.count('class="p-draft"') >= 1 and page.count('class="p-submitted"') >= 1
    only_submitted = as_user("admin").get("/admin/?state=submitted").data.decode()
    assert "西区第二中学" in only_submitted and "东区第一小学</a>" not in only_submitted


def test_the_results_board_levels_dimensions_shortfalls_and_ranking(app: Flask, world: Any, as_user: Any) -> None:
    with app.test_request_context():
        from webapp.assessments import current_cycle

        board = boards.results_board(current_cycle(), None, "final")
        assert [r.assessment.school.code for r in board.schools] == ["B001"]  # A is still a draft
        assert board.not_counted == 1
        assert sum(n for _, n in board.levels) == 1
        assert board.dimensions and all(avg is None or 0 <= avg <= 100 for _, _, avg, _ in board.dimensions)
        assert board.schools[0].rank == 1 and board.average == board.schools[0].percent
        verified = boards.results_board(current_cycle(), None, "verified")
        assert verified.schools == [] and verified.not_counted == 2
    page = as_user("admin").get("/admin/results").data.decode()
    for label in ("等级分布", "各一级指标平均得分率", "学校排名"):
        assert label in page
    assert page.count("<svg") >= 3
    empty = as_user("admin").get("/admin/results?basis=verified").data.decode()
    assert "暂无可统计的学校" in empty
    assert as_user("admin").get("/admin/results?basis=<script>").status_code == 200  # falls back to the default


def test_the_board_and_the_region_summary_count_the_same(app: Flask, world: Any) -> None:
    """One computation for each number: the board's ranking, levels, dimension averages and
    most common problems are those of the region summary's view-model, school for school."""
    from webapp.assessments import current_cycle
    from webapp.documents.report_data import region_report_for

    with app.test_request_context():
        cycle = current_cycle()
        board = boards.results_board(cycle, None, "final")
        report = region_report_for(cycle, None)
    assert [(r.assessment.school.code, r.rank, r.percent, r.level) for r in board.schools] == [
        (row.code, row.rank, row.total, row.level) for row in report.ranking
    ]
    assert board.levels == [(c.level, c.count) for c in report.level_counts]
    assert board.average == report.average
    assert [(d[0], d[2]) for d in board.dimensions] == [(d.id, d.average) for d in report.dimensions]
    assert [s.item_id for s in board.shortfalls] == [c.item_id for c in report.common_problems][: len(board.shortfalls)]


def test_bar_chart_geometry() -> None:
    chart = charts.bar_chart(
        [("甲", [(3, "a", "x"), (1, "b", "y")], "4"), ("乙", [(0, "a", "x"), (2, "b", "y")], "2")],
        width=500,
        label_width=100,
        value_space=50,
    )
    plot = 500 - 100 - 50
    first, second = chart.rows
    assert chart.ticks[0].x == 100 and chart.ticks[-1].x == pytest.approx(100 + plot)
    assert first.segments[0].width == pytest.approx(plot * 3 / 4)
    assert first.end == pytest.approx(100 + plot)
    assert second.segments[0].width == 0 and second.segments[1].x == 100
    assert second.end == pytest.approx(100 + plot / 2)
    long = charts.bar_chart([("一个非常非常长的评估要点名称需要截断", [(1, "a", "x")], "1")], label_chars=6)
    assert long.rows[0].label == "一个非常非…" and long.rows[0].title == "一个非常非常长的评估要点名称需要截断"


def test_a_school_named_like_markup_is_escaped_in_the_charts(app: Flask, world: Any, as_user: Any) -> None:
    from webapp.extensions import db
    from webapp.models import District

    with app.app_context():
        district = db.session.get(District, 1)
        district.name = '<tspan onload="x">东区</tspan>'
        db.session.commit()
    page = as_user("admin").get("/admin/").data.decode()
    assert "<tspan" not in page and "&lt;tspan" in page


def test_a_new_cycle_does_not_hide_the_unfinished_work_of_the_last(app: Flask, world: Any, as_user: Any) -> None:
    """After 结束本轮评估 and a new cycle, 总览 shows the new one and says, per earlier cycle,
    how many self-assessments are still submitted, under review or returned — to those who
    may see those schools only."""
    from webapp.bureau import operations
    from webapp.extensions import db
    from webapp.models import Cycle, User

    with app.app_context():
        admin = db.session.get(User, world["admin"])
        old = db.session.get(Cycle, world["cycle"])
        operations.close_cycle(old.id, admin)
        operations.open_cycle("2025年度测试评估", 2025, old.rubric_record_id, None, [world["school_a_id"]], admin)
    page = as_user("admin").get("/admin/").data.decode()
    assert "2025年度测试评估" in page
    assert "2024年度测试评估还有 1 份自评未完成（已提交1份）" in page
    assert f'href="/admin/?cycle={world["cycle"]}"' in page
    assert "2024年度测试评估还有" in as_user("district_west").get("/admin/").data.decode()  # 西区第二中学 is west's
    assert "2024年度测试评估还有" not in as_user("district_east").get("/admin/").data.decode()
    shown_old = as_user("admin").get(f"/admin/?cycle={world['cycle']}").data.decode()
    assert "2024年度测试评估还有" not in shown_old  # the cycle shown is not listed as elsewhere
