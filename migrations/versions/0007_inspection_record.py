"""The reports' 督导评估意见书: what the inspectors did on site (the visit's dates, the team, 听课、
座谈、问卷、查阅资料 counts), entered at finalisation, on the assessment; and per cycle the
意见书's 文号 and the days a school has for its 整改报告. Every column is optional: existing
rows keep reporting what they reported.

Revision ID: 0007_inspection_record
Revises: 0006_plan_library
Create Date: 2026-12-08 15:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0007_inspection_record'
down_revision = '0006_plan_library'
branch_labels = None
depends_on = None

ASSESSMENT_COLUMNS = (
    ('visit_start', sa.Date()),
    ('visit_end', sa.Date()),
    ('inspection_team', sa.String(length=500)),
    ('lessons_observed', sa.Integer()),
    ('meetings_held', sa.Integer()),
    ('questionnaires', sa.Integer()),
    ('documents_reviewed', sa.Integer()),
)
# On SQLite a column is dropped by rebuilding the table: keep 0004's AUTOINCREMENT.
KEEP_AUTOINCREMENT = {'sqlite_autoincrement': True}
CYCLE_COLUMNS = (
    ('doc_number', sa.String(length=100)),
    ('rectify_days', sa.Integer()),
)


def upgrade():
    with op.batch_alter_table('assessment', table_kwargs=KEEP_AUTOINCREMENT) as batch:
        for name, type_ in ASSESSMENT_COLUMNS:
            batch.add_column(sa.Column(name, type_, nullable=True))
    with op.batch_alter_table('cycle', table_kwargs=KEEP_AUTOINCREMENT) as batch:
        for name, type_ in CYCLE_COLUMNS:
            batch.add_column(sa.Column(name, type_, nullable=True))


def downgrade():
    with op.batch_alter_table('cycle', table_kwargs=KEEP_AUTOINCREMENT) as batch:
        for name, _ in reversed(CYCLE_COLUMNS):
            batch.drop_column(name)
    with op.batch_alter_table('assessment', table_kwargs=KEEP_AUTOINCREMENT) as batch:
        for name, _ in reversed(ASSESSMENT_COLUMNS):
            batch.drop_column(name)
