"""Column types and small values the models are built from: ids as the URL gives them,
timestamps always in UTC, enums stored as their values, and the cached item results."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any, NamedTuple

from sqlalchemy import JSON, DateTime, String, TypeDecorator
from sqlalchemy.engine import Dialect

MAX_ID = 2**31 - 1  # ids are 32-bit integers on SQLite and PostgreSQL alike


def parse_id(text: str | None) -> int | None:
    """An id typed in a URL or a form: ASCII digits within the column's range, else None (so a
    ``²`` or a 40-digit number is "no such thing", never a database error)."""
    if not text or not text.isascii() or not text.isdigit():
        return None
    value = int(text)
    return value if 1 <= value <= MAX_ID else None


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class UTCDateTime(TypeDecorator[dt.datetime]):
    """A timestamp stored in UTC and always read back timezone-aware (SQLite keeps no zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime: store UTC-aware timestamps only")
        return value.astimezone(dt.UTC)

    def process_result_value(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


class EnumText(TypeDecorator[StrEnum]):
    """A StrEnum stored as its value in a VARCHAR and read back as the member, so that code
    compares and assigns members (``assessment.status = AssessmentStatus.SUBMITTED``) and the
    CHECK constraints of the table hold the allowed values."""

    impl = String(20)
    cache_ok = True

    def __init__(self, enum: type[StrEnum]) -> None:
        super().__init__()
        self.enum = enum

    def process_bind_param(self, value: Any, dialect: Dialect) -> str | None:
        return None if value is None else self.enum(value).value

    def process_result_value(self, value: str | None, dialect: Dialect) -> StrEnum | None:
        return None if value is None else self.enum(value)


class ItemFigures(NamedTuple):
    """One item's result as cached on an assessment (the engine's status and points)."""

    status: str  # a checklist.scoring.Status value
    earned: float
    possible: float


class ItemResults(TypeDecorator[dict[str, ItemFigures]]):
    """The cached results of every item, ``{item id: ItemFigures}``, stored as JSON lists."""

    impl = JSON
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> Any:
        if value is None:
            return None
        return {key: [str(f[0]), float(f[1]), float(f[2])] for key, f in value.items()}

    def process_result_value(self, value: Any, dialect: Dialect) -> dict[str, ItemFigures] | None:
        if value is None:
            return None
        return {key: ItemFigures(str(f[0]), float(f[1]), float(f[2])) for key, f in value.items()}
