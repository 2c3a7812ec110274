"""Query speed as history grows: seeded stores of 10 k to 10 M listings, on SQLite and PostgreSQL.

Each store holds `size` listings over 60 days of churn (listings open every day, two in
five closed since), tagged, with sightings, a tenth of them cross-source duplicates of
another listing, written in bulk by this script (not by crawls). Every query runs in a
process of its own, so its peak memory is its own; times are wall seconds of the query
alone, start-up excluded. The last column is the growth of the time from the previous
size (10× the listings).

Run: python -m bench.store [--sizes 10k,100k,1M] [--postgres URL] [--keep DIR [--reuse]]
     [--only NAME]
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import random
import resource
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, insert, text

from jobradar import api
from jobradar.classifier.taxonomy import ROLE_SLUGS, SENIORITIES
from jobradar.scheduler import stages
from jobradar.store.engine import open_store
from jobradar.store.listings import LISTINGS, SIGHTINGS, refresh_statistics
from jobradar.store.queries import ListingFilter
from jobradar.store.salary_index import salary_index
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


def build(url: str, size: int) -> float:
    """A fresh store of `size` listings; returns the seconds it took."""
    started = time.perf_counter()
    engine = open_store(url)
    next_id = 1
    for chunk in _rows(size):
        for offset, row in enumerate(chunk):
            row["id"] = next_id + offset
        with engine.begin() as connection:
            connection.execute(insert(LISTINGS), chunk)
            connection.execute(
                insert(SIGHTINGS),
                [{"listing_id": row["id"], "last_seen": row["first_seen"]} for row in chunk],
            )
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


def _queries(url: str) -> dict[str, Callable[[], object]]:
    engine = open_store(url)
    today = utc_now().date()
    return {
        "roles --format json": lambda: api.roles(engine, today),
        "salary-index (computed)": lambda: salary_index(engine, today),
        # every word of the bench's descriptions is in most of them: ranks ~all listings
        'search "kubernetes gpu"': lambda: api.search(engine, today, ["kubernetes", "gpu"]),
        f'search "{RARE}"': lambda: api.search(engine, today, [RARE]),
        'search "kubernetes" --since': lambda: api.search(
            engine, today, ["kubernetes"], ListingFilter(since=today - timedelta(days=3))
        ),
        "dedupe stage": lambda: stages.dedupe(engine),
    }


def _measure(url: str, name: str, out: Any) -> None:
    query = _queries(url)[name]
    started = time.perf_counter()
    query()
    seconds = time.perf_counter() - started
    out.send((seconds, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024))


def measure(url: str, name: str) -> tuple[float, float]:
    """(seconds, peak MB) of one query, in a process of its own."""
    receiver, sender = multiprocessing.Pipe(duplex=False)
    process = multiprocessing.get_context("fork").Process(target=_measure, args=(url, name, sender))
    process.start()
    result = receiver.recv()
    process.join()
    return result


def _postgres_schema(base: str) -> tuple[str, Callable[[], None]]:
    schema = f"bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f"CREATE SCHEMA {schema}"))

    def drop() -> None:
        with admin.connect() as connection:
            connection.execute(text(f"DROP SCHEMA {schema} CASCADE"))

    return f"{base}?options=-csearch_path%3D{schema}", drop


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10k,100k,1M")
    parser.add_argument("--postgres", help="a PostgreSQL URL (a schema is made and dropped)")
    parser.add_argument("--keep", type=Path, help="keep the SQLite stores in this folder")
    parser.add_argument("--only", default="", help="run only the queries whose name holds this")
    parser.add_argument("--reuse", action="store_true", help="reuse the stores kept in --keep")
    args = parser.parse_args()
    print(f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC, load {os.getloadavg()[0]:.2f}")
    backends = ["sqlite"] + (["postgresql"] if args.postgres else [])
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        for backend in backends:
            previous: dict[str, float] = {}
            for label in args.sizes.split(","):
                size = SIZES[label]
                drop: Callable[[], None] = lambda: None  # noqa: E731
                if backend == "sqlite":
                    url = f"sqlite:///{folder / f'store-{label}.db'}"
                else:
                    url, drop = _postgres_schema(args.postgres)
                kept = backend == "sqlite" and (folder / f"store-{label}.db").exists()
                if not (args.reuse and kept):
                    built = build(url, size)
                    print(f"{backend} {label}: built in {built:.0f} s")
                for name in (name for name in _queries(url) if args.only in name):
                    seconds, peak = measure(url, name)
                    growth = f"×{seconds / previous[name]:.1f}" if name in previous else ""
                    previous[name] = seconds
                    print(f"  {name:26} {seconds * 1000:9.0f} ms  {peak:6.0f} MB  {growth}")
                drop()


if __name__ == "__main__":
    main()
