"""bench.store's bulk build drops the secondary indexes and full-text triggers for its load:
the store it leaves must be the migrated store's schema again, its search complete (SQLite's
FTS5 table rebuilt, PostgreSQL's search document computed as the rows were copied). And its
dedupe timings read what they are named after."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import Engine, text

from bench.store import LISTINGS_PER_COMPANY, _queries, build
from jobradar.store import dedupe as stored_duplicates
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


def test_the_dedupe_stage_is_timed_over_every_company_and_over_a_day_s(
    store_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each timed run of the stage reads what its name says: every company (not the nothing
    a run right after another would read), or the companies a day changed."""
    build(store_url, LISTINGS)
    asked: list[int | None] = []
    read = stored_duplicates.company_batches

    def spy(engine: Engine, excluded: Any = (), companies: Any = None) -> Any:
        asked.append(None if companies is None else len(companies))
        return read(engine, excluded, companies)

    monkeypatch.setattr(stored_duplicates, "company_batches", spy)
    queries = _queries(store_url)
    for name in ("dedupe stage", "dedupe stage (a day's changes)"):
        for _ in range(2):  # as a best-of-two measurement runs it
            setup, stage = queries[name]
            setup()
            stage()
    companies = LISTINGS // LISTINGS_PER_COMPANY
    assert asked[:2] == [None, None]
    assert all(0 < day < companies for day in asked[2:]), asked
    assert len(asked) == 4
