"""What the reader passes between its parts before a candidate is finished.

``Found`` is a candidate in working coordinates (the normalised text), before its quote, scope,
stages and modality are fixed; ``NumberSpan`` stands where a number's match would (one number, or
the two bounds of a range). ``MASK`` is the character that hides titles, 文号, the responsible
units' brackets and lexicon phrases from the patterns.
"""

from __future__ import annotations

from dataclasses import dataclass

from checklist.extract.numbers import clean

MASK = "□"


@dataclass(frozen=True)
class Found:
    """A candidate before its quote and context are fixed (working coordinates)."""

    start: int
    end: int
    kind: str
    comparator: str | None = None
    value: float | None = None
    value_max: float | None = None
    unit: str | None = None
    period: str | None = None
    subject: str = ""
    denominator: str | None = None
    scope: str | None = None
    origin: str = ""
    modality: str | None = None
    scope_reason: str = ""
    stages: tuple[str, ...] = ()  # when the reading knows them better than the quote does
    grades: tuple[str, ...] = ()  # likewise: a timetable's column ("P3", "J1")


@dataclass(frozen=True)
class NumberSpan:
    """A number's span in the working text (one number, or the two bounds of a range)."""

    begin: int
    finish: int

    def start(self) -> int:
        return self.begin

    def end(self) -> int:
        return self.finish


def share(percent: float, comparator: str | None) -> tuple[str, float, str | None]:
    """A percentage as the extractor reads it: (kind, fraction, comparator). 100% that is reached
    (=, ≥ or unqualified) is full coverage; any other share is a ratio."""
    fraction = clean(percent / 100)
    if fraction == 1.0 and comparator in (None, "equal", "at_least"):
        return "coverage", fraction, "equal"
    return "ratio", fraction, comparator
