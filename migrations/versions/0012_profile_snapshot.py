"""The school's profile as it was at 核定完成, kept on the assessment: a finalised year keeps the
items that applied then, whatever the school's record says later (学段, 办学性质, 寄宿, 食堂 can
now be edited in the browser). Assessments finalised before this revision take the profile
their school has now, the best that is known.

Revision ID: 0012_profile_snapshot
Revises: 0011_draft_editor
Create Date: 2026-12-05 13:10:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0012_profile_snapshot'
down_revision = '0011_draft_editor'
branch_labels = None
depends_on = None

# On SQLite a column is dropped by rebuilding the table: keep 0004's AUTOINCREMENT.
KEEP_AUTOINCREMENT = {'sqlite_autoincrement': True}


def upgrade():
    op.add_column('assessment', sa.Column('profile_snapshot', sa.JSON(), nullable=True))
    assessment = sa.table(
        'assessment',
        sa.column('id', sa.Integer()),
        sa.column('school_id', sa.Integer()),
        sa.column('status', sa.String()),
        sa.column('profile_snapshot', sa.JSON()),
    )
    school = sa.table(
        'school',
        sa.column('id', sa.Integer()),
        sa.column('stages', sa.String()),
        sa.column('public', sa.Boolean()),
        sa.column('boarding', sa.Boolean()),
        sa.column('has_canteen', sa.Boolean()),
    )
    connection = op.get_bind()
    rows = connection.execute(
        sa.select(assessment.c.id, school.c.stages, school.c.public, school.c.boarding, school.c.has_canteen)
        .select_from(assessment.join(school, assessment.c.school_id == school.c.id))
        .where(assessment.c.status == 'finalised')
    ).all()
    for row in rows:
        snapshot = {
            'stages': [s for s in (row.stages or '').split(',') if s],
            'public': bool(row.public),
            'boarding': bool(row.boarding),
            'has_canteen': bool(row.has_canteen),
        }
        connection.execute(
            sa.update(assessment).where(assessment.c.id == row.id).values(profile_snapshot=snapshot)
        )


def downgrade():
    with op.batch_alter_table('assessment', table_kwargs=KEEP_AUTOINCREMENT) as batch:
        batch.drop_column('profile_snapshot')
