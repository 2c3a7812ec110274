"""Ingest speed: spider → pipelines → store, in a real crawl child, beside a raw-write baseline.

A generated market of Greenhouse boards (the demo market's jobs, cloned under new ids
onto as many boards as it takes) is served by the replay server on 127.0.0.1 and
crawled by one `scrapy crawl greenhouse` child into a fresh store: a first crawl (every
listing new), then a re-crawl of the same answers (every listing unchanged). Beside them,
in the same run, the raw baseline: the same rows written straight through the store's
upsert, without a crawl. Rates are listings per second of the crawl's own time (Scrapy's
`elapsed_time_seconds`, start-up excluded) and per second of child CPU time. Each of issue
16's goals is printed beside its figure, met or not; "per core" is read as listings per
second of the child's CPU time, its start-up included.

Run: python -m bench.ingest [--listings 20000] [--postgres URL]
On PostgreSQL, the crawl and the raw baselines each write a fresh schema of their own in the
database of URL, dropped at the end. The raw upsert is also timed into a store without its
full-text index (SQLite's FTS5 triggers, PostgreSQL's search document and its GIN index):
what search costs a write.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import resource
import tempfile
import time
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select

from bench.machine import reference_loop
from bench.postgres import scratch_schemas
from jobradar.crawler.replay import Catalog, Recording, ReplayServer
from jobradar.crawler.replay.demo import market
from jobradar.scheduler.crawls import crawl_source, logged_stats
from jobradar.store.engine import open_store
from jobradar.store.fulltext import FTS_TRIGGERS, SEARCH_DOCUMENT
from jobradar.store.listings import LISTINGS, upsert_listings
from jobradar.store.types import utc_now

JOBS_PER_BOARD = 100
# Issue 16's goals
FIRST_CRAWL_GOAL = {"sqlite": 2_000, "postgresql": 1_500}  # listings per second per core
RAW_SHARE_GOAL = 0.25  # a first crawl's rate against the raw upsert of the same rows
RECRAWL_SPEED_UP_GOAL = 5.0
PG_UPSERT_GOAL = 10_000  # rows per second
_STEP_CPU = "jobradar/cpu_seconds/"
_STEPS = ("validate", "clean_text", "derive", "store")  # the pipeline's order


def _boards(listings: int) -> Catalog:
    """`listings` Greenhouse jobs on boards of a hundred, cloned from the demo market's."""
    today = utc_now().date()
    day = market(today, today=today)
    templates = [
        record
        for response in day.responses
        if response.source == "greenhouse"
        for record in json.loads(response.body)["jobs"]
    ]
    recordings = []
    for board in range(-(-listings // JOBS_PER_BOARD)):
        token = f"bench{board:05d}"
        jobs = []
        for n in range(min(JOBS_PER_BOARD, listings - board * JOBS_PER_BOARD)):
            job = dict(templates[(board * JOBS_PER_BOARD + n) % len(templates)])
            job["id"] = 7_000_000_000 + board * JOBS_PER_BOARD + n
            job["absolute_url"] = f"https://job-boards.greenhouse.io/{token}/jobs/{job['id']}"
            jobs.append(job)
        body = json.dumps({"jobs": jobs, "meta": {"total": len(jobs)}}).encode()
        recordings.append(
            Recording(
                source="greenhouse",
                path=f"/v1/boards/{token}/jobs",
                body=lambda body=body: body,
                query={"content": "true"},
                board=token,
            )
        )
    return Catalog(recordings)


@dataclass(frozen=True)
class Crawl:
    """One child crawl, measured."""

    seconds: float  # the crawl's own time, start-up excluded
    cpu: float  # the child's CPU seconds, start-up included
    listings: int
    written: int  # listing rows inserted or rewritten
    steps: dict[str, float]  # CPU seconds of each pipeline step (the crawl's stats)

    def breakdown(self) -> str:
        """Where the child's CPU went: each step, then the rest (start-up, Scrapy, spider)."""
        parts = [f"{name} {self.steps.get(name, 0.0):.1f}" for name in _STEPS]
        return ", ".join([*parts, f"the rest {self.cpu - sum(self.steps.values()):.1f}"])

    @property
    def rate(self) -> float:
        return self.listings / self.seconds


def _crawl(url: str, sources: Path, log_dir: Path, seen: Any) -> Crawl:
    """One child crawl of the generated boards into the store at `url`."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    result = crawl_source(
        open_store(url),
        "greenhouse",
        database_url=url,
        sources_file=sources,
        seen_at=seen,
        settings={"DOWNLOAD_DELAY": 0, "AUTOTHROTTLE_ENABLED": False, "LOG_LEVEL": "INFO"},
        log_dir=log_dir,
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    assert result.status == "ok", result
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    stats = logged_stats(log_dir / "greenhouse.log")
    steps = {
        key.removeprefix(_STEP_CPU): value
        for key, value in stats.items()
        if key.startswith(_STEP_CPU)
    }
    return Crawl(
        stats["elapsed_time_seconds"], cpu, result.fetched, result.new + result.updated, steps
    )


def _raw_baseline(source_url: str, target_url: str, searchable: bool = True) -> float:
    """Rows per second of the store's upsert alone, on the rows the crawl stored; unless
    `searchable`, into a store without its full-text index (what keeping it costs)."""
    engine = open_store(source_url)
    with engine.connect() as connection:
        rows = [dict(row._mapping) for row in connection.execute(select(LISTINGS))]
    for row in rows:
        for name in ("id", "first_seen", "closed_at", "canonical_id"):
            row.pop(name, None)
    target = open_store(target_url)
    if not searchable:
        _drop_search_index(target)
    started = time.perf_counter()
    upsert_listings(target, rows, utc_now())
    return len(rows) / (time.perf_counter() - started)


def _drop_search_index(engine: Engine) -> None:
    with engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            # the document's column, and its index with it
            connection.exec_driver_sql(f"ALTER TABLE listings DROP COLUMN {SEARCH_DOCUMENT}")
        else:
            for trigger in FTS_TRIGGERS:
                connection.exec_driver_sql(f"DROP TRIGGER {trigger}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--listings", type=int, default=20_000)
    parser.add_argument("--postgres", help="also measure a PostgreSQL store at this URL")
    args = parser.parse_args()
    catalog = _boards(args.listings)
    boards = catalog.boards("greenhouse")
    with contextlib.ExitStack() as stack:
        folder = Path(stack.enter_context(tempfile.TemporaryDirectory()))
        server = stack.enter_context(ReplayServer(catalog))
        sources = folder / "sources.toml"
        sources.write_text(
            f'[[source]]\ntype = "greenhouse"\nboards = {json.dumps(boards)}\n'
            f'base_url = "{server.base_url}"\n',
            encoding="utf-8",
        )
        stores = {
            "sqlite": tuple(f"sqlite:///{folder / name}.db" for name in ("ingest", "raw", "bare"))
        }
        if args.postgres:
            stores["postgresql"] = tuple(
                stack.enter_context(scratch_schemas(args.postgres, "bench_ingest", 3))
            )
        print(
            f"{len(boards)} boards, {args.listings} listings; load {_load():.2f}, "
            f"reference loop {min(reference_loop() for _ in range(3)):.2f} s"
        )
        for backend, (url, raw_target, bare_target) in stores.items():
            seen = utc_now()
            first = _crawl(url, sources, folder / "first", seen)
            again = _crawl(url, sources, folder / "again", seen + timedelta(days=1))
            raw = _raw_baseline(url, raw_target)
            bare = _raw_baseline(url, bare_target, searchable=False)
            for name, crawl in (("first crawl", first), ("re-crawl", again)):
                print(
                    f"{backend:10} {name:11}: {crawl.rate:7,.0f} listings/s "
                    f"({crawl.seconds:5.1f} s crawl, {crawl.cpu:5.1f} s child CPU: "
                    f"{1000 * crawl.cpu / crawl.listings:.2f} ms/listing; "
                    f"{crawl.written:,} rows written)"
                )
                print(f"{'':10} {'':11}  child CPU s: {crawl.breakdown()}")
            print(
                f"{backend:10} raw upsert : {raw:7,.0f} rows/s "
                f"({bare:,.0f} rows/s without the full-text index)"
            )
            for goal, figure, met in _goals(backend, first, again, raw):
                print(f"{backend:10} goal       : {goal:44} {figure:>22}  {_verdict(met)}")


def _goals(backend: str, first: Crawl, again: Crawl, raw: float) -> list[tuple[str, str, bool]]:
    """Issue 16's goals for ingest: (goal, the figure measured, whether it is met)."""
    per_core = first.listings / first.cpu  # one child, one core: listings per CPU second
    goals = [
        (
            f"first crawl >= {FIRST_CRAWL_GOAL[backend]:,}/s per core",
            f"{per_core:,.0f}/s per CPU s",
            per_core >= FIRST_CRAWL_GOAL[backend],
        ),
        (
            f"first crawl >= {RAW_SHARE_GOAL:.0%} of the raw upsert",
            f"{first.rate / raw:.0%}",
            first.rate >= RAW_SHARE_GOAL * raw,
        ),
        (
            f"re-crawl >= {RECRAWL_SPEED_UP_GOAL:.0f}x faster, writing no row",
            f"x{first.seconds / again.seconds:.1f}, {again.written} rows",
            first.seconds >= RECRAWL_SPEED_UP_GOAL * again.seconds and again.written == 0,
        ),
    ]
    if backend == "postgresql":
        goals.append(
            (
                f"raw upsert >= {PG_UPSERT_GOAL:,} rows/s",
                f"{raw:,.0f} rows/s",
                raw >= PG_UPSERT_GOAL,
            )
        )
    return goals


def _verdict(met: bool) -> str:
    return "met" if met else "NOT MET"


def _load() -> float:
    return os.getloadavg()[0]


if __name__ == "__main__":
    main()
