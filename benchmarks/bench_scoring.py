"""How long scoring takes for many schools against the largest shipped rubric.

    .venv/bin/python benchmarks/bench_scoring.py [--schools 20000] [--rubric PATH]
        [--repeat 3] [--full-repeat 1] [--no-full]

Synthetic schools get random figures around each threshold (some met, some not, some left
blank), random stages and flags. Prints two times on one core:

- the full engine, ``checklist.scoring.score`` school by school (statuses, points and the
  Chinese explanation of every item);
- the batch scorer, ``checklist.batch.score_many`` (the same figures without explanations,
  vectorised with numpy), after checking on a sample that it agrees with the engine.

Goal from the issue: 20,000 schools under 2 s.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from checklist.batch import score_many
from checklist.loader import load_rubric, rubric_files
from checklist.model import STAGE_NAMES, InputType, Rubric, SchoolProfile
from checklist.scoring import grades_shown, score

ROOT = Path(__file__).resolve().parents[1]


def largest_rubric() -> Path:
    fallback = ROOT / "tests" / "checklist" / "fixtures" / "sample_rubric.yaml"
    files = rubric_files(ROOT / "config" / "rubrics") or [fallback]
    return max(files, key=lambda p: len(load_rubric(p).items))


def synthetic_school(rubric: Rubric, rng: random.Random) -> tuple[dict, SchoolProfile]:
    stages = tuple(rng.sample(sorted(STAGE_NAMES), rng.choice([1, 1, 1, 2])))
    profile = SchoolProfile(stages, rng.random() < 0.85, rng.random() < 0.3, rng.random() < 0.8)
    answers: dict = {}
    for key, inp in rubric.inputs.items():
        if rng.random() < 0.05:
            continue  # left blank
        if inp.type is InputType.NUMBER:
            top = inp.max if inp.max is not None else 100
            answers[key] = rng.randint(0, int(min(top, 200)))
        elif inp.type is InputType.BOOLEAN:
            answers[key] = rng.random() < 0.8
        elif inp.type is InputType.GRADES:
            owner = rubric.item(rubric.input_owner[key])
            answers[key] = {g: rng.randint(0, 3) for g in grades_shown(owner, inp, profile)}
        elif inp.type is InputType.CHOICE and inp.choices:
            answers[key] = rng.choice(inp.choices)
        elif inp.type is InputType.TEXT:
            answers[key] = "说明"
    return answers, profile


GOAL_SECONDS = 2.0


def timed(run: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Best and median wall time of ``run`` over ``repeat`` runs."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times), statistics.median(times)


def check_agreement(rubric: Rubric, schools: list[tuple[dict, SchoolProfile]], sample: int) -> int:
    """Compare the batch with the engine on every k-th school; returns how many were checked."""
    answers = [a for a, _ in schools]
    profiles = [p for _, p in schools]
    batch = score_many(rubric, answers, profiles)
    step = max(1, len(schools) // sample) if sample else len(schools) + 1
    checked = 0
    for i in range(0, len(schools), step):
        card, mine = score(rubric, answers[i], profiles[i]), batch.card(i)
        same = [(r.status, r.earned, r.possible) for r in card.items] == [
            (r.status, r.earned, r.possible) for r in mine.items
        ] and (card.total_percent, card.level, card.veto_failed, card.dimensions) == (
            mine.total_percent,
            mine.level,
            mine.veto_failed,
            mine.dimensions,
        )
        if not same:
            raise SystemExit(f"score_many disagrees with score() on school {i}")
        checked += 1
    return checked


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--schools", type=int, default=20_000)
    parser.add_argument("--rubric", type=Path, default=None)
    parser.add_argument("--repeat", type=int, default=3, help="runs of the batch scorer")
    parser.add_argument(
        "--full-repeat", type=int, default=1, help="runs of the full engine (about 10 s each for 20,000 schools)"
    )
    parser.add_argument("--no-full", action="store_true", help="skip the full engine")
    parser.add_argument(
        "--check", type=int, default=500, help="schools compared between the two paths before timing (0: none)"
    )
    args = parser.parse_args()
    path = args.rubric or largest_rubric()
    rubric = load_rubric(path)
    rng = random.Random(20241123)
    schools = [synthetic_school(rubric, rng) for _ in range(args.schools)]
    answers = [a for a, _ in schools]
    profiles = [p for _, p in schools]
    items = len(rubric.items)
    print(f"rubric: {path.name} ({items} items, {len(rubric.inputs)} inputs)")
    print(f"schools: {args.schools}")
    if args.check:
        checked = check_agreement(rubric, schools, args.check)
        print(f"agreement: score_many equals score() on all {checked} schools checked")

    if not args.no_full:

        def full() -> None:
            for school_answers, profile in schools:
                score(rubric, school_answers, profile)

        best, median = timed(full, args.full_repeat)
        per_item = best / (args.schools * items) * 1e6
        print(
            f"full engine (with explanations), one core: best {best:.2f} s, "
            f"median {median:.2f} s ({per_item:.2f} µs per item, "
            f"{args.schools / best:,.0f} schools/s) — goal "
            f"{'reached' if best < GOAL_SECONDS else 'not reached'}"
        )

    best, median = timed(lambda: score_many(rubric, answers, profiles), args.repeat)
    per_item = best / (args.schools * items) * 1e6
    print(
        f"score_many (no explanations), one core: best {best:.2f} s, median {median:.2f} s "
        f"({per_item:.3f} µs per item, {args.schools / best:,.0f} schools/s)"
    )
    verdict = "reached" if best < GOAL_SECONDS else "not reached"
    print(f"goal: {args.schools} schools under {GOAL_SECONDS:g} s with score_many — {verdict}")


if __name__ == "__main__":
    main()
