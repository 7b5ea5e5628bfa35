"""The plan library: policy texts (工作要点) by name, with the clauses (条目) in them.

A library is a mapping of documents (``name in library``, ``library[name]``, ``library.get(name)``,
``library.names``). ``SeedLibrary`` is the built-in part, read from a folder (``seeds/`` and its
``index.yaml``); a ``PlanLibrary`` can also be made of documents from elsewhere (the plans a
bureau added, kept by the web app) and libraries chain, the first naming a document winning.
Seed files are kept byte for byte as received; quotes in rubrics are checked against a
document's text character for character.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml

from checklist.outline import (
    CITED_BY_LABEL,
    PLAIN_TEXT,
    UNNUMBERED,
    OutlineClause,
    clause_at,
    outline,
    ref_key,
)

INDEX_FILE = "index.yaml"

# Stray spaces left by PDF conversion between CJK characters, digits and punctuation.
_CJK = r"\u3400-\u9fff\uf900-\ufaff"
_STRAY_SPACE = re.compile(
    rf"(?<=[{_CJK}0-9%％—\-–~～、，。；：“”（）()《》,.:;!?！？])[ \t\u3000]+"
    rf"(?=[{_CJK}0-9%％—\-–~～、，。；：“”（）()《》,.:;!?！？])"
)


def shown_quote(text: str) -> str:
    """The quote as a page or a report shows it: tidied (``tidy_quote``), a table row's cells kept apart
    ("办学条件 ｜ 师资配备 ｜ 专任教师学历合格率达到100%"), not run together."""
    return " ｜ ".join(cell for cell in (tidy_quote(cell) for cell in text.split("\t")) if cell)


def tidy_quote(text: str) -> str:
    """The quote as a reader should see it: stray spaces from PDF conversion removed.

    "每学年参加 1 — 2 次集体 研 学实践活动" → "每学年参加1—2次集体研学实践活动".
    Spaces between two Latin words are kept.
    """
    return _STRAY_SPACE.sub("", text.strip())


@dataclass(frozen=True)
class SeedDocument:
    """One plan of the library: its name (``file``: the seed file's name, or the key of a plan
    a bureau added), what is known of it, and its text."""

    file: str
    title: str
    issuer: str
    year: int | None
    doc_number: str | None
    short_title: str
    text: str
    region: str | None = None  # the issuer's area, for regional readings of the lexicon
    builtin: bool = True  # a seed (True) or a plan a bureau added (False)

    @cached_property
    def outline(self) -> tuple[OutlineClause, ...]:
        """Every clause (条目) of the plan at every level of numbering (checklist.outline)."""
        return outline(self.text)

    @cached_property
    def _references(self) -> tuple[dict[str, list[tuple[int, int]]], list[str]]:
        """Clause spans by every reference a rubric may cite them with (several when a list's
        numbering starts again with no heading to tell the lists apart: "1." … "5.", then "1." …
        "5." again), and each outline clause's preferred reference (what ``clause_of`` answers)."""
        clauses = self.outline
        labels: dict[str, int] = {}
        for clause in clauses:
            if clause.label is not None:
                labels[ref_key(clause.label)] = labels.get(ref_key(clause.label), 0) + 1
        spans: dict[str, list[tuple[int, int]]] = {}
        preferred: list[str] = []
        for index, clause in enumerate(clauses):
            end = len(self.text)
            for later in clauses[index + 1 :]:  # a clause holds its sub-clauses
                if clause.rank == UNNUMBERED or not later.path.startswith(clause.path):
                    end = later.start
                    break
            span = (clause.start, end)
            names: list[str] = []
            if clause.rank == UNNUMBERED:
                names.append(PLAIN_TEXT)
            else:
                names.append(clause.path)
                assert clause.label is not None
                if labels[ref_key(clause.label)] == 1 and clause.rank in CITED_BY_LABEL:
                    names.insert(0, clause.label)
                    if clause.label.isdigit():
                        names.append(f"第{clause.label}条")
            for name in names:
                spans.setdefault(ref_key(name), []).append(span)
            preferred.append(names[0])
        return spans, preferred

    @property
    def clauses(self) -> Mapping[str, tuple[int, int]]:
        """Clause spans [start, end) by reference (normalised: ``ref_key``), sub-clauses
        included: an item's number where it is unique in the plan ("14", "第五条"), else its
        path ("二、（二）第1条"); 正文 for text outside any numbering."""
        return {name: found[0] for name, found in self._references[0].items()}

    def has_clause(self, reference: str) -> bool:
        return ref_key(reference) in self._references[0]

    def clause_of(self, position: int) -> str | None:
        """The reference of the innermost clause a character position falls in."""
        clause = clause_at(self.outline, position)
        if clause is None:
            return None
        return self._references[1][self.outline.index(clause)]

    def clause_contains(self, reference: str, position: int) -> bool:
        """Whether a position lies in the clause cited (or in one of its sub-clauses); of a
        reference several clauses share, in any of them."""
        return any(start <= position < end for start, end in self._references[0].get(ref_key(reference), ()))

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




PlanDocument = SeedDocument  # the name for a document of the library wherever it comes from


class PlanLibrary:
    """Documents by name. ``PlanLibrary(documents)``; ``PlanLibrary.chain(a, b)`` is every
    document of a, then those of b whose names a does not have."""

    def __init__(self, documents: Iterable[SeedDocument] = ()) -> None:
        self._documents: dict[str, SeedDocument] = {}
        for document in documents:
            self._documents.setdefault(document.file, document)

    @classmethod
    def chain(cls, *libraries: PlanLibrary | None) -> PlanLibrary:
        return cls(document for library in libraries if library is not None for document in library)

    def __contains__(self, name: object) -> bool:
        return name in self._documents

    def __getitem__(self, name: str) -> SeedDocument:
        return self._documents[name]

    def __iter__(self) -> Iterator[SeedDocument]:
        return iter(self._documents.values())

    def __len__(self) -> int:
        return len(self._documents)

    def get(self, name: str) -> SeedDocument | None:
        return self._documents.get(name)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(self._documents)


class SeedLibrary(PlanLibrary):
    """The seed folder: index.yaml plus the text files it lists (and any it does not)."""

    def __init__(self, directory: Path) -> None:
        super().__init__()
        self.directory = directory
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
                region=str(entry["region"]) if entry.get("region") else None,
            )


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
