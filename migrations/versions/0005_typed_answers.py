"""Why an answer has an error is a column of its own (answer.error_kind: "text" when the text
cannot be read, "cross_field" when a check across fields failed) instead of an invisible U+2063
mark at the start of answer.error; existing rows are carried over on SQLite and PostgreSQL.

Revision ID: 0005_typed_answers
Revises: 0004_no_id_reuse
Create Date: 2026-12-05 12:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0005_typed_answers'
down_revision = '0004_no_id_reuse'
branch_labels = None
depends_on = None

MARK = "\u2063"


def upgrade():
    with op.batch_alter_table('answer') as batch:
        batch.add_column(sa.Column('error_kind', sa.String(length=20), nullable=True))
    answer = sa.table('answer', sa.column('id', sa.Integer), sa.column('error', sa.Text),
                      sa.column('error_kind', sa.String))
    bind = op.get_bind()
    rows = bind.execute(sa.select(answer.c.id, answer.c.error).where(answer.c.error.is_not(None))).all()
    for row_id, error in rows:
        if error.startswith(MARK):
            values = {"error": error.lstrip(MARK), "error_kind": "cross_field"}
        else:
            values = {"error_kind": "text"}
        bind.execute(answer.update().where(answer.c.id == row_id).values(**values))
    with op.batch_alter_table('answer') as batch:
        batch.create_check_constraint(
            op.f('ck_answer_error_kind'), "error_kind IS NULL OR error_kind IN ('text', 'cross_field')"
        )


def downgrade():
    answer = sa.table('answer', sa.column('id', sa.Integer), sa.column('error', sa.Text),
                      sa.column('error_kind', sa.String))
    bind = op.get_bind()
    rows = bind.execute(
        sa.select(answer.c.id, answer.c.error).where(answer.c.error_kind == 'cross_field')
    ).all()
    for row_id, error in rows:
        bind.execute(answer.update().where(answer.c.id == row_id).values(error=MARK + error))
    with op.batch_alter_table('answer') as batch:
        batch.drop_constraint(op.f('ck_answer_error_kind'), type_='check')
        batch.drop_column('error_kind')
