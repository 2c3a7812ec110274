"""snapshots say when they were taken

A crawl that finishes after a day's snapshot was taken (and started before the day
ended) may have changed that day's listings: the snapshot is then stale, and the salary
index of the day is computed again instead of read (`snapshot_is_current`).

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07 06:25:00
"""

from __future__ import annotations

import sqlalchemy as sa

import jobradar.store.types
from alembic import op


revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None

# The view latest_salary_index (migration 0005) reads salary_index: the SQLite batch
# rebuild that drops a column must drop the view first and create it again after.
VIEW = (
    "CREATE VIEW latest_salary_index AS SELECT snapshot_date, currency, work_mode, role,"
    " seniority, n_listings, n_with_salary, disclosure_rate, p25, median, p75, change_30d,"
    " fx_date FROM salary_index"
    " WHERE snapshot_date = (SELECT max(snapshot_date) FROM salary_index)"
)


def upgrade() -> None:
    # adding a column alters the table in place (no rebuild): the view stays
    with op.batch_alter_table('salary_index', schema=None) as batch_op:
        batch_op.add_column(sa.Column('taken_at', jobradar.store.types.UTCDateTime(timezone=True), nullable=True))


def downgrade() -> None:
    op.execute("DROP VIEW IF EXISTS latest_salary_index")
    with op.batch_alter_table('salary_index', schema=None) as batch_op:
        batch_op.drop_column('taken_at')
    op.execute(VIEW)
