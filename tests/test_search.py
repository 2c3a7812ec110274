"""Full-text search and the filters, on SQLite (FTS5, bm25) and PostgreSQL (GIN, ts_rank):
ranked, in step with the listings as they change, kept by migration 0005 for the rows a
store already held, and answered from the index."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import Connection, Engine, MetaData, Table, insert, text

from jobradar.store.engine import open_store
from jobradar.store.listings import upsert_listings
from jobradar.store.queries import ListingFilter, search, search_query
from jobradar.store.types import utc_now
from tests.store_seed import rows, seeded, tag_by_source_id

TODAY = utc_now().date()


@pytest.fixture
def store(store_url: str) -> Engine:
    return seeded(store_url)


def titles(engine: Engine, words: str = "", **facets: object) -> list[str]:
    found = search(engine, TODAY, words.split(), facets=ListingFilter(**facets))  # type: ignore[arg-type]
    return [hit.title for hit in found]


def test_every_word_must_match_whole_and_stemmed(store: Engine) -> None:
    assert sorted(titles(store, "kubernetes")) == [
        "GPU Cluster Engineer",
        "ML Platform Engineer",
        "Senior MLOps Engineer",
    ]
    assert sorted(titles(store, "kubernetes model")) == [
        "ML Platform Engineer",
        "Senior MLOps Engineer",
    ]
    assert titles(store, "models serve") == ["Inference Engineer"]  # stems: model, serv
    assert titles(store, "kube") == []  # whole words, not substrings


def test_a_title_match_ranks_above_a_description_match(store: Engine) -> None:
    upsert_listings(
        store,
        [
            {
                **rows()[0],
                "source_id": "platform-in-text",
                "title": "Site Reliability Engineer",
                "description_text": "You keep our platform up.",
                "content_hash": "x",
            }
        ],
        utc_now(),  # newer than every other listing: only its rank puts it below
    )
    tag_by_source_id(store, {"platform-in-text": "other"})
    assert titles(store, "platform")[:3] == [
        "ML Platform Engineer",
        "Data Platform Engineer",
        "Site Reliability Engineer",
    ]


def test_query_syntax_is_text_never_an_error(store: Engine) -> None:
    for words in ('"', "kubernetes OR", "NEAR(", "-kubernetes", "gpu*", "a:b", "'; DROP"):
        titles(store, words)
    assert titles(store, "++ --") == []


def test_the_index_follows_changed_and_deleted_listings(store: Engine) -> None:
    changed = {**rows()[2], "description_text": "Serve diffusion pipelines.", "content_hash": "y"}
    upsert_listings(store, [changed], utc_now())
    assert titles(store, "latency") == []
    assert titles(store, "diffusion") == ["Inference Engineer"]
    with store.begin() as connection:
        connection.execute(text("DELETE FROM sightings"))
        connection.execute(text("DELETE FROM listings WHERE source_id = '2'"))
    assert titles(store, "diffusion") == []


def test_filters_country_company_confidence_since(store: Engine) -> None:
    assert sorted(titles(store, countries=["US"])) == [
        "GPU Cluster Engineer",
        "ML Platform Engineer",
        "Senior MLOps Engineer",
    ]
    assert titles(store, countries=["CA"]) == ["GPU Cluster Engineer"]
    assert sorted(titles(store, companies=["northwind LABS"])) == [
        "Data Platform Engineer",
        "Inference Engineer",
    ]
    assert "ML Platform Engineer" not in titles(store, min_confidence=0.5)
    assert sorted(titles(store, since=TODAY - timedelta(days=3))) == [
        "Account Executive",
        "ML Platform Engineer",
        "Senior MLOps Engineer",
    ]


def _store_as_revision_0004_did(connection: Connection, seen_at: datetime) -> None:
    """The seed rows, written into the columns a store at revision 0004 has (today's
    upsert writes columns that later revisions added)."""
    listings = Table("listings", MetaData(), autoload_with=connection)
    placeholders = {
        "location_requirements": [],
        "description_hash": "",
        "source_record": {},
        "first_seen": seen_at,
        "last_seen": seen_at,
        "role": "other",
        "role_confidence": 0.0,
        "skills": [],
        "classifier_version": "",
        "extractor_version": "",
    }
    connection.execute(
        insert(listings),
        [
            {
                name: value
                for name, value in {**placeholders, **row}.items()
                if name in listings.columns
            }
            for row in rows()
        ],
    )


def test_migration_0005_indexes_the_listings_a_store_already_held(store_url: str) -> None:
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import create_engine

    from jobradar.store.engine import _MIGRATIONS

    older = create_engine(store_url)
    config = Config()
    config.set_main_option("script_location", str(_MIGRATIONS))
    with older.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0004")
        _store_as_revision_0004_did(connection, utc_now() - timedelta(days=1))
    older.dispose()
    engine = open_store(store_url)  # migrates to the newest schema
    tag_by_source_id(engine, {str(n): "mlops" for n in range(len(rows()))})
    assert sorted(titles(engine, "kubernetes")) == [
        "GPU Cluster Engineer",
        "ML Platform Engineer",
        "Senior MLOps Engineer",
    ]
    with engine.connect() as connection:
        active = connection.execute(text("SELECT count(*) FROM active_listings")).scalar()
        per_role = connection.execute(text("SELECT role, listings FROM active_role_counts")).all()
    assert active == len(rows())
    assert [tuple(row) for row in per_role] == [("mlops", len(rows()))]


def test_sqlite_search_reads_the_full_text_index_newest_first(sqlite_url: str) -> None:
    engine = seeded(sqlite_url)
    query = search_query("sqlite", TODAY, ["kubernetes", "gpu"])
    sql = str(query.compile(engine, compile_kwargs={"literal_binds": True}))
    with engine.connect() as connection:
        plan = "\n".join(row[3] for row in connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}"))
    assert "SCAN listings_fts VIRTUAL TABLE" in plan, plan
    # the newest matches come in the index's own order: the one sort is of the window
    assert plan.count("TEMP B-TREE") == 1, plan


@pytest.mark.postgres
def test_postgresql_searches_through_the_gin_index(postgres_url: str) -> None:
    from sqlalchemy import select

    from jobradar.store.fulltext import pg_match

    engine = seeded(postgres_url)
    matches, _ = pg_match(["kubernetes"])
    query = select(text("1")).select_from(text("listings")).where(matches)
    sql = str(query.compile(engine, compile_kwargs={"literal_binds": True}))
    with engine.begin() as connection:
        connection.exec_driver_sql("SET LOCAL enable_seqscan = off")  # six rows: force it
        plan = "\n".join(row[0] for row in connection.exec_driver_sql(f"EXPLAIN {sql}"))
    assert "ix_listings_fulltext" in plan, plan
