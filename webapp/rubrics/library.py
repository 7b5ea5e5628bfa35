"""Rubrics and plans as the web app uses them: parsed once per process, looked up by content."""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

from checklist.loader import RubricError, load_rubric_text
from checklist.model import Rubric
from checklist.seeds import SeedLibrary
from webapp.models import RubricRecord
from webapp.settings import SEEDS_DIR


@lru_cache(maxsize=1)
def seed_library() -> SeedLibrary:
    return SeedLibrary(Path(SEEDS_DIR))


_PARSED: dict[str, Rubric] = {}


def rubric_of(record: RubricRecord) -> Rubric:
    """The parsed rubric of a stored record, cached by its content hash: the YAML text (a
    deferred column) is loaded and parsed only the first time a process meets that rubric."""
    cached = _PARSED.get(record.sha256)
    if cached is not None:
        return cached
    rubric, problems = load_rubric_text(record.yaml_text, f"rubric:{record.sha256[:8]}", seed_library())
    if rubric is None or problems:
        raise RubricError(problems)
    if len(_PARSED) > 64:
        _PARSED.clear()
    _PARSED[record.sha256] = rubric
    return rubric


def sha256_of(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def plan_citation(doc: str) -> str:
    """《title》 (文号) of a seed file, or the file name when it is not in the library."""
    document = seed_library().get(doc)
    return document.citation if document else doc
