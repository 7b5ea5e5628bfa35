"""How long PDF reports take: one report warm and cold, its size, and a batch on a pool.

    .venv/bin/python benchmarks/bench_reports.py [--rubric PATH] [--repeat 10]
        [--schools 200] [--workers 2] [--fonts mixed|sans] [--profile] [--no-batch]

Sample schools (``checklist.samples``: every item met at its threshold but about a fifth of
them, which fall short) against the largest rubric in config/rubrics/ (or the one given). Prints:

- warm: the median seconds of ``Renderer.school_pdf`` in a process that has rendered before
  (wall and CPU), with the PDF's pages and size;
- cold: a fresh interpreter that imports, prepares the renderer and renders one report; and the
  whole ``selfcheck report render`` command;
- batch: ``reports.batch.render_batch`` over N schools on W warm workers, and what that means
  for 1,000 schools;
- with --profile, where one warm render spends its time (cProfile, cumulative).

Goal from the issue: at most 0.5 s of CPU per report warm (78-item rubric, one process), 1,000
schools in at most 5 minutes on 2 cores. Every figure is printed as CPU seconds next to wall
seconds: the machine is shared, and CPU time is the steadier of the two. Reports are PDF/A-3u,
as the web and the CLI write them.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from checklist.loader import load_rubric, rubric_files
from checklist.model import Rubric
from checklist.samples import sample_answers, sample_school
from checklist.scoring import score
from checklist.seeds import SeedLibrary
from reports.batch import RenderTask, render_batch, report_filename
from reports.build import build_school_report
from reports.model import ReportMeta, SchoolReport, SchoolSummary

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "tests" / "checklist" / "fixtures" / "sample_rubric.yaml"
SHORTFALL = 0.2  # the share of items a sample school falls short on


def largest_rubric() -> Path:
    files = rubric_files(ROOT / "config" / "rubrics") or [SAMPLE]
    sizes = {}
    for path in files:
        try:
            sizes[path] = len(load_rubric(path).items)
        except Exception:  # a rubric being written by someone else
            continue
    return max(sizes, key=lambda p: sizes[p]) if sizes else SAMPLE


def school_report(rubric: Rubric, seeds: SeedLibrary, index: int) -> SchoolReport:
    name, code, district, profile = sample_school(index)
    answers = sample_answers(rubric, profile, random.Random(index), shortfall=SHORTFALL)
    card = score(rubric, answers, profile)
    return build_school_report(
        rubric,
        card,
        SchoolSummary(name=name, code=code, district=district, profile=profile.describe()),
        ReportMeta(cycle=f"{rubric.year or 2024}年度", bureau=rubric.issuer, date="2024年12月20日"),
        answers=answers,
        profile=profile,
        seeds=seeds,
    )


def pages(pdf: bytes) -> int:
    from pypdf import PdfReader  # a dev dependency

    return len(PdfReader(io.BytesIO(pdf)).pages)


def bench_warm(report: SchoolReport, repeat: int, fonts: str) -> tuple[bytes, float]:
    from reports.render import get_renderer, subsetter_available

    print(f"HarfBuzz subsetter: {'yes' if subsetter_available() else 'NO (6x slower)'}")
    renderer = get_renderer(fonts)
    started = time.perf_counter()
    pdf = renderer.school_pdf(report)
    first = time.perf_counter() - started
    walls, cpus = [], []
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        pdf = renderer.school_pdf(report)
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    html = renderer.school_html(report)
    t = time.perf_counter()
    for _ in range(repeat):
        renderer.school_html(report)
    template = (time.perf_counter() - t) / repeat
    print(
        f"warm ({fonts}): median {statistics.median(walls):.3f} s wall, "
        f"{statistics.median(cpus):.3f} s CPU over {repeat} (min {min(walls):.3f} wall, {min(cpus):.3f} CPU); "
        f"first render in this process {first:.3f} s; Jinja alone {template * 1000:.1f} ms"
    )
    print(f"  {pages(pdf)} pages, {len(pdf) / 1024:.0f} KB PDF, {len(html) / 1024:.0f} KB HTML")
    return pdf, statistics.median(walls)


def bench_cold(rubric_path: Path, index: int, fonts: str) -> None:
    code = f"""
import time
t0 = time.perf_counter()
import sys; sys.path.insert(0, {str(ROOT)!r})
from pathlib import Path
from checklist.loader import load_rubric
from checklist.seeds import SeedLibrary
sys.path.insert(0, {str(ROOT / "benchmarks")!r})
from bench_reports import school_report
from reports.render import get_renderer
t1 = time.perf_counter()
rubric = load_rubric({str(rubric_path)!r})
report = school_report(rubric, SeedLibrary(Path({str(ROOT / "seeds")!r})), {index})
t2 = time.perf_counter()
renderer = get_renderer({fonts!r})
t3 = time.perf_counter()
renderer.school_pdf(report)
t4 = time.perf_counter()
print(f"{{t1 - t0:.2f}} {{t2 - t1:.2f}} {{t3 - t2:.2f}} {{t4 - t3:.2f}} {{t4 - t0:.2f}} {{time.process_time():.2f}}")
"""
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout.split()
    imports, build, setup, first, total, cpu = out
    print(
        f"cold: {total} s wall, {cpu} s CPU in a fresh interpreter (imports {imports} s, rubric + view-model "
        f"{build} s, renderer {setup} s, first render {first} s)"
    )
    with tempfile.TemporaryDirectory() as tmp:
        name, _code, _district, profile = sample_school(index)
        rubric = load_rubric(rubric_path)
        answers = Path(tmp) / "answers.json"
        answers.write_text(json.dumps(sample_answers(rubric, profile, random.Random(index), shortfall=SHORTFALL)))
        profile_file = Path(tmp) / "profile.json"
        profile_file.write_text(json.dumps(profile.to_dict()))
        exe = Path(sys.executable).with_name("selfcheck")
        started = time.perf_counter()
        subprocess.run(
            [
                str(exe),
                "report",
                "render",
                "--rubric",
                str(rubric_path),
                "--answers",
                str(answers),
                "--profile",
                str(profile_file),
                "--school-name",
                name,
                "--fonts",
                fonts,
                "--out",
                str(Path(tmp) / "r.pdf"),
            ],
            check=True,
            capture_output=True,
        )
        print(f"cold: `selfcheck report render` {time.perf_counter() - started:.2f} s end to end")


def bench_profile(report: SchoolReport, fonts: str) -> None:
    from reports.render import get_renderer

    renderer = get_renderer(fonts)
    renderer.school_pdf(report)
    profiler = cProfile.Profile()
    profiler.enable()
    renderer.school_pdf(report)
    profiler.disable()
    stats = pstats.Stats(profiler)
    total = sum(v[3] for k, v in stats.stats.items() if k[2] == "pdf")  # type: ignore[attr-defined]
    wanted = {
        ("tinyhtml5/parser.py", "parse"): "HTML parsing",
        ("css/__init__.py", "get_all_computed_styles"): "CSS cascade (styles)",
        ("formatting_structure/build.py", "build_formatting_structure"): "box tree",
        ("layout/__init__.py", "layout_document"): "layout (all)",
        ("layout/table.py", "table_layout"): "  of which tables",
        ("layout/inline.py", "iter_line_boxes"): "  of which line breaking",
        ("draw/__init__.py", "draw_page"): "drawing",
        ("pdf/fonts.py", "build_fonts_dictionary"): "fonts (subsetting, embedding)",
        ("pdf/__init__.py", "generate_pdf"): "PDF writing (incl. drawing + fonts)",
    }
    print(f"profile of one warm render ({total:.2f} s under cProfile), cumulative:")
    for (suffix, func), label in wanted.items():
        cum = max(
            (v[3] for k, v in stats.stats.items() if k[0].endswith(suffix) and k[2] == func),  # type: ignore[attr-defined]
            default=0.0,
        )
        print(f"  {label:40s} {cum:6.3f} s  {cum / total * 100 if total else 0:5.1f} %")


def bench_batch(rubric: Rubric, seeds: SeedLibrary, schools: int, workers: int, fonts: str) -> None:
    started = time.perf_counter()
    reports = [school_report(rubric, seeds, i) for i in range(schools)]
    built = time.perf_counter() - started
    with tempfile.TemporaryDirectory() as tmp:
        tasks = [
            RenderTask(r.school.code, r, os.path.join(tmp, report_filename(r.school.code, r.school.name)))
            for r in reports
        ]
        marks: list[float] = []
        started = time.perf_counter()
        results = render_batch(
            tasks,
            workers=workers,
            family=fonts,
            progress=lambda done, total, result: marks.append(time.perf_counter()),
        )
        elapsed = time.perf_counter() - started
        size = sum(r.size for r in results)
    failed = [r for r in results if not r.ok]
    per = elapsed / schools
    first = marks[0] - started if marks else 0.0
    steady = (marks[-1] - marks[workers - 1]) / max(len(marks) - workers, 1) if marks else 0.0
    print(
        f"batch: {schools} schools on {workers} workers in {elapsed:.1f} s "
        f"({per:.3f} s/report, {schools / elapsed:.2f} reports/s; {len(failed)} failed); "
        f"view-models {built:.1f} s in the parent"
    )
    cpu = statistics.mean(r.cpu_seconds for r in results if r.ok) if len(failed) < schools else 0
    cpu_total = sum(r.cpu_seconds for r in results if r.ok)
    print(
        f"  first report after {first:.1f} s (worker start), steady {steady:.3f} s/report; "
        f"mean render in a worker {statistics.mean(r.seconds for r in results):.3f} s wall, "
        f"{cpu:.3f} s CPU; {size / schools / 1024:.0f} KB/report"
    )
    print(
        f"  CPU: {cpu_total:.1f} s of rendering in the workers for {elapsed:.1f} s wall "
        f"({cpu_total / elapsed / workers * 100:.0f} % of {workers} cores busy)"
    )
    thousand = (per + built / schools) * 1000
    print(
        f"  → 1,000 schools ≈ {thousand / 60:.1f} min wall on {workers} workers as measured (rendering "
        f"{per * 1000 / 60:.1f} min + view-models {built / schools * 1000 / 60:.1f} min); "
        f"≈ {cpu * 1000 / workers / 60:.1f} min of CPU per core (goal: ≤ 5 min)"
    )
    for r in failed[:5]:
        print(f"  failed {r.key}: {r.error}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rubric", type=Path)
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--schools", type=int, default=200)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--fonts", choices=("mixed", "sans"), default="mixed")
    parser.add_argument("--school", type=int, default=2, help="which sample school to time")
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--no-batch", action="store_true")
    parser.add_argument("--no-cold", action="store_true")
    args = parser.parse_args()

    rubric_path = args.rubric or largest_rubric()
    rubric = load_rubric(rubric_path)
    seeds = SeedLibrary(ROOT / "seeds")
    print(
        f"rubric: {rubric_path.relative_to(ROOT) if rubric_path.is_relative_to(ROOT) else rubric_path} "
        f"({len(rubric.items)} items, {len(rubric.dimensions)} dimensions); "
        f"{os.cpu_count()} CPUs; load {os.getloadavg()[0]:.1f}"
    )
    report = school_report(rubric, seeds, args.school)
    print(
        f"school: {report.school.name}: {report.conclusion.total:g} ({report.conclusion.level}), "
        f"{len(report.problems)} problems, {report.achievement_count} met"
    )
    bench_warm(report, args.repeat, args.fonts)
    if args.profile:
        bench_profile(report, args.fonts)
    if not args.no_cold:
        bench_cold(rubric_path, args.school, args.fonts)
    if not args.no_batch:
        bench_batch(rubric, seeds, args.schools, args.workers, args.fonts)


if __name__ == "__main__":
    main()
