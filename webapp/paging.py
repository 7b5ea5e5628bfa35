"""Long lists, one page at a time, and the school filter most of them share.

A city has some three hundred schools, so every list that can pass 50 rows is filtered and
paged the same way, with the GET parameters ``q`` (a fragment of a name or code),
``district`` (a district's id), ``stage`` (a stage code such as ``primary``), ``inactive``
(``1``: 显示已停用) and ``page``. Use it in a view like this::

    from webapp.paging import SchoolFilter, paginate

    schools = SchoolFilter.from_request(district_ids={d.id for d in districts})
    query = schools.apply(select(Assessment).join(School))   # any Select that includes School
    page = paginate(query)                                   # 50 rows of ?page=N, clamped
    return render_template("x.html", rows=page.items, paging=page, filters=schools)

and in the template::

    {% from "_ui.html" import pager, school_filter %}
    {{ school_filter(filters, districts, stage_names) }}   {# the GET form; keeps the filter #}
    ... rows ...
    {{ pager(paging, '所') }}                               {# 共N所，第M/K页 + links #}

The pager's links keep every other GET parameter, so the filter survives paging. ``paginate``
takes a SQLAlchemy ``Select`` (one count query, one LIMIT/OFFSET query) or a list already in
memory (sliced). A ``?page=`` that is not a positive number answers 400; a page past the end
shows the last one.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from flask import request
from sqlalchemy import Select, func, literal, or_, select

from checklist.model import STAGE_NAMES
from webapp.extensions import db
from webapp.models import School, parse_id
from webapp.web import PER_PAGE, page_arg

T = TypeVar("T")


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of a list: its rows and where it is (what the ``pager`` macro reads)."""

    items: Sequence[T]
    page: int
    per_page: int
    total: int

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.per_page))

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page


def paginate(
    source: Select[Any] | Sequence[T], per_page: int = PER_PAGE, page: int | None = None, *, clamp: bool = True
) -> Page[Any]:
    """The page ``?page=`` asks for (or ``page``) of a query or a list, 50 rows by default. A
    page past the end is the last one, or (``clamp=False``, the audit log's searches) empty."""
    wanted = page_arg() if page is None else page
    if isinstance(source, Select):
        total = int(db.session.execute(select(func.count()).select_from(source.order_by(None).subquery())).scalar_one())
    else:
        total = len(source)
    number = max(1, wanted)
    if clamp:
        number = min(number, max(1, math.ceil(total / per_page)))
    offset = (number - 1) * per_page
    if isinstance(source, Select):
        items: Sequence[Any] = list(db.session.execute(source.limit(per_page).offset(offset)).scalars())
    else:
        items = source[offset : offset + per_page]
    return Page(items, number, per_page, total)


@dataclass(frozen=True)
class SchoolFilter:
    """Which schools a list shows: a name or code fragment, a district, a stage, and whether
    deactivated (停用) schools are shown too (not by default)."""

    q: str = ""
    district_id: int | None = None
    stage: str = ""
    inactive: bool = False

    @classmethod
    def from_request(
        cls, district_ids: Iterable[int] | None = None, args: Mapping[str, str] | None = None
    ) -> SchoolFilter:
        """Read the GET parameters (or ``args``, e.g. a form's hidden copies). A district not
        among ``district_ids`` (when given) and an unknown stage are ignored, never an error."""
        values = request.args if args is None else args
        q = " ".join(str(values.get("q", "")).split())[:100]
        district_id = parse_id(str(values.get("district", "")))
        if district_ids is not None and district_id not in set(district_ids):
            district_id = None
        stage = str(values.get("stage", ""))
        return cls(q, district_id, stage if stage in STAGE_NAMES else "", values.get("inactive") == "1")

    @property
    def narrowed(self) -> bool:
        """Whether the filter leaves schools out (beyond the deactivated ones)."""
        return bool(self.q or self.district_id is not None or self.stage)

    def apply(self, query: Select[Any]) -> Select[Any]:
        """``query`` (which must include ``School``) narrowed to the matching schools."""
        if self.q:
            like = "%" + self.q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            query = query.where(or_(School.name.like(like, escape="\\"), School.code.like(like, escape="\\")))
        if self.district_id is not None:
            query = query.where(School.district_id == self.district_id)
        if self.stage:
            query = query.where((literal(",") + School.stages + literal(",")).like(f"%,{self.stage},%"))
        if not self.inactive:
            query = query.where(School.active.is_(True))
        return query

    def matches(self, school: School) -> bool:
        """The same test for a school already in memory (a board's rows)."""
        q = self.q.lower()
        return (
            (not q or q in school.name.lower() or q in school.code.lower())
            and (self.district_id is None or school.district_id == self.district_id)
            and (not self.stage or self.stage in school.stage_list)
            and (self.inactive or school.active)
        )

    def params(self) -> dict[str, str]:
        """The filter as GET parameters (for links and hidden fields); empty ones left out."""
        found = {
            "q": self.q,
            "district": str(self.district_id) if self.district_id is not None else "",
            "stage": self.stage,
            "inactive": "1" if self.inactive else "",
        }
        return {k: v for k, v in found.items() if v}

    def page_context(self, districts: Sequence[Any]) -> dict[str, Any]:
        """What a filtered list's template needs for the ``school_filter`` macro and its
        headings: the filter, its words, the districts and the stage names."""
        return {
            "filters": self,
            "filter_words": self.describe({d.id: d.name for d in districts}),
            "districts": districts,
            "stage_names": STAGE_NAMES,
        }

    def describe(self, district_names: Mapping[int, str]) -> str:
        """The filter in words, for a heading or a flash: 东区 · 小学 · 含“实验”."""
        parts = []
        if self.district_id is not None:
            parts.append(district_names.get(self.district_id, "所选区县"))
        if self.stage:
            parts.append(STAGE_NAMES[self.stage])
        if self.q:
            parts.append(f"含“{self.q}”")
        return " · ".join(parts) if parts else "全部学校"
