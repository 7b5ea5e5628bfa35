"""A plan file and what ``index.yaml`` beside it says of it (title, issuer, region, year)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from checklist.seeds import INDEX_FILE


@dataclass(frozen=True)
class PlanInfo:
    file: str
    title: str
    issuer: str
    region: str | None
    year: int | None
    short_title: str


def plan_info(path: Path, seeds_dir: Path | None = None) -> PlanInfo:
    """The index entry of a plan file: from ``index.yaml`` in the file's own folder, else in
    ``seeds_dir``; a plan that no index lists gets its file name as title."""
    for folder in (path.parent, seeds_dir):
        if folder is None:
            continue
        entry = _index_entry(folder / INDEX_FILE, path.name)
        if entry is not None:
            year = entry.get("year")
            return PlanInfo(
                file=path.name,
                title=str(entry.get("title") or path.stem),
                issuer=str(entry.get("issuer") or ""),
                region=str(entry["region"]) if entry.get("region") else None,
                year=int(year) if isinstance(year, int) and not isinstance(year, bool) else None,
                short_title=str(entry.get("short_title") or entry.get("title") or path.stem),
            )
    return PlanInfo(path.name, path.stem, "", None, None, path.stem)


def _index_entry(index: Path, name: str) -> dict[str, Any] | None:
    if not index.is_file():
        return None
    try:
        data = yaml.safe_load(index.read_text(encoding="utf-8")) or {}
    except (yaml.YAMLError, UnicodeDecodeError):
        return None
    for entry in data.get("documents", []) if isinstance(data, dict) else []:
        if isinstance(entry, dict) and entry.get("file") == name:
            return entry
    return None
