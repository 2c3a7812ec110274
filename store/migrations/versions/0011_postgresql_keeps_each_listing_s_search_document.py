"""PostgreSQL keeps each listing's search document

Migration 0005 indexed a tsvector expression: the GIN index finds candidate listings,
but every match a search checks or ranks computed its tsvector again from the text
(~0.2 ms each; "kubernetes gpu" at a million listings: 0.34 s). A stored generated
column holds the document, computed once when the title, company or description is
written (PostgreSQL does not recompute it when other columns change); the GIN index is
built on it and searches read it. SQLite's FTS5 table is unchanged.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07 22:00:00
"""

from __future__ import annotations

from alembic import op


revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None

# Migration 0005's expression, written out here so that this migration never changes.
PG_DOCUMENT = (
    "setweight(to_tsvector('english'::regconfig, coalesce(title, '')), 'A')"
    " || setweight(to_tsvector('english'::regconfig, coalesce(company, '')), 'B')"
    " || setweight(to_tsvector('english'::regconfig, description_text), 'D')"
)


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP INDEX IF EXISTS ix_listings_fulltext")
    op.execute(
        "ALTER TABLE listings ADD COLUMN search_document tsvector"
        f" GENERATED ALWAYS AS ({PG_DOCUMENT}) STORED"
    )
    op.execute("CREATE INDEX ix_listings_fulltext ON listings USING gin (search_document)")
    # the table was rewritten: without statistics of the new column, the planner reads a
    # common word's every match through the index (seconds at a million listings)
    op.execute("ANALYZE listings")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("ALTER TABLE listings DROP COLUMN search_document")  # and its index
    op.execute(f"CREATE INDEX ix_listings_fulltext ON listings USING gin (({PG_DOCUMENT}))")
