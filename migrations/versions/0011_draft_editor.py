"""The draft editor: a rubric being made in the browser from a plan (and last year's rubric),
its items kept as JSON with a version, saved as they are edited, published as a new rubric
version.

Revision ID: 0011_draft_editor
Revises: 0010_notices
Create Date: 2026-12-05 12:30:00

"""
from alembic import op
import sqlalchemy as sa

import webapp.models


# revision identifiers, used by Alembic.
revision = '0011_draft_editor'
down_revision = '0010_notices'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('rubric_draft',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_key', sa.String(length=80), nullable=False),
    sa.Column('base_record_id', sa.Integer(), nullable=True),
    sa.Column('rubric_id', sa.String(length=80), nullable=False),
    sa.Column('rubric_version', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('content', sa.JSON(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('published_record_id', sa.Integer(), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', webapp.models.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.Column('updated_at', webapp.models.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['base_record_id'], ['rubric_record.id'], name=op.f('fk_rubric_draft_base_record_id_rubric_record')),
    sa.ForeignKeyConstraint(['published_record_id'], ['rubric_record.id'], name=op.f('fk_rubric_draft_published_record_id_rubric_record')),
    sa.ForeignKeyConstraint(['created_by_id'], ['user.id'], name=op.f('fk_rubric_draft_created_by_id_user')),
    sa.ForeignKeyConstraint(['updated_by_id'], ['user.id'], name=op.f('fk_rubric_draft_updated_by_id_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_rubric_draft')),
    sqlite_autoincrement=True,
    )
    with op.batch_alter_table('rubric_draft', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_rubric_draft_plan_key'), ['plan_key'], unique=False)


def downgrade():
    with op.batch_alter_table('rubric_draft', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_rubric_draft_plan_key'))
    op.drop_table('rubric_draft')
