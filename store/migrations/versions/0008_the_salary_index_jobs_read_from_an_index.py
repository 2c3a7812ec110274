"""the salary index's jobs read from an index of their own

The salary index groups the listings counted on a day into jobs (role, seniority,
employer, title: `jobradar.store.salary_index.job_query`). A partial index holds exactly
those groups in order (canonical, tagged, remote or hybrid listings), with every column
the query reads: the query reads the index
alone, in order, and groups as it goes, instead of looking every listing up in the table
and sorting them (a million listings: seconds). The models do not describe it (an index
on expressions; `jobradar.store.fulltext.include_name` leaves it out of the comparison).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07 06:01:44.752844
"""

from __future__ import annotations

from alembic import op


revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None

# Written out here, never imported: the index serves the query only while the query spells
# these expressions the same (tests/test_plans.py reads the plans).
GROUPS = (
    "role, seniority, coalesce(company_key, '#' || CAST(id AS VARCHAR)),"
    " coalesce(title_key, title)"
)
READ = (
    "first_seen, closed_at, remote_type, annual_usd_min, annual_usd_max, salary_currency,"
    " salary_period, salary_min, salary_max, company_key, title_key, title, canonical_id"
)
# the listings the index reads: counted ones (canonical, tagged), remote or hybrid
INDEXED = (
    "canonical_id IS NULL AND role IS NOT NULL AND remote_type IN ('remote', 'hybrid')"
)


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        # SQLite (before 3.41) reads an expression's value from an index only when the
        # columns it is made of are there too: they are the last ones
        op.execute(
            f"CREATE INDEX ix_listings_salary_jobs ON listings ({GROUPS}, {READ}) WHERE {INDEXED}"
        )
    else:
        op.execute(
            f"CREATE INDEX ix_listings_salary_jobs ON listings ({GROUPS})"
            f" INCLUDE ({READ}, id) WHERE {INDEXED}"
        )


def downgrade() -> None:
    op.execute("DROP INDEX IF EXISTS ix_listings_salary_jobs")
