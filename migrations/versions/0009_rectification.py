"""整改 → 复查: a task per item not met or partly met at finalisation (整改建议, 整改期限, the
school's 整改措施 and 整改成效, the inspector's 复查), and evidence files that belong to a task
(``evidence.task_id``; the self-assessment's own files keep it empty).

Revision ID: 0009_rectification
Revises: 0008_api_tokens
Create Date: 2026-12-05 12:30:00

"""
from alembic import op
import sqlalchemy as sa

import webapp.models


# revision identifiers, used by Alembic.
revision = '0009_rectification'
down_revision = '0008_api_tokens'
branch_labels = None
depends_on = None

# On SQLite a column is added with a foreign key by rebuilding the table: keep 0004's AUTOINCREMENT.
KEEP_AUTOINCREMENT = {'sqlite_autoincrement': True}


def upgrade():
    op.create_table('rectification_task',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('assessment_id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.String(length=40), nullable=False),
    sa.Column('finding', sa.String(length=20), nullable=False),
    sa.Column('advice', sa.Text(), nullable=False),
    sa.Column('deadline', sa.Date(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('measures', sa.Text(), nullable=False),
    sa.Column('outcome', sa.Text(), nullable=False),
    sa.Column('saved_at', webapp.models.UTCDateTime(timezone=True), nullable=True),
    sa.Column('reported_at', webapp.models.UTCDateTime(timezone=True), nullable=True),
    sa.Column('reported_by_id', sa.Integer(), nullable=True),
    sa.Column('reinspected_at', webapp.models.UTCDateTime(timezone=True), nullable=True),
    sa.Column('reinspected_by_id', sa.Integer(), nullable=True),
    sa.Column('reinspection_note', sa.Text(), nullable=False),
    sa.Column('created_at', webapp.models.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', webapp.models.UTCDateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint("status IN ('open', 'reported', 'passed', 'failed')", name=op.f('ck_rectification_task_status')),
    sa.CheckConstraint('version >= 1', name=op.f('ck_rectification_task_version_positive')),
    sa.ForeignKeyConstraint(['assessment_id'], ['assessment.id'], name=op.f('fk_rectification_task_assessment_id_assessment')),
    sa.ForeignKeyConstraint(['reported_by_id'], ['user.id'], name=op.f('fk_rectification_task_reported_by_id_user')),
    sa.ForeignKeyConstraint(['reinspected_by_id'], ['user.id'], name=op.f('fk_rectification_task_reinspected_by_id_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_rectification_task')),
    sa.UniqueConstraint('assessment_id', 'item_id', name=op.f('uq_rectification_task_assessment_id')),
    sqlite_autoincrement=True,
    )
    with op.batch_alter_table('rectification_task', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_rectification_task_assessment_id'), ['assessment_id'], unique=False)
    with op.batch_alter_table('evidence', table_kwargs=KEEP_AUTOINCREMENT) as batch_op:
        batch_op.add_column(sa.Column('task_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_evidence_task_id'), ['task_id'], unique=False)
        batch_op.create_foreign_key(
            batch_op.f('fk_evidence_task_id_rectification_task'), 'rectification_task', ['task_id'], ['id']
        )


def downgrade():
    with op.batch_alter_table('evidence', table_kwargs=KEEP_AUTOINCREMENT) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_evidence_task_id_rectification_task'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_evidence_task_id'))
        batch_op.drop_column('task_id')
    with op.batch_alter_table('rectification_task', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_rectification_task_assessment_id'))
    op.drop_table('rectification_task')
