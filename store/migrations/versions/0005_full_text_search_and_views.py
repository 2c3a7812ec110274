"""full-text search and views

The store as a product: full-text search over the listings' title, company and
description (SQLite: an FTS5 table with external content, kept in step by triggers and
rebuilt here from the rows the store already holds; PostgreSQL: a GIN index on a
weighted tsvector expression), and three views for people who query the store
themselves: the active listings, their counts per role, and the newest salary index.

A later migration that rebuilds `listings` on SQLite (Alembic's batch mode copies the
table) must drop the views and triggers first and create them again after.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-07 03:10:00
"""

from __future__ import annotations

from alembic import op


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None

# The expression searches spelled out to use this index (migration 0011 replaced both by a
# stored column); written out here so that this migration never changes.
PG_DOCUMENT = (
    "setweight(to_tsvector('english'::regconfig, coalesce(title, '')), 'A')"
    " || setweight(to_tsvector('english'::regconfig, coalesce(company, '')), 'B')"
    " || setweight(to_tsvector('english'::regconfig, description_text), 'D')"
)

SQLITE_FTS = [
    "CREATE VIRTUAL TABLE listings_fts USING fts5(title, company, description_text,"
    " content=\"listings\", content_rowid=id, tokenize='porter unicode61 remove_diacritics 2')",
    "CREATE TRIGGER listings_fts_insert AFTER INSERT ON listings BEGIN"
    " INSERT INTO listings_fts (rowid, title, company, description_text)"
    " VALUES (new.id, new.title, new.company, new.description_text); END",
    "CREATE TRIGGER listings_fts_delete AFTER DELETE ON listings BEGIN"
    " INSERT INTO listings_fts (listings_fts, rowid, title, company, description_text)"
    " VALUES ('delete', old.id, old.title, old.company, old.description_text); END",
    # only a change of the indexed text re-indexes a listing (tags and closing do not)
    "CREATE TRIGGER listings_fts_update AFTER UPDATE OF title, company, description_text"
    " ON listings BEGIN"
    " INSERT INTO listings_fts (listings_fts, rowid, title, company, description_text)"
    " VALUES ('delete', old.id, old.title, old.company, old.description_text);"
    " INSERT INTO listings_fts (rowid, title, company, description_text)"
    " VALUES (new.id, new.title, new.company, new.description_text); END",
    "INSERT INTO listings_fts (listings_fts) VALUES ('rebuild')",
]

VIEWS = [
    # the listings open now, one per job (cross-source duplicates left out), tagged
    "CREATE VIEW active_listings AS SELECT id, source, board, source_id, url, title, company,"
    " location_raw, countries, remote_type, remote_scope, role, role_confidence, seniority,"
    " skills, salary_min, salary_max, salary_currency, salary_period, annual_usd_min,"
    " annual_usd_max, posted_at, first_seen FROM listings"
    " WHERE closed_at IS NULL AND canonical_id IS NULL AND role IS NOT NULL",
    "CREATE VIEW active_role_counts AS SELECT role, count(*) AS listings FROM active_listings"
    " GROUP BY role",
    "CREATE VIEW latest_salary_index AS SELECT snapshot_date, currency, work_mode, role,"
    " seniority, n_listings, n_with_salary, disclosure_rate, p25, median, p75, change_30d,"
    " fx_date FROM salary_index"
    " WHERE snapshot_date = (SELECT max(snapshot_date) FROM salary_index)",
]


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for statement in SQLITE_FTS:
            op.execute(statement)
    else:
        op.execute(f"CREATE INDEX ix_listings_fulltext ON listings USING gin (({PG_DOCUMENT}))")
    for statement in VIEWS:
        op.execute(statement)


def downgrade() -> None:
    for name in ("latest_salary_index", "active_role_counts", "active_listings"):
        op.execute(f"DROP VIEW IF EXISTS {name}")
    if op.get_bind().dialect.name == "sqlite":
        for trigger in ("insert", "delete", "update"):
            op.execute(f"DROP TRIGGER IF EXISTS listings_fts_{trigger}")
        op.execute("DROP TABLE IF EXISTS listings_fts")
    else:
        op.execute("DROP INDEX IF EXISTS ix_listings_fulltext")
