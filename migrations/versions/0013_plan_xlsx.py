"""A plan of the library may be an Excel workbook (.xlsx): a bureau's 评估细则 is often one.
The check on plan.format admits 'xlsx'; a downgrade refuses while such a plan is stored rather
than drop it.

Revision ID: 0013_plan_xlsx
Revises: 0012_profile_snapshot
Create Date: 2026-12-07 19:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0013_plan_xlsx'
down_revision = '0012_profile_snapshot'
branch_labels = None
depends_on = None

KEEP_AUTOINCREMENT = {'sqlite_autoincrement': True}


def upgrade():
    with op.batch_alter_table('plan', table_kwargs=KEEP_AUTOINCREMENT) as batch:
        batch.drop_constraint(op.f('ck_plan_format'), type_='check')
        batch.create_check_constraint('format', "format IN ('txt', 'docx', 'xlsx', 'pdf', 'html')")


def downgrade():
    plan = sa.table('plan', sa.column('format', sa.String()))
    stored = op.get_bind().execute(sa.select(sa.func.count()).select_from(plan).where(plan.c.format == 'xlsx'))
    if stored.scalar():
        raise RuntimeError('计划库中有 Excel 表格（.xlsx）形式的工作要点，不能降级到不支持它的版本：请先删除这些工作要点')
    with op.batch_alter_table('plan', table_kwargs=KEEP_AUTOINCREMENT) as batch:
        batch.drop_constraint(op.f('ck_plan_format'), type_='check')
        batch.create_check_constraint('format', "format IN ('txt', 'docx', 'pdf', 'html')")
