"""The plan library: plans (工作要点) a bureau adds besides the seeds, each with the file as
received (.txt, .docx, .pdf, .html), the text read from it, and its title, issuer, year and 文号.

Revision ID: 0006_plan_library
Revises: 0005_typed_answers
Create Date: 2026-12-08 09:00:00

"""
from alembic import op
import sqlalchemy as sa

import webapp.models


# revision identifiers, used by Alembic.
revision = '0006_plan_library'
down_revision = '0005_typed_answers'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('plan',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=80), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('issuer', sa.String(length=200), nullable=False),
    sa.Column('year', sa.Integer(), nullable=True),
    sa.Column('doc_number', sa.String(length=100), nullable=True),
    sa.Column('source_name', sa.String(length=255), nullable=False),
    sa.Column('format', sa.String(length=10), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('original', sa.LargeBinary(), nullable=False),
    sa.Column('added_by_id', sa.Integer(), nullable=True),
    sa.Column('added_at', webapp.models.UTCDateTime(timezone=True), nullable=False),
    sa.CheckConstraint("format IN ('txt', 'docx', 'pdf', 'html')", name=op.f('ck_plan_format')),
    sa.ForeignKeyConstraint(['added_by_id'], ['user.id'], name=op.f('fk_plan_added_by_id_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plan')),
    sa.UniqueConstraint('key', name=op.f('uq_plan_key')),
    sa.UniqueConstraint('sha256', name=op.f('uq_plan_sha256')),
    sqlite_autoincrement=True,
    )


def downgrade():
    op.drop_table('plan')
