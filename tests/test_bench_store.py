"""bench.store's bulk build drops the secondary indexes and full-text triggers for its load:
the store it leaves must be the migrated store's schema again, its search complete (SQLite's
FTS5 table rebuilt, PostgreSQL's search document computed as the rows were copied)."""

from __future__ import annotations

from sqlalchemy import Engine, text

from bench.store import build
from jobradar.store.engine import open_store

LISTINGS = 1200  # one description in a thousand holds the rare word


def _schema(engine: Engine) -> set[tuple[str, ...]]:
    """The listings' and sightings' indexes and triggers (names; on SQLite their SQL too)."""
    with engine.connect() as connection:
        if engine.dialect.name == "postgresql":
            query = (
                "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()"
                " AND tablename IN ('listings', 'sightings')"
            )
        else:
            query = (
                "SELECT name, sql FROM sqlite_master WHERE type IN ('index', 'trigger')"
                " AND tbl_name IN ('listings', 'sightings')"
            )
        return {tuple(row) for row in connection.exec_driver_sql(query)}


def test_a_bulk_built_store_has_the_migrated_schema_again(store_url: str) -> None:
    migrated = _schema(open_store(store_url))
    build(store_url, LISTINGS)
    engine = open_store(store_url)
    assert _schema(engine) == migrated
    with engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM listings")).scalar() == LISTINGS
        assert connection.execute(text("SELECT count(*) FROM sightings")).scalar() == LISTINGS


def test_a_bulk_built_store_searches_every_listing(store_url: str) -> None:
    build(store_url, LISTINGS)
    engine = open_store(store_url)
    if engine.dialect.name == "postgresql":
        match = "SELECT count(*) FROM listings WHERE search_document @@ plainto_tsquery('english', :word)"
    else:
        match = "SELECT count(*) FROM listings_fts WHERE listings_fts MATCH :word"
    with engine.connect() as connection:
        for word in ("jax", "kubernetes"):
            indexed = connection.execute(text(match), {"word": word}).scalar()
            scanned = connection.execute(
                text("SELECT count(*) FROM listings WHERE description_text LIKE :pattern"),
                {"pattern": f"% {word}%"},
            ).scalar()
            assert indexed == scanned > 0
