"""Notices (通知): one account's notices in the app, with the state of their e-mail and webhook
delivery (the outbox) and a unique key per occasion, so that no reminder is made or sent twice;
and an account's own e-mail address for them.

Revision ID: 0010_notices
Revises: 0009_rectification
Create Date: 2026-12-05 12:30:00

"""
from alembic import op
import sqlalchemy as sa

import webapp.models


# revision identifiers, used by Alembic.
revision = '0010_notices'
down_revision = '0009_rectification'
branch_labels = None
depends_on = None

# On SQLite a column is dropped by rebuilding the table: keep 0004's AUTOINCREMENT.
KEEP_AUTOINCREMENT = {'sqlite_autoincrement': True}
STATES = "('none', 'pending', 'sent', 'failed')"


def upgrade():
    with op.batch_alter_table('user', table_kwargs=KEEP_AUTOINCREMENT) as batch:
        batch.add_column(sa.Column('email', sa.String(length=200), nullable=True))
    op.create_table('notice',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('link', sa.String(length=300), nullable=False),
    sa.Column('school_id', sa.Integer(), nullable=True),
    sa.Column('dedupe_key', sa.String(length=200), nullable=False),
    sa.Column('created_at', webapp.models.UTCDateTime(timezone=True), nullable=False),
    sa.Column('read_at', webapp.models.UTCDateTime(timezone=True), nullable=True),
    sa.Column('mail_state', sa.String(length=10), nullable=False),
    sa.Column('webhook_state', sa.String(length=10), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('last_error', sa.Text(), nullable=False),
    sa.Column('claim', sa.String(length=32), nullable=True),
    sa.Column('claimed_at', webapp.models.UTCDateTime(timezone=True), nullable=True),
    sa.CheckConstraint(f"mail_state IN {STATES}", name=op.f('ck_notice_mail_state')),
    sa.CheckConstraint(f"webhook_state IN {STATES}", name=op.f('ck_notice_webhook_state')),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_notice_user_id_user')),
    sa.ForeignKeyConstraint(['school_id'], ['school.id'], name=op.f('fk_notice_school_id_school')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_notice')),
    sa.UniqueConstraint('dedupe_key', name=op.f('uq_notice_dedupe_key')),
    sqlite_autoincrement=True,
    )
    with op.batch_alter_table('notice', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_notice_user_id'), ['user_id'], unique=False)


def downgrade():
    with op.batch_alter_table('notice', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_notice_user_id'))
    op.drop_table('notice')
    with op.batch_alter_table('user', table_kwargs=KEEP_AUTOINCREMENT) as batch:
        batch.drop_column('email')
