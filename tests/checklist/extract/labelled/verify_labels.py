"""Check the hand-labelled extraction set: every quote occurs exactly once in its seed
file, fields use the vocabulary of the extraction conventions; print counts.

    python3 tests/checklist/extract/labelled/verify_labels.py
"""

from __future__ import annotations

import collections
import sys
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
SEEDS = HERE.parents[3] / "seeds"
NUMERIC = {"duration", "frequency", "ratio", "count", "coverage"}
KINDS = NUMERIC | {"deadline", "existence", "prohibition"}


def main() -> int:
    problems = 0
    total = collections.Counter()
    for path in sorted(HERE.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        text = (SEEDS / data["doc"]).read_text(encoding="utf-8")
        counts = collections.Counter()
        for section in ("requirements", "non_thresholds"):
            for entry in data.get(section) or []:
                n = text.count(entry["quote"])
                if n != 1:
                    problems += 1
                    print(f"{path.name} {section}: quote found {n}x: {entry['quote']!r}")
        for e in data["requirements"]:
            kind = e["kind"]
            ok = (
                kind in KINDS
                and e.get("scope") in {"school", "region", "unclear"}
                and e.get("modality") in {"must", "encouraged", "prohibited"}
                and (
                    kind not in NUMERIC
                    or (e.get("comparator") in {"at_least", "at_most", "between", "equal"} and "value" in e)
                )
                and (e.get("comparator") != "between" or "value_max" in e)
            )
            if not ok:
                problems += 1
                print(f"{path.name}: bad entry {e}")
            if kind in NUMERIC:
                counts[f"numeric_{e['scope']}"] += 1
            else:
                counts[kind] += 1
        counts["non_thresholds"] = len(data.get("non_thresholds") or [])
        total += counts
        print(data["doc"], dict(sorted(counts.items())))
    print("total", dict(sorted(total.items())))
    print("problems:", problems)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
