"""Rendering many reports in a pool of warm worker processes.

The engine behind ``selfcheck report batch``: the caller (the web side, from its database)
builds one :class:`RenderTask` per report — a finished view-model and the file to write — and
:func:`render_batch` renders them in ``workers`` processes. Each worker parses the stylesheet
and sets up fonts once (:func:`reports.render.get_renderer`) and renders a warm-up page, then
renders tasks until it is recycled after ``recycle_after`` tasks (WeasyPrint's memory grows
slowly over a long run). A task that raises or runs past ``timeout`` seconds yields a failed
:class:`RenderResult`; the others go on. ``progress(done, total, result)`` is called in the
parent as each report finishes.
"""

from __future__ import annotations

import multiprocessing
import os
import re
import signal
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from types import FrameType

from reports.model import RegionReport, SchoolReport

RECYCLE_AFTER = 50
DEFAULT_TIMEOUT = 120.0

Progress = Callable[[int, int, "RenderResult"], None]


@dataclass(frozen=True)
class RenderTask:
    """One report to render: a key for the caller (assessment id, school code), the
    view-model, and the path of the PDF to write. A task whose view-model could not be built
    (figures that cannot be true) carries ``error`` instead: it fails alone, with that message,
    and nothing is written."""

    key: str
    report: SchoolReport | RegionReport | None
    out: str
    error: str = ""


@dataclass(frozen=True)
class RenderResult:
    key: str
    out: str
    ok: bool
    seconds: float
    size: int = 0
    error: str = ""
    worker: int = 0  # the worker's process id
    cpu_seconds: float = 0.0  # CPU time of the render (wall time suffers on a shared machine)


def report_filename(code: str, name: str, suffix: str = ".pdf") -> str:
    """A file name for a school's report: 2108000001_营口市实验学校.pdf. Chinese is kept; path
    separators, control characters and characters Windows refuses are replaced."""
    stem = "_".join(part for part in (code.strip(), name.strip()) if part) or "report"
    stem = re.sub(r'[\x00-\x1f\x7f/\\:*?"<>|]+', "_", stem).strip(" ._")
    return (stem[:120] or "report") + suffix


def render_one(task: RenderTask, family: str = "mixed") -> RenderResult:
    """Render one task in this process (used by the workers, and inline when workers=0)."""
    from reports.render import get_renderer

    started, cpu = time.perf_counter(), time.process_time()
    out = Path(task.out)
    partial = out.with_name(out.name + ".part")
    if task.report is None:
        return RenderResult(key=task.key, out=task.out, ok=False, seconds=0.0, error=task.error or "没有报告内容")
    try:
        renderer = get_renderer(family)
        if isinstance(task.report, SchoolReport):
            pdf = renderer.school_pdf(task.report)
        else:
            pdf = renderer.region_pdf(task.report)
        out.parent.mkdir(parents=True, exist_ok=True)
        partial.write_bytes(pdf)
        partial.replace(out)  # a reader never sees half a file
    except Exception as exc:  # one bad report must not stop the batch
        partial.unlink(missing_ok=True)
        exc = _timeout_within(exc) or exc
        return RenderResult(
            key=task.key,
            out=task.out,
            ok=False,
            seconds=time.perf_counter() - started,
            error=f"{type(exc).__name__}: {exc}",
            worker=os.getpid(),
        )
    return RenderResult(
        key=task.key,
        out=task.out,
        ok=True,
        seconds=time.perf_counter() - started,
        size=len(pdf),
        worker=os.getpid(),
        cpu_seconds=time.process_time() - cpu,
    )


# ---------------------------------------------------------------------------------------------
# Workers

_timeout: float | None = None
_family = "mixed"


def _on_alarm(signum: int, frame: FrameType | None) -> None:
    raise TimeoutError(f"渲染超过 {_timeout:g} 秒，已中止")


def _timeout_within(exc: BaseException) -> TimeoutError | None:
    """The alarm's TimeoutError when a library caught it and raised its own error from it
    (Jinja's lexer turns any exception met while compiling a template into a
    TemplateSyntaxError): the report ran out of time, whatever was raised last."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        if isinstance(current, TimeoutError):
            return current
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return None


def _init_worker(timeout: float | None, memory_limit_mb: int | None, family: str) -> None:
    """Prepare a worker: limits, then the renderer (CSS parsed, fonts loaded) and a warm-up."""
    global _timeout, _family
    _timeout = timeout
    _family = family
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C
    if memory_limit_mb:
        import resource

        limit = memory_limit_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    if timeout:
        signal.signal(signal.SIGALRM, _on_alarm)
    from reports.render import get_renderer

    renderer = get_renderer(family)
    renderer.pdf('<p class="sans">预热 warm-up</p><p>预热</p>')


def _work(task: RenderTask) -> RenderResult:
    if _timeout:
        signal.setitimer(signal.ITIMER_REAL, _timeout)
    try:
        return render_one(task, _family)
    finally:
        if _timeout:
            signal.setitimer(signal.ITIMER_REAL, 0)


def _failed(task: RenderTask, exc: BaseException) -> RenderResult:
    return RenderResult(key=task.key, out=task.out, ok=False, seconds=0.0, error=f"{type(exc).__name__}: {exc}")


def render_batch(
    tasks: Iterable[RenderTask],
    workers: int = 2,
    *,
    progress: Progress | None = None,
    recycle_after: int = RECYCLE_AFTER,
    timeout: float | None = DEFAULT_TIMEOUT,
    memory_limit_mb: int | None = None,
    total: int | None = None,
    family: str = "mixed",
) -> list[RenderResult]:
    """Render every task; returns one result per task, in the order of ``tasks``.

    ``workers=0`` renders in this process (tests, tiny batches). ``total`` is only for the
    progress callback when ``tasks`` is a generator. At most ``4 × workers`` tasks are in
    flight, so a generator of tasks is consumed as the pool goes. ``family`` is the font
    choice of :class:`reports.render.Renderer` ("mixed" or "sans"). ``memory_limit_mb`` caps
    each worker's address space (RLIMIT_AS); a worker over it dies and its tasks fail.
    """
    if workers <= 0:
        task_list = list(tasks)
        count = total or len(task_list)
        results = []
        for done, task in enumerate(task_list, start=1):
            result = render_one(task, family)
            results.append(result)
            if progress:
                progress(done, count, result)
        return results
    if total is None and isinstance(tasks, Sequence):
        total = len(tasks)
    count = total or 0
    by_index: dict[int, RenderResult] = {}
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(
        max_workers=workers,
        mp_context=context,
        initializer=_init_worker,
        initargs=(timeout, memory_limit_mb, family),
        max_tasks_per_child=max(1, recycle_after),
    ) as pool:
        pending: dict[Future[RenderResult], tuple[int, RenderTask]] = {}
        source: Iterator[tuple[int, RenderTask]] = iter(enumerate(tasks))
        done = 0

        def record(index: int, result: RenderResult) -> None:
            nonlocal done
            by_index[index] = result
            done += 1
            if progress:
                progress(done, max(count, done), result)

        def top_up() -> None:
            while len(pending) < workers * 4:
                nxt = next(source, None)
                if nxt is None:
                    return
                try:
                    pending[pool.submit(_work, nxt[1])] = nxt
                except BrokenProcessPool as exc:  # a worker died: the pool takes no more
                    record(nxt[0], _failed(nxt[1], exc))

        top_up()
        while pending:
            finished, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in finished:
                index, task = pending.pop(future)
                try:
                    result = future.result()
                except Exception as exc:  # the worker died (memory limit, crash)
                    result = _failed(task, exc)
                record(index, result)
            top_up()
    return [by_index[i] for i in sorted(by_index)]
