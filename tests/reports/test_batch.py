"""The batch engine: many reports, per-report results and errors, progress, warm workers."""

from __future__ import annotations

from pathlib import Path

import pytest

from reports.batch import RenderResult, RenderTask, render_batch, render_one, report_filename
from reports.model import SchoolReport


def test_report_filename_keeps_chinese_and_drops_path_tricks() -> None:
    assert report_filename("2108000001", "营口市实验学校") == "2108000001_营口市实验学校.pdf"
    assert report_filename("", "../../etc/passwd") == "etc_passwd.pdf"
    assert report_filename("1", 'a/b\\c:d*e?"f<g>h|i\x00') == "1_a_b_c_d_e_f_g_h_i.pdf"
    assert report_filename("", "") == "report.pdf"


def test_inline_batch_reports_each_result_and_goes_on_after_a_failure(
    draft_report: SchoolReport, tmp_path: Path
) -> None:
    (tmp_path / "blocked.pdf").mkdir()  # a directory where the PDF should go: writing fails
    tasks = [
        RenderTask("a", draft_report, str(tmp_path / "a.pdf")),
        RenderTask("bad", draft_report, str(tmp_path / "blocked.pdf")),
        RenderTask("b", draft_report, str(tmp_path / "sub" / "b.pdf")),
    ]
    seen: list[tuple[int, int, str]] = []

    def progress(done: int, total: int, result: RenderResult) -> None:
        seen.append((done, total, result.key))

    results = render_batch(tasks, workers=0, progress=progress)
    assert [(r.key, r.ok) for r in results] == [("a", True), ("bad", False), ("b", True)]
    assert "IsADirectoryError" in results[1].error
    assert seen == [(1, 3, "a"), (2, 3, "bad"), (3, 3, "b")]
    assert (tmp_path / "sub" / "b.pdf").read_bytes()[:5] == b"%PDF-"
    assert results[0].size == (tmp_path / "a.pdf").stat().st_size
    assert not list(tmp_path.glob("**/*.part"))


@pytest.mark.slow
def test_pool_renders_in_parallel_with_recycled_workers(draft_report: SchoolReport, tmp_path: Path) -> None:
    tasks = [RenderTask(str(i), draft_report, str(tmp_path / f"{i}.pdf")) for i in range(3)]
    done: list[int] = []
    results = render_batch(
        iter(tasks),
        workers=2,
        recycle_after=2,
        total=3,
        progress=lambda n, total, result: done.append(n),
    )
    assert [r.key for r in results] == ["0", "1", "2"]
    assert all(r.ok for r in results), [r.error for r in results]
    assert done == [1, 2, 3]
    assert all((tmp_path / f"{i}.pdf").read_bytes()[:5] == b"%PDF-" for i in range(3))
    assert all(r.worker for r in results)


@pytest.mark.slow
def test_a_report_past_its_timeout_fails_alone(draft_report: SchoolReport, tmp_path: Path) -> None:
    results = render_batch([RenderTask("slow", draft_report, str(tmp_path / "slow.pdf"))], workers=1, timeout=0.01)
    assert not results[0].ok
    assert "TimeoutError" in results[0].error
    assert not (tmp_path / "slow.pdf").exists()


def test_a_timeout_caught_and_wrapped_by_a_library_is_still_reported_as_the_timeout(
    draft_report: SchoolReport, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Jinja's lexer turns any exception met while compiling a template (the worker's alarm
    # among them) into a TemplateSyntaxError; the result must still say the report timed out.
    from jinja2 import TemplateSyntaxError

    import reports.render

    class Interrupted:
        def school_pdf(self, report: SchoolReport) -> bytes:
            try:
                raise TimeoutError("渲染超过 0.01 秒，已中止")
            except Exception as exc:
                raise TemplateSyntaxError(str(exc), 1) from exc

    monkeypatch.setattr(reports.render, "get_renderer", lambda family: Interrupted())
    result = render_one(RenderTask("slow", draft_report, str(tmp_path / "slow.pdf")))
    assert not result.ok
    assert result.error == "TimeoutError: 渲染超过 0.01 秒，已中止"
    assert not (tmp_path / "slow.pdf").exists()


@pytest.mark.slow
def test_a_dead_pool_fails_every_task_instead_of_raising(draft_report: SchoolReport, tmp_path: Path) -> None:
    tasks = [RenderTask(str(i), draft_report, str(tmp_path / f"{i}.pdf")) for i in range(12)]
    # 60 MB of address space is too little to load WeasyPrint: the workers die at start.
    results = render_batch(tasks, workers=2, memory_limit_mb=60)
    assert [r.key for r in results] == [str(i) for i in range(12)]
    assert not any(r.ok for r in results)
    assert all("BrokenProcessPool" in r.error for r in results)


def test_a_task_without_a_report_fails_alone_with_its_message(tmp_path: Path) -> None:
    out = tmp_path / "x.pdf"
    [result] = render_batch([RenderTask("7", None, str(out), error="填报项 a：不能小于0人")], workers=0)
    assert not result.ok and result.error == "填报项 a：不能小于0人"
    assert not out.exists()
