"""The policy texts (工作要点) in ``seeds/`` and their index.

Seed files are kept byte for byte as received; quotes in rubrics are checked against them
character for character. This module reads them and finds the numbered clauses (条) in them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml

INDEX_FILE = "index.yaml"

# An item number at the start of a line: "14.", "14 .", "3、", "１２．".
_CLAUSE_START = re.compile(r"(?m)^[ \t\u3000]*([0-9０-９]{1,3})[ \t\u3000]*[\.．、]")
# Stray spaces left by PDF conversion between CJK characters, digits and punctuation.
_CJK = r"\u3400-\u9fff\uf900-\ufaff"
_STRAY_SPACE = re.compile(
    rf"(?<=[{_CJK}0-9%％—\-–~～、，。；：“”（）()《》,.:;!?！？])[ \t\u3000]+"
    rf"(?=[{_CJK}0-9%％—\-–~～、，。；：“”（）()《》,.:;!?！？])"
)


def tidy_quote(text: str) -> str:
    """The quote as a reader should see it: stray spaces from PDF conversion removed.

    "每学年参加 1 — 2 次集体 研 学实践活动" → "每学年参加1—2次集体研学实践活动".
    Spaces between two Latin words are kept.
    """
    return _STRAY_SPACE.sub("", text.strip())


@dataclass(frozen=True)
class SeedDocument:
    """One plan: its file name, what the index says of it, and its text."""

    file: str
    title: str
    issuer: str
    year: int | None
    doc_number: str | None
    short_title: str
    text: str

    @cached_property
    def clauses(self) -> Mapping[str, tuple[int, int]]:
        """Numbered items (条) by number, as character spans [start, end) into the text.

        A clause runs from its number to the next number or section heading. Numbers are
        normalised to ASCII digits ("１４" → "14").
        """
        starts = [
            (m.start(), str(int(m.group(1).translate(_FULLWIDTH_DIGITS)))) for m in _CLAUSE_START.finditer(self.text)
        ]
        spans: dict[str, tuple[int, int]] = {}
        for i, (start, number) in enumerate(starts):
            end = starts[i + 1][0] if i + 1 < len(starts) else len(self.text)
            heading = _SECTION_HEADING.search(self.text, start + 1, end)
            if heading:
                end = heading.start()
            spans.setdefault(number, (start, end))
        return spans

    def clause_of(self, position: int) -> str | None:
        """The number of the clause a character position falls in, if any."""
        for number, (start, end) in self.clauses.items():
            if start <= position < end:
                return number
        return None

    def find_quote(self, quote: str) -> int:
        """Where the quote first starts in the text, or -1."""
        return self.text.find(quote)

    def find_all(self, quote: str) -> list[int]:
        """Every position where the quote starts in the text."""
        positions: list[int] = []
        start = self.text.find(quote)
        while start >= 0 and quote:
            positions.append(start)
            start = self.text.find(quote, start + 1)
        return positions

    @property
    def citation(self) -> str:
        """《title》 with its 文号 when there is one."""
        if self.doc_number:
            return f"《{self.title}》（{self.doc_number}）"
        return f"《{self.title}》"


_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_SECTION_HEADING = re.compile(r"(?m)^[ \t\u3000]*[一二三四五六七八九十]{1,3}、")


class SeedLibrary:
    """The seed folder: index.yaml plus the text files it lists (and any it does not)."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self._documents: dict[str, SeedDocument] = {}
        index_path = directory / INDEX_FILE
        entries: list[Mapping[str, Any]] = []
        if index_path.is_file():
            loaded = yaml.safe_load(index_path.read_text(encoding="utf-8")) or {}
            entries = list(loaded.get("documents", []))
        known = {str(e.get("file")): e for e in entries}
        for path in sorted(directory.glob("*.txt")):
            entry = known.get(path.name, {})
            self._documents[path.name] = SeedDocument(
                file=path.name,
                title=str(entry.get("title") or path.stem),
                issuer=str(entry.get("issuer") or ""),
                year=int(entry["year"]) if entry.get("year") else None,
                doc_number=entry.get("doc_number") or None,
                short_title=str(entry.get("short_title") or entry.get("title") or path.stem),
                text=path.read_text(encoding="utf-8"),
            )

    def __contains__(self, name: object) -> bool:
        return name in self._documents

    def __getitem__(self, name: str) -> SeedDocument:
        return self._documents[name]

    def get(self, name: str) -> SeedDocument | None:
        return self._documents.get(name)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(self._documents)


def find_seeds_dir(start: Path | None = None) -> Path | None:
    """The ``seeds/`` folder: the nearest one above ``start`` (a rubric file's folder), else the
    one in the current directory. (A command that wants another says so: ``--seeds-dir``.)"""
    candidates: list[Path] = []
    if start is not None:
        here = start.resolve()
        candidates.extend([here, *here.parents])
    candidates.append(Path.cwd())
    for folder in candidates:
        seeds = folder / "seeds"
        if (seeds / INDEX_FILE).is_file():
            return seeds
    return None
