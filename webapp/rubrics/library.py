"""Rubrics and plans as the web app uses them: parsed once per process, looked up by content.

The plan library is the seeds (``seeds/``, built in) followed by the plans a bureau added (the
``plan`` table). ``plan_library()`` is what every rubric's ``source.doc`` and quotes are
resolved against; it is built once per process and rebuilt when the plans change (a plan added
here or by another process: the count and the newest id of the table tell), and asked of the
database at most once per request.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from flask import g, has_app_context
from sqlalchemy import func, inspect, select

from checklist.diff import describe_rule
from checklist.extract.plans import region_of
from checklist.loader import RubricError, load_rubric_text
from checklist.model import IsFalse, IsTrue, Item, Rubric
from checklist.outline import cite
from checklist.seeds import PlanDocument, PlanLibrary, SeedLibrary, tidy_quote
from webapp.extensions import db
from webapp.models import Plan, RubricRecord
from webapp.settings import SEEDS_DIR


@lru_cache(maxsize=1)
def seed_library() -> SeedLibrary:
    return SeedLibrary(Path(SEEDS_DIR))


_ADDED: dict[tuple[str, int, int | None], PlanLibrary] = {}
_G_KEY = "selfcheck_plan_library"


def plan_library() -> PlanLibrary:
    """The seeds, then the plans in the database (a name the seeds have is theirs)."""
    if has_app_context() and _G_KEY in g:
        library: PlanLibrary = g.get(_G_KEY)
        return library
    library = PlanLibrary.chain(seed_library(), added_plans())
    if has_app_context():
        setattr(g, _G_KEY, library)
    return library


def added_plans() -> PlanLibrary:
    """The plans in the database as documents of the library, cached per process until the
    table changes. Empty when there is no database file yet or no ``plan`` table (a database
    not upgraded): nothing is created by asking."""
    if not plan_table_exists():
        return PlanLibrary()
    url = db.engine.url.render_as_string(hide_password=True)
    count, newest = db.session.execute(select(func.count(Plan.id), func.max(Plan.id))).one()
    stamp = (url, int(count), newest)
    cached = _ADDED.get(stamp)
    if cached is not None:
        return cached
    rows = db.session.execute(
        select(Plan.key, Plan.title, Plan.issuer, Plan.year, Plan.doc_number, Plan.text).order_by(Plan.id)
    ).all()
    library = PlanLibrary(
        PlanDocument(
            file=row.key,
            title=row.title,
            issuer=row.issuer,
            year=row.year,
            doc_number=row.doc_number,
            short_title=row.title,
            text=row.text,
            region=region_of(row.issuer),
            builtin=False,
        )
        for row in rows
    )
    _ADDED.clear()
    _ADDED[stamp] = library
    return library


def forget_plans() -> None:
    """After a plan was added: the next plan_library() reads the table again."""
    _ADDED.clear()
    if has_app_context():
        g.pop(_G_KEY, None)


def plan_table_exists() -> bool:
    """Whether the database has the plan library's table; a SQLite file that does not exist
    is not created by asking."""
    url = db.engine.url
    if url.get_backend_name() == "sqlite":
        database = url.database or ""
        on_disk = database not in ("", ":memory:") and not database.startswith("file:")
        if on_disk and not Path(database).is_file():
            return False
    return bool(inspect(db.session.connection()).has_table(Plan.__tablename__))


def plan_by_sha256(digest: str) -> Plan | None:
    if not plan_table_exists():
        return None
    return db.session.execute(select(Plan).where(Plan.sha256 == digest)).scalar_one_or_none()


_PARSED: dict[str, Rubric] = {}


def rubric_of(record: RubricRecord) -> Rubric:
    """The parsed rubric of a stored record, cached by its content hash: the YAML text (a
    deferred column) is loaded and parsed only the first time a process meets that rubric."""
    cached = _PARSED.get(record.sha256)
    if cached is not None:
        return cached
    rubric, problems = load_rubric_text(record.yaml_text, f"rubric:{record.sha256[:8]}", plan_library())
    if rubric is None or problems:
        raise RubricError(problems)
    if len(_PARSED) > 64:
        _PARSED.clear()
    _PARSED[record.sha256] = rubric
    return rubric


def sha256_of(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def source_citation(doc: str, clause: str) -> str:
    """《title》(文号)第14条, 《title》二、（三）, 《title》正文: where an item comes from."""
    return f"{plan_citation(doc)}{cite(clause)}"


@dataclass(frozen=True)
class ItemWording:
    """What a page says of an item beside its figures: the requirement in words (要求; none
    for a yes/no item, whose title says it all), where it comes from (依据: 《title》第14条)
    and the clause it quotes, tidied for reading."""

    requirement: str
    citation: str
    quote: str


def item_wording(item: Item, rubric: Rubric) -> ItemWording:
    """The 要求 and 依据 of an item as the school's, the inspector's and the 整改 pages show them."""
    source = item.source
    return ItemWording(
        requirement="" if isinstance(item.rule, IsTrue | IsFalse) else describe_rule(item.rule, rubric.inputs),
        citation=source_citation(source.doc, source.clause) if source else "",
        quote=tidy_quote(source.quote) if source else "",
    )


def plan_citation(doc: str) -> str:
    """《title》 (文号) of a plan of the library, or the file name when it is not in the library."""
    document = plan_library().get(doc)
    return document.citation if document else doc


def input_names() -> dict[str, str]:
    """Every input of every published rubric by key, with its label (pe_minutes_daily →
    每日校内体育活动时长): how the audit log names the figures a school saved."""
    names: dict[str, str] = {}
    for record in db.session.execute(select(RubricRecord).order_by(RubricRecord.id)).scalars():
        for key, inp in rubric_of(record).inputs.items():
            names.setdefault(key, inp.label)
    return names
