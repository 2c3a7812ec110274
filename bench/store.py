"""Query speed as history grows: seeded stores of 10 k to 10 M listings, on SQLite and PostgreSQL.

Each store holds `size` listings over 60 days of churn (listings open every day, two in
five closed since), tagged, with sightings, a tenth of them cross-source duplicates of
another listing, written in bulk by this script (not by crawls): the rows first, then the
indexes and the full-text index, each built once, so they are freshly packed. Every query runs in a
process of its own, so its peak memory is its own; times are the best of `--repeat` runs
of the query alone, start-up excluded, in wall and CPU seconds (PostgreSQL's CPU is the
server's, not counted). Beside them: the growth of the time from the previous size (10×
the listings), and the query's goal (issue 16) with the time as a ratio of it.

Measured in the same run as the baseline the goals are read against: the reference loop
(how fast a core of this machine is today, bench/machine.py; the goals are for about
0.5 s) and the start-up of `jobradar --help`, which every command pays and the goals
leave out.

"(computed)" counts or computes from the listings (the salary index with its 30-day
change); "(snapshot)" reads the day's stored snapshot, as the commands do when it is
current (taken first when there is none or it is stale, not timed).
"dedupe stage" links every company, as in a store no matcher has linked; "(a day's
changes)" only the companies of the listings that opened or closed in the last day, as a
daily refresh finds them marked.

Run: python -m bench.store [--sizes 10k,100k,1M] [--postgres URL [--postgres-only]] [--keep DIR [--reuse]]
     [--only NAME] [--skip NAME] [--repeat N]
--keep keeps the SQLite stores in DIR and the PostgreSQL stores in schemas bench_<size>;
--reuse measures the kept stores instead of building them again.
"""

from __future__ import annotations

import argparse
import contextlib
import multiprocessing
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import ColumnDefault, Connection, Engine, Table, create_engine, delete, insert, text

from bench.machine import reference_loop
from jobradar import api
from jobradar.classifier.taxonomy import ROLE_SLUGS, SENIORITIES
from jobradar.scheduler import stages
from jobradar.store import dedupe as stored_duplicates
from jobradar.store.engine import open_store
from jobradar.store.fulltext import FTS_TABLE
from jobradar.store.listings import LISTINGS, SIGHTINGS, copy_rows, refresh_statistics
from jobradar.store.queries import ListingFilter, role_counts
from jobradar.store.salary_index import computed_index, salary_index
from jobradar.store.snapshots import snapshot_is_current, take_snapshot
from jobradar.store.types import utc_now

DAYS = 60
LISTINGS_PER_COMPANY = 50  # a bigger market is more companies, not bigger ones
TITLES = tuple(
    f"{level}{role}"
    for level in ("", "Senior ", "Staff ", "Lead ")
    for role in (
        "ML Engineer", "MLOps Engineer", "Data Engineer", "Data Scientist", "AI Engineer",
        "ML Platform Engineer", "Inference Engineer", "GPU Cluster Engineer", "Research Scientist",
        "ML Infrastructure Engineer", "Analytics Engineer", "Software Engineer", "Product Designer",
        "Account Executive", "Solutions Architect", "Site Reliability Engineer",
    )
)  # fmt: skip
SOURCES = ("greenhouse", "lever", "ashby", "remoteok", "himalayas", "jobicy", "remotive")
WORDS = (
    "kubernetes",
    "gpu",
    "python",
    "pytorch",
    "spark",
    "airflow",
    "dbt",
    "snowflake",
    "terraform",
    "vllm",
    "triton",
    "slurm",
    "rust",
    "golang",
    "java",
    "sql",
    "inference",
    "training",
    "platform",
    "pipelines",
    "observability",
    "llm",
    "rag",
)
RARE = "jax"  # in one description in a thousand: a selective full-text search
SIZES = {"10k": 10_000, "100k": 100_000, "1M": 1_000_000, "10M": 10_000_000}
CHUNK = 20_000
_T = TypeVar("_T")
_SQLITE_CACHE_KB = 4_000_000  # a build's page cache: the machine has 24 GiB


def _rows(size: int, seed: int = 2026) -> Iterator[list[dict[str, Any]]]:
    """The listings, in chunks: seeded, spread over 60 days, two in five closed."""
    rng = random.Random(seed)  # noqa: S311 (a benchmark's data, not a secret)
    now = utc_now()
    chunk: list[dict[str, Any]] = []
    for n in range(size):
        first = now - timedelta(days=rng.uniform(0, DAYS))
        closed = first + timedelta(days=rng.uniform(1, 40)) if rng.random() < 0.4 else None
        paid = rng.random() < 0.6
        low = rng.randrange(60, 300) * 1000.0
        source = SOURCES[n % len(SOURCES)]
        company = rng.randrange(max(1, size // LISTINGS_PER_COMPANY))
        title = rng.choice(TITLES)
        words = " ".join(rng.choice(WORDS) for _ in range(30))
        if n % 1000 == 7:
            words += f" {RARE}"
        chunk.append(
            {
                "source": source,
                "board": f"co{company}" if source in SOURCES[:3] else "",
                "source_id": str(n),
                "url": f"https://example.com/{n}",
                "title": title,
                "company": f"Company {company}",
                "company_key": f"company{company}",
                "title_key": title.lower(),
                "description_text": f"We build {words}. " * 3,
                "content_hash": f"h{n}",
                "first_seen": first,
                "closed_at": closed if closed and closed < now else None,
                "remote_type": rng.choice(["remote", "remote", "hybrid", "onsite"]),
                "role": rng.choice(ROLE_SLUGS),
                "role_confidence": 0.9,
                "seniority": rng.choice(SENIORITIES),
                "salary_min": low if paid else None,
                "salary_max": low * 1.2 if paid else None,
                "salary_currency": "USD" if paid else None,
                "salary_period": "year" if paid else None,
                "annual_usd_min": low if paid else None,
                "annual_usd_max": low * 1.2 if paid else None,
                "classifier_version": "bench",
                "tagged_hash": f"h{n}",
            }
        )
        if len(chunk) == CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _secondary_indexes(connection: Connection) -> list[tuple[str, str]]:
    """(name, CREATE statement) of the bulk-loaded tables' indexes and triggers that no
    constraint needs: the full-text index and the query indexes."""
    if connection.dialect.name == "postgresql":
        query = (
            "SELECT indexname, indexdef FROM pg_indexes"
            " WHERE schemaname = current_schema() AND tablename IN ('listings', 'sightings')"
            " AND NOT EXISTS (SELECT 1 FROM pg_constraint"
            "  WHERE conindid = (quote_ident(schemaname) || '.' || quote_ident(indexname))::regclass)"
        )
    else:
        query = (
            "SELECT name, sql FROM sqlite_master WHERE type IN ('index', 'trigger')"
            " AND tbl_name IN ('listings', 'sightings') AND sql IS NOT NULL"
        )
    return [(name, sql) for name, sql in connection.exec_driver_sql(query)]


def _bulk_settings(connection: Connection) -> None:
    if connection.dialect.name == "sqlite":
        connection.exec_driver_sql(f"PRAGMA cache_size = -{_SQLITE_CACHE_KB}")
    else:
        connection.exec_driver_sql("SET LOCAL maintenance_work_mem = '2GB'")


@contextlib.contextmanager
def _indexes_deferred(engine: Engine) -> Iterator[None]:
    """Drop the secondary indexes (and SQLite's full-text triggers) for a bulk load and
    build them once after it: kept up row by row, 10 M rows take hours, the B-trees having
    long outgrown the cache."""
    with engine.begin() as connection:
        deferred = _secondary_indexes(connection)
        for name, sql in deferred:
            kind = "TRIGGER" if sql.upper().startswith("CREATE TRIGGER") else "INDEX"
            connection.exec_driver_sql(f'DROP {kind} "{name}"')
    yield
    with engine.begin() as connection:
        _bulk_settings(connection)
        for _name, sql in deferred:
            connection.exec_driver_sql(sql)
        if connection.dialect.name == "sqlite":
            rebuild = f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')"  # noqa: S608
            connection.exec_driver_sql(rebuild)


def _copied(connection: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    """The rows written with the store's COPY, the columns' client-side defaults filled in
    as an INSERT would."""
    defaults = {
        table_column.name: table_column.default.arg
        for table_column in table.columns
        if isinstance(table_column.default, ColumnDefault)
    }

    def with_defaults(row: dict[str, Any]) -> dict[str, Any]:
        missing = {
            name: value(None) if callable(value) else value
            for name, value in defaults.items()
            if name not in row
        }
        return {**row, **missing}

    copy_rows(connection, table.name, map(with_defaults, rows), list(table.columns))


def build(url: str, size: int) -> float:
    """A fresh store of `size` listings; returns the seconds it took."""
    started = time.perf_counter()
    engine = open_store(url)
    next_id = 1
    with _indexes_deferred(engine):
        for chunk in _rows(size):
            for offset, row in enumerate(chunk):
                row["id"] = next_id + offset
            sightings = [{"listing_id": row["id"], "last_seen": row["first_seen"]} for row in chunk]
            with engine.begin() as connection:
                _bulk_settings(connection)
                if connection.dialect.name == "postgresql":
                    _copied(connection, LISTINGS, chunk)
                    _copied(connection, SIGHTINGS, sightings)
                else:
                    connection.execute(insert(LISTINGS), chunk)
                    connection.execute(insert(SIGHTINGS), sightings)
            next_id += len(chunk)
        with engine.begin() as connection:  # a tenth are another source's copy of a listing
            connection.execute(
                text("UPDATE listings SET canonical_id = id - 1 WHERE id % 10 = 0 AND id > 1")
            )
    if engine.dialect.name == "postgresql":
        with engine.begin() as connection:
            connection.exec_driver_sql("SELECT setval('listings_id_seq', max(id)) FROM listings")
    refresh_statistics(engine)
    return time.perf_counter() - started


@dataclass(frozen=True)
class Goal:
    """A query's goal (issue 16; the dedupe stage's, issue 18): at most this many seconds
    (and MB of peak memory)."""

    seconds: float
    peak_mb: float | None = None

    def __str__(self) -> str:
        limit = f"< {self.seconds * 1000:.0f} ms"
        return limit + (f", < {self.peak_mb / 1024:.0f} GB" if self.peak_mb else "")

    def met(self, seconds: float, peak_mb: float) -> bool:
        return seconds < self.seconds and (self.peak_mb is None or peak_mb < self.peak_mb)


GOALS = {
    "jobradar --help": Goal(0.5),
    "roles (computed)": Goal(0.1),
    "roles --format json (snapshot)": Goal(0.1),
    "salary-index (computed)": Goal(2.0, 1024),
    "salary-index (snapshot)": Goal(2.0, 1024),
    'search "kubernetes gpu"': Goal(0.2),
    "dedupe stage": Goal(120.0, 1024),  # issue 18: every company
}


def _snapshot_taken(engine: Engine, day: date) -> None:
    if not snapshot_is_current(engine, day):
        take_snapshot(engine, day)


def _queries(url: str) -> dict[str, tuple[Callable[[], object], Callable[[], object]]]:
    """Each query's (untimed setup, timed query)."""
    engine = open_store(url)
    today = utc_now().date()

    def nothing() -> None:
        pass

    return {
        "roles (computed)": (nothing, lambda: role_counts(engine, today)),
        "salary-index (computed)": (nothing, lambda: computed_index(engine, today)),
        # what the commands do on a day whose snapshot is current
        "roles --format json (snapshot)": (
            lambda: _snapshot_taken(engine, today),
            lambda: api.roles(engine, today),
        ),
        "salary-index (snapshot)": (
            lambda: _snapshot_taken(engine, today),
            lambda: salary_index(engine, today),
        ),
        # every word of the bench's descriptions is in most of them: ranks ~all listings
        'search "kubernetes gpu"': (
            nothing,
            lambda: api.search(engine, today, ["kubernetes", "gpu"]),
        ),
        f'search "{RARE}"': (nothing, lambda: api.search(engine, today, [RARE])),
        'search "kubernetes" --since': (
            nothing,
            lambda: api.search(
                engine, today, ["kubernetes"], ListingFilter(since=today - timedelta(days=3))
            ),
        ),
        # every company, as under another matcher (or in a store never linked)
        "dedupe stage": (lambda: _forget_matcher(engine), lambda: stages.dedupe(engine)),
        # the companies of the listings that opened or closed in the last day
        "dedupe stage (a day's changes)": (
            lambda: _a_day_marked(engine),
            lambda: stages.dedupe(engine),
        ),
    }


def _forget_matcher(engine: Engine) -> None:
    with engine.begin() as connection:
        connection.execute(delete(stored_duplicates.STATE))


def _a_day_marked(engine: Engine) -> None:
    """The store as a refresh finds it after a day's crawls: today's matcher recorded as the
    one that linked it, and the companies of the listings that opened or closed since
    yesterday marked. (The bulk build's links of the other companies are left as they are:
    the stage reads only the marked ones either way.)"""
    stored_duplicates.settle(engine, stored_duplicates.read_marks(engine), stages.MATCHER_VERSION)
    day = utc_now() - timedelta(days=1)
    with engine.begin() as connection:
        stored_duplicates.mark_where(
            connection, (LISTINGS.c.first_seen >= day) | (LISTINGS.c.closed_at >= day)
        )


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _measure(url: str, name: str) -> tuple[float, float, float]:
    setup, query = _queries(url)[name]
    setup()
    started, cpu = time.perf_counter(), _cpu()
    query()
    seconds, cpu = time.perf_counter() - started, _cpu() - cpu
    return seconds, cpu, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _send(out: Any, function: Callable[..., Any], *args: Any) -> None:
    out.send(function(*args))


def _forked(function: Callable[..., _T], *args: Any) -> _T:
    """`function(*args)` in a forked process: its memory (a query's peak, a build's 4 GB
    page cache) is its own, not the next measurement's."""
    receiver, sender = multiprocessing.Pipe(duplex=False)
    context = multiprocessing.get_context("fork")
    process = context.Process(target=_send, args=(sender, function, *args))
    process.start()
    result: _T = receiver.recv()
    process.join()
    return result


def measure(url: str, name: str) -> tuple[float, float, float]:
    """(wall seconds, CPU seconds, peak MB) of one query, in a process of its own."""
    return _forked(_measure, url, name)


def start_up() -> float:
    """Wall seconds of `jobradar --help` in a fresh interpreter: what every command pays."""
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "jobradar", "--help"], check=True, capture_output=True)
    return time.perf_counter() - started


def _postgres_store(base: str, label: str, keep: bool) -> tuple[str, bool, Callable[[], None]]:
    """(URL, whether it already holds a kept store, drop) of a schema of its own."""
    schema = f"bench_{label.lower()}" if keep else f"bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        exists = connection.execute(
            text("SELECT 1 FROM information_schema.schemata WHERE schema_name = :name"),
            {"name": schema},
        ).first()
        if exists is None:
            connection.execute(text(f"CREATE SCHEMA {schema}"))

    def drop() -> None:
        if not keep:
            with admin.connect() as connection:
                connection.execute(text(f"DROP SCHEMA {schema} CASCADE"))

    return f"{base}?options=-csearch_path%3D{schema}", exists is not None, drop


def _row(name: str, seconds: float, cpu: float, peak: float, growth: str) -> str:
    goal = GOALS.get(name)
    judged = f"{goal!s:17} {seconds / goal.seconds:6.2f} " if goal else " " * 25
    verdict = ("met" if goal.met(seconds, peak) else "NOT MET") if goal else ""
    return (
        f"  {name:30} {seconds * 1000:8.0f} {cpu * 1000:8.0f} {peak:7.0f}  {growth:6} "
        f"{judged}{verdict}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10k,100k,1M")
    parser.add_argument("--postgres", help="a PostgreSQL URL (a schema is made and dropped)")
    parser.add_argument("--postgres-only", action="store_true", help="measure PostgreSQL alone")
    parser.add_argument("--keep", type=Path, help="keep the stores (SQLite files in this folder)")
    parser.add_argument("--only", default="", help="run only the queries whose name holds this")
    parser.add_argument("--skip", default="", help="skip the queries whose name holds this")
    parser.add_argument("--reuse", action="store_true", help="reuse the stores kept by --keep")
    parser.add_argument("--repeat", type=int, default=3, help="best of this many runs")
    args = parser.parse_args()
    if args.postgres_only and not args.postgres:
        parser.error("--postgres-only needs --postgres URL")
    reference = min(reference_loop() for _ in range(3))
    print(
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC, load {os.getloadavg()[0]:.2f}, "
        f"reference loop {reference:.2f} s (the goals are for about 0.5 s)"
    )
    launch = min(start_up() for _ in range(args.repeat))
    print(
        f"  {'query':30} {'wall ms':>8} {'CPU ms':>8} {'peak MB':>7}  {'growth':6} {'goal':17} {'÷ goal':6} met"
    )
    print(_row("jobradar --help", launch, float("nan"), 0, ""))
    backends = (["sqlite"] if not args.postgres_only else []) + (
        ["postgresql"] if args.postgres else []
    )
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        for backend in backends:
            previous: dict[str, float] = {}
            for label in args.sizes.split(","):
                size = SIZES[label]
                drop: Callable[[], None] = lambda: None  # noqa: E731
                if backend == "sqlite":
                    url = f"sqlite:///{folder / f'store-{label}.db'}"
                    kept = (folder / f"store-{label}.db").exists()
                else:
                    url, kept, drop = _postgres_store(args.postgres, label, bool(args.keep))
                if args.reuse and kept:
                    print(f"{backend} {label}: kept store, load {os.getloadavg()[0]:.2f}")
                else:
                    built = _forked(build, url, size)
                    print(f"{backend} {label}: built in {built:.0f} s")
                chosen = (
                    name
                    for name in _queries(url)
                    if args.only in name and not (args.skip and args.skip in name)
                )
                for name in chosen:
                    runs = [measure(url, name) for _ in range(args.repeat)]
                    seconds, cpu, peak = (min(run[i] for run in runs) for i in range(3))
                    growth = f"×{seconds / previous[name]:.1f}" if name in previous else ""
                    previous[name] = seconds
                    print(_row(name, seconds, cpu, peak, growth), flush=True)
                drop()


if __name__ == "__main__":
    main()
