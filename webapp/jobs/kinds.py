"""What a background job can be, registered by the features that own the work: exports (a
file made for a person from plain parameters), one-step jobs (an import), and batches of
reports. The jobs package runs them and knows nothing of what they do, so that features
import jobs and never the other way round (`webapp.app.register_jobs` loads the features'
registrations).

Each export is a function of the person asking (whose scope decides what it holds) and a few
plain parameters: the web answers a small one at once, a job makes a large one later from the
same description. How large is "large" is settled here (`is_large`): the count an export would
hold against its INLINE_EXPORT_* setting.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from flask import current_app

from webapp.models import User


@dataclass(frozen=True)
class Produced:
    data: bytes
    filename: str
    mimetype: str


@dataclass(frozen=True)
class ExportKind:
    label: str  # what the jobs page calls it
    unit: str  # what size counts
    make: Callable[[User, Mapping[str, Any]], Produced]
    size: Callable[[User, Mapping[str, Any]], int]
    limit_setting: str  # INLINE_EXPORT_SCHOOLS or INLINE_EXPORT_EVENTS


@dataclass(frozen=True)
class StepKind:
    """A job done in one step by ``run(job_id, user, params)``, which ends it (`queue.finish`
    or `queue.fail`)."""

    label: str
    run: Callable[[int, User, dict[str, Any]], None]


@dataclass(frozen=True)
class BatchKind:
    """A batch of PDF reports: ``tasks(job_id, ids)`` gives the render tasks of a chunk of
    ids (`reports.batch.RenderTask`); the queue renders them, locally or on Celery workers,
    and packs the zip."""

    label: str
    tasks: Callable[[int, Sequence[int]], list[Any]]


EXPORTS: dict[str, ExportKind] = {}
STEPS: dict[str, StepKind] = {}
BATCHES: dict[str, BatchKind] = {}


def register_export(name: str, kind: ExportKind) -> None:
    EXPORTS[name] = kind


def register_step(name: str, kind: StepKind) -> None:
    STEPS[name] = kind


def register_batch(name: str, kind: BatchKind) -> None:
    BATCHES[name] = kind


def label_of(kind: str) -> str:
    for table in (EXPORTS, STEPS, BATCHES):
        if kind in table:
            return str(table[kind].label)  # type: ignore[attr-defined]
    return kind


def size_of(kind: str, user: User, params: Mapping[str, Any]) -> int:
    return EXPORTS[kind].size(user, params)


def is_large(kind: str, size: int) -> bool:
    """Whether an export this size goes to the background rather than into the answer."""
    return size > int(current_app.config[EXPORTS[kind].limit_setting])
