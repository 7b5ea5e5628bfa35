"""Ids are never reused on SQLite: every table with an integer key is rebuilt with
AUTOINCREMENT, so a deleted row's id (a deleted evidence file's, say) never comes back as
another row's and links and audit entries stay unambiguous. PostgreSQL's sequences never
reuse ids; nothing changes there.

Revision ID: 0004_no_id_reuse
Revises: 0003_job_results
Create Date: 2026-12-05 10:00:00

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '0004_no_id_reuse'
down_revision = '0003_job_results'
branch_labels = None
depends_on = None

TABLES = (
    "district", "school", "user", "auth_session", "login_attempt", "rubric_record", "cycle",
    "assessment", "answer", "evidence", "inspector_assignment", "item_review", "audit_event", "job",
)
AUDIT_TRIGGERS = (
    "CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event "
    "BEGIN SELECT RAISE(ABORT, 'audit_event is append-only'); END",
    "CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event "
    "BEGIN SELECT RAISE(ABORT, 'audit_event is append-only'); END",
)


def _rebuild(autoincrement: bool) -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for table in TABLES:
        with op.batch_alter_table(
            table, recreate="always", table_kwargs={"sqlite_autoincrement": autoincrement}
        ):
            pass
    # Rebuilding audit_event dropped its triggers: the log is append-only again.
    op.execute("DROP TRIGGER IF EXISTS audit_event_no_update")
    op.execute("DROP TRIGGER IF EXISTS audit_event_no_delete")
    for statement in AUDIT_TRIGGERS:
        op.execute(statement)


def upgrade():
    _rebuild(True)


def downgrade():
    _rebuild(False)
