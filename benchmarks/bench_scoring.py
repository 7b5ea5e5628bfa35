"""How long scoring takes against the largest shipped rubric, each figure next to its goal.

    .venv/bin/python benchmarks/bench_scoring.py [--schools 20000] [--pages 1000]
        [--repeat 3] [--check 200] [--rubric PATH]

Sample schools from ``checklist.samples`` (random stages and flags, about 30 % of the items
falling short, about 5 % of the figures left blank) against the largest rubric in
config/rubrics/ (or the one given). The one engine (``checklist.engine``) is timed in its two
uses, on one core (BLAS limited to one thread), in wall time and in CPU time
(``time.process_time``):

- one school with explanations, ``checklist.scoring.score``, as a page shows a card: the mean
  over --pages schools, and the median and 95th percentile of single calls;
  goal: under 2 ms per school;
- the figures of many schools, ``checklist.batch.score_many`` over --schools schools in one
  call: best and median of --repeat runs; goal: 20,000 schools under 0.5 s.

Before timing, ``score_many`` is compared with ``score`` school by school on --check schools
(the same code path; a guard against rows of a batch mixing up).
"""

# ruff: noqa: E402  (the BLAS thread count is set before numpy is imported)
from __future__ import annotations

import argparse
import os
import random
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

for _name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_name, "1")  # one core

from checklist.batch import score_many
from checklist.loader import load_rubric, rubric_files
from checklist.model import STAGE_NAMES, Rubric, SchoolProfile
from checklist.samples import sample_answers
from checklist.scoring import score

ROOT = Path(__file__).resolve().parents[1]

GOAL_PAGE_MS = 2.0  # one school with explanations
GOAL_BATCH_SECONDS = 0.5  # 20,000 schools' figures
GOAL_BATCH_SCHOOLS = 20_000


def largest_rubric() -> Path:
    fallback = ROOT / "tests" / "checklist" / "fixtures" / "sample_rubric.yaml"
    files = rubric_files(ROOT / "config" / "rubrics") or [fallback]
    return max(files, key=lambda p: len(load_rubric(p).items))


def sample_schools(rubric: Rubric, count: int, rng: random.Random) -> list[tuple[dict[str, Any], SchoolProfile]]:
    schools = []
    for _ in range(count):
        stages = tuple(rng.sample(sorted(STAGE_NAMES), rng.choice([1, 1, 1, 2])))
        profile = SchoolProfile(stages, rng.random() < 0.85, rng.random() < 0.3, rng.random() < 0.8)
        schools.append((sample_answers(rubric, profile, rng, shortfall=0.3, blank=0.05), profile))
    return schools


def timed(run: Callable[[], object]) -> tuple[float, float]:
    """Wall and CPU seconds of one run."""
    wall, cpu = time.perf_counter(), time.process_time()
    run()
    return time.perf_counter() - wall, time.process_time() - cpu


def verdict(value: float, goal: float) -> str:
    return "reached" if value < goal else "NOT reached"


def check_agreement(rubric: Rubric, schools: list[tuple[dict[str, Any], SchoolProfile]]) -> None:
    batch = score_many(rubric, [a for a, _ in schools], [p for _, p in schools])
    for i, (answers, profile) in enumerate(schools):
        card, row = score(rubric, answers, profile), batch.card(i)
        same = [(r.status, r.earned, r.possible) for r in card.items] == [
            (r.status, r.earned, r.possible) for r in row.items
        ] and (card.total_percent, card.level, card.veto_failed, card.dimensions) == (
            row.total_percent,
            row.level,
            row.veto_failed,
            row.dimensions,
        )
        if not same:
            raise SystemExit(f"score_many disagrees with score() on school {i}")


def bench_pages(rubric: Rubric, schools: list[tuple[dict[str, Any], SchoolProfile]]) -> None:
    for answers, profile in schools[:50]:  # warm: the rubric compiled, every profile seen once
        score(rubric, answers, profile)
    walls = []
    total_wall, total_cpu = time.perf_counter(), time.process_time()
    for answers, profile in schools:
        start = time.perf_counter()
        score(rubric, answers, profile)
        walls.append(time.perf_counter() - start)
    total_wall, total_cpu = time.perf_counter() - total_wall, time.process_time() - total_cpu
    count = len(schools)
    mean_wall, mean_cpu = total_wall / count * 1e3, total_cpu / count * 1e3
    p95 = statistics.quantiles(walls, n=20)[-1] * 1e3 if count > 1 else walls[0] * 1e3
    print(
        f"one school with explanations (score): {mean_wall:.3f} ms wall, {mean_cpu:.3f} ms CPU per school "
        f"(single calls: median {statistics.median(walls) * 1e3:.3f} ms, p95 {p95:.3f} ms; {count:,} schools) "
        f"— goal < {GOAL_PAGE_MS:g} ms: {verdict(mean_wall, GOAL_PAGE_MS)}"
    )


def bench_batch(rubric: Rubric, schools: list[tuple[dict[str, Any], SchoolProfile]], repeat: int) -> None:
    answers = [a for a, _ in schools]
    profiles = [p for _, p in schools]
    score_many(rubric, answers[:100], profiles[:100])  # warm
    runs = [timed(lambda: score_many(rubric, answers, profiles)) for _ in range(repeat)]
    walls, cpus = [w for w, _ in runs], [c for _, c in runs]
    count = len(schools)
    goal = GOAL_BATCH_SECONDS * count / GOAL_BATCH_SCHOOLS
    items = len(rubric.items)
    print(
        f"{count:,} schools' figures (score_many): best {min(walls):.3f} s wall, {min(cpus):.3f} s CPU; "
        f"median {statistics.median(walls):.3f} s wall, {statistics.median(cpus):.3f} s CPU "
        f"({min(walls) / (count * items) * 1e6:.3f} µs per item, {count / min(walls):,.0f} schools/s) "
        f"— goal < {goal:g} s: {verdict(min(walls), goal)}"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--schools", type=int, default=GOAL_BATCH_SCHOOLS, help="schools in the batch")
    parser.add_argument("--pages", type=int, default=1000, help="schools scored one by one with explanations")
    parser.add_argument("--repeat", type=int, default=3, help="runs of the batch")
    parser.add_argument("--check", type=int, default=200, help="schools compared between score_many and score")
    parser.add_argument("--rubric", type=Path, default=None)
    args = parser.parse_args()
    path = args.rubric or largest_rubric()
    rubric = load_rubric(path)
    rng = random.Random(20241123)
    started = time.perf_counter()
    schools = sample_schools(rubric, max(args.schools, args.pages, args.check), rng)
    print(f"rubric: {path.name} ({len(rubric.items)} items, {len(rubric.inputs)} inputs)")
    print(f"schools: {len(schools):,} sample schools made in {time.perf_counter() - started:.1f} s")
    if args.check:
        check_agreement(rubric, schools[: args.check])
        print(f"agreement: score_many equals score() school by school on {args.check:,} schools")
    bench_pages(rubric, schools[: args.pages])
    bench_batch(rubric, schools[: args.schools], args.repeat)


if __name__ == "__main__":
    main()
