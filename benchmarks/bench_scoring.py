"""How long scoring takes for many schools against the largest shipped rubric.

    .venv/bin/python benchmarks/bench_scoring.py [--schools 20000] [--rubric PATH]

Synthetic schools get random figures around each threshold (some met, some not, some left
blank), random stages and flags. Prints the time for the full engine (statuses, points and
the Chinese explanation of every item) on one core. Goal from the issue: 20,000 schools
under 2 s.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from pathlib import Path

from checklist.loader import load_rubric, rubric_files
from checklist.model import STAGE_NAMES, InputType, Rubric, SchoolProfile
from checklist.scoring import grades_shown, score

ROOT = Path(__file__).resolve().parents[1]


def largest_rubric() -> Path:
    files = rubric_files(ROOT / "config" / "rubrics") or [ROOT / "tests/checklist/fixtures/sample_rubric.yaml"]
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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--schools", type=int, default=20_000)
    parser.add_argument("--rubric", type=Path, default=None)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    path = args.rubric or largest_rubric()
    rubric = load_rubric(path)
    rng = random.Random(20241123)
    schools = [synthetic_school(rubric, rng) for _ in range(args.schools)]
    print(f"rubric: {path.name} ({len(rubric.items)} items, {len(rubric.inputs)} inputs)")
    print(f"schools: {args.schools}")
    times = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        for answers, profile in schools:
            score(rubric, answers, profile)
        times.append(time.perf_counter() - start)
    best, median = min(times), statistics.median(times)
    per_item = best / (args.schools * len(rubric.items)) * 1e6
    print(f"full engine, one core: best {best:.2f} s, median {median:.2f} s "
          f"({per_item:.2f} µs per item, {args.schools / best:,.0f} schools/s)")
    print(f"goal: {args.schools} schools under 2 s — {'reached' if best < 2 else 'not reached'}")


if __name__ == "__main__":
    main()
