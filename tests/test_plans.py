"""The counting queries read the covering index, and the salary index's jobs their own index
in order, on both backends, once statistics are fresh."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import Engine, text

from jobradar.store.engine import open_store
from jobradar.store.listings import refresh_statistics, upsert_listings, write_tags
from jobradar.store.queries import ListingFilter, role_count_query, role_counts
from jobradar.store.salary_index import job_query
from jobradar.store.types import utc_now

LISTINGS = 3000
FACETS = [None, ListingFilter(remote_types=["remote"], sources=["greenhouse"])]


def _filled(url: str) -> Engine:
    engine = open_store(url)
    rows = [
        {
            "source": ("remoteok", "greenhouse", "himalayas")[n % 3],
            "board": "acme" if n % 3 == 1 else "",
            "source_id": str(n),
            "url": f"https://example.com/{n}",
            "title": "MLOps Engineer",
            "remote_type": ("remote", "hybrid", "onsite")[n % 3],
            "seniority": "senior",
        }
        for n in range(LISTINGS)
    ]
    upsert_listings(engine, rows, utc_now() - timedelta(days=2))
    with engine.connect() as connection:
        ids = connection.execute(text("SELECT id FROM listings")).scalars().all()
    write_tags(engine, [{"id": listing, "role": "mlops"} for listing in ids])
    refresh_statistics(engine)
    assert sum(role_counts(engine, utc_now().date()).values()) == LISTINGS
    return engine


def _sql(engine: Engine, facets: ListingFilter | None) -> str:
    query = role_count_query(utc_now().date(), facets)
    return str(query.compile(engine, compile_kwargs={"literal_binds": True}))


@pytest.mark.parametrize("facets", FACETS)
def test_sqlite_counts_roles_from_the_covering_index(
    sqlite_url: str, facets: ListingFilter | None
) -> None:
    engine = _filled(sqlite_url)
    with engine.connect() as connection:
        plan = " | ".join(
            row[3]
            for row in connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {_sql(engine, facets)}")
        )
    assert "COVERING INDEX ix_listings_counted" in plan, plan
    assert "TEMP B-TREE" not in plan, plan  # grouped by role as read: no sort


@pytest.mark.postgres
@pytest.mark.parametrize("facets", FACETS)
def test_postgresql_counts_roles_from_the_covering_index(
    postgres_database_url: str, facets: ListingFilter | None
) -> None:
    engine = _filled(postgres_database_url)
    with engine.connect() as connection:
        # a few thousand rows fit in a page or two, where a scan is as good as any index:
        # forbidding the scan shows which index the planner takes when it matters
        connection.exec_driver_sql("SET enable_seqscan = off")
        [[plan]] = connection.exec_driver_sql(f"EXPLAIN (FORMAT JSON) {_sql(engine, facets)}")
    nodes = json.dumps(plan)
    assert "Seq Scan" not in nodes, nodes
    if facets is None:  # a narrow facet may take the natural key's index; a day's count not
        assert '"Index Name": "ix_listings_counted"' in nodes, nodes
        assert "Index Only Scan" in nodes, nodes


def _bound_sqlite_plan(engine: Engine, query: Any) -> str:
    """SQLite's plan of `query` with its parameters bound as at run time (a partial index
    or an index on an expression serves only terms written inline)."""
    compiled = query.compile(engine, compile_kwargs={"render_postcompile": True})
    params = compiled.construct_params()
    values = tuple(params[name] for name in compiled.positiontup or ())
    with engine.connect() as connection:
        rows = connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {compiled}", values)
        return " | ".join(row[3] for row in rows)


@pytest.mark.parametrize(("currency", "work_mode"), [("USD", "remote+hybrid"), ("GBP", "hybrid")])
def test_sqlite_groups_the_salary_index_jobs_reading_their_index_alone_in_order(
    sqlite_url: str, currency: str, work_mode: str
) -> None:
    engine = _filled(sqlite_url)
    plan = _bound_sqlite_plan(engine, job_query(utc_now().date(), currency, work_mode))
    assert "COVERING INDEX ix_listings_salary_jobs" in plan, plan
    assert "TEMP B-TREE" not in plan, plan  # grouped as read: no sort


def test_sqlite_counts_roles_without_the_salary_index_jobs(sqlite_url: str) -> None:
    engine = _filled(sqlite_url)
    plan = _bound_sqlite_plan(engine, role_count_query(utc_now().date()))
    assert "ix_listings_salary_jobs" not in plan, plan


@pytest.mark.postgres
def test_postgresql_groups_the_salary_index_jobs_reading_their_index_alone(
    postgres_database_url: str,
) -> None:
    engine = _filled(postgres_database_url)
    query = job_query(utc_now().date(), "USD", "remote+hybrid")
    sql = str(query.compile(engine, compile_kwargs={"literal_binds": True}))
    with engine.connect() as connection:
        connection.exec_driver_sql("SET enable_seqscan = off")  # as above: a few pages
        [[plan]] = connection.exec_driver_sql(f"EXPLAIN (FORMAT JSON) {sql}")
    nodes = json.dumps(plan)
    assert '"Index Name": "ix_listings_salary_jobs"' in nodes, nodes
    assert "Index Only Scan" in nodes, nodes
    assert '"Strategy": "Sorted"' in nodes, nodes  # grouped in the index's order
