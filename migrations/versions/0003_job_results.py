"""Jobs for exports and imports: the name a result downloads as, and an outcome (an import's
summary or the problems that stopped it)

Revision ID: 0003_job_results
Revises: 0002_jobs
Create Date: 2026-11-23 14:10:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0003_job_results'
down_revision = '0002_jobs'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('job') as batch:
        batch.add_column(sa.Column('result_name', sa.String(length=200), nullable=True))
        batch.add_column(sa.Column('outcome', sa.JSON(), nullable=True))


def downgrade():
    with op.batch_alter_table('job') as batch:
        batch.drop_column('outcome')
        batch.drop_column('result_name')
