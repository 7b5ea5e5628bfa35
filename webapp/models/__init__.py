"""The database: typed SQLAlchemy 2 models. Transactions belong to each feature's operations.

Import every model from here (``from webapp.models import School``); the modules say where
each one is written:

- ``assessment``: districts, schools, accounts, published rubrics, cycles, and the
  self-assessment with its answers, evidence and the inspector's findings (what the rest
  points at);
- ``access``: login sessions, login attempts, API tokens;
- ``library``: the plans a bureau added, the rubric drafts made from them;
- ``rectification``: 整改 tasks;
- ``system``: the audit log, notices, background jobs, facts about the database.

Column types are in ``webapp.columns``; the states of a year and of a task in
``webapp.lifecycle``.
"""

from __future__ import annotations

from webapp.columns import MAX_ID as MAX_ID
from webapp.columns import EnumText as EnumText
from webapp.columns import ItemFigures as ItemFigures
from webapp.columns import ItemResults as ItemResults
from webapp.columns import UTCDateTime as UTCDateTime
from webapp.columns import parse_id as parse_id
from webapp.columns import utcnow as utcnow
from webapp.extensions import db
from webapp.lifecycle import AssessmentStatus as AssessmentStatus
from webapp.lifecycle import Role as Role
from webapp.lifecycle import TaskStatus as TaskStatus
from webapp.models.access import ApiToken as ApiToken
from webapp.models.access import AuthSession as AuthSession
from webapp.models.access import LoginAttempt as LoginAttempt
from webapp.models.assessment import Answer as Answer
from webapp.models.assessment import Assessment as Assessment
from webapp.models.assessment import Cycle as Cycle
from webapp.models.assessment import CycleStatus as CycleStatus
from webapp.models.assessment import District as District
from webapp.models.assessment import Evidence as Evidence
from webapp.models.assessment import InspectorAssignment as InspectorAssignment
from webapp.models.assessment import ItemReview as ItemReview
from webapp.models.assessment import RubricRecord as RubricRecord
from webapp.models.assessment import School as School
from webapp.models.assessment import User as User
from webapp.models.library import Plan as Plan
from webapp.models.library import RubricDraft as RubricDraft
from webapp.models.rectification import RectificationTask as RectificationTask
from webapp.models.system import AuditEvent as AuditEvent
from webapp.models.system import Job as Job
from webapp.models.system import JobStatus as JobStatus
from webapp.models.system import Meta as Meta
from webapp.models.system import Notice as Notice

# SQLite reuses the largest id after a delete unless a table says AUTOINCREMENT; an id that
# comes back as another row's (a deleted evidence file's as another school's) would make links
# and audit entries ambiguous. Every table with an integer key says it (migration 0004).
for _table in db.metadata.tables.values():
    if _table.name != "meta":
        _table.dialect_options["sqlite"]["autoincrement"] = True
