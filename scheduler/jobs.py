"""The job functions: crawl the sources, and the full daily refresh built on it.

`jobradar crawl` calls `crawl`; `jobradar run` and the scheduler call `refresh`,
so a scheduled refresh and a manual one are the same code.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from classifier.roles import load_role_model
from crawler.registry import known_sources
from crawler.replay import Catalog, ReplayServer
from crawler.replay.offline import offline_sources, write_sources
from crawler.sources import SourceConfig, SourcesError, load_sources
from scheduler.crawls import DEFAULT_TIMEOUT, CrawlResult, Progress, crawl_all
from store.dedupe import link_duplicates
from store.engine import open_store
from store.lock import refresh_lock
from store.retag import retag
from store.runs import finish_refresh, start_refresh
from store.snapshots import take_snapshot
from store.types import utc_now

# Settings for crawling our own replay server: there is no remote host to be polite to.
OFFLINE_SETTINGS = {
    "DOWNLOAD_DELAY": 0,
    "AUTOTHROTTLE_ENABLED": False,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 8,
    "RETRY_BACKOFF_BASE": 0.1,
}


@dataclass
class CrawlOptions:
    """What to crawl, from where, into which store."""

    database_url: str
    sources_file: Path
    only: Sequence[str] = ()  # source names; empty means every enabled source
    offline: bool = False
    timeout: float = DEFAULT_TIMEOUT
    log_dir: Path | None = None
    settings: dict[str, Any] = field(default_factory=dict)  # extra Scrapy settings for the crawls


@dataclass
class CrawlReport:
    results: list[CrawlResult]
    notes: list[str]
    duplicates: int = 0  # listings that now point at another source's listing of the same job


def select_sources(sources: Sequence[SourceConfig], only: Sequence[str]) -> list[SourceConfig]:
    """The sources to crawl: the named ones (enabled or not), else every enabled one."""
    known = set(known_sources())
    for source in sources:
        if source.type not in known:
            raise SourcesError(
                f"unknown source type {source.type!r}; known: {', '.join(sorted(known))}"
            )
    unknown = [name for name in only if name not in known]
    if unknown:
        raise SourcesError(f"unknown source {unknown[0]!r}; known: {', '.join(sorted(known))}")
    if only:
        by_type = {source.type: source for source in sources}
        return [by_type.get(name, SourceConfig(name)) for name in only]
    return [source for source in sources if source.enabled]


@contextlib.contextmanager
def _prepared(
    options: CrawlOptions,
) -> Iterator[tuple[list[SourceConfig], Path, list[str], dict[str, Any]]]:
    """The sources to crawl and the sources file the crawls read (a temporary one offline)."""
    chosen = select_sources(load_sources(options.sources_file), options.only)
    if not options.offline:
        yield chosen, options.sources_file, [], dict(options.settings)
        return
    catalog = Catalog.load()
    with ReplayServer(catalog) as server, tempfile.TemporaryDirectory(prefix="jobradar-") as tmp:
        replayed, notes = offline_sources(chosen, catalog, server.base_url)
        notes.insert(0, f"offline: replaying recorded responses from {server.base_url}")
        path = write_sources(replayed, Path(tmp) / "sources.toml")
        yield replayed, path, notes, {**OFFLINE_SETTINGS, **options.settings}


def crawl(
    options: CrawlOptions,
    *,
    engine: Engine | None = None,
    seen_at: datetime | None = None,
    refresh_id: int | None = None,
    progress: Progress | None = None,
) -> CrawlReport:
    """Crawl the chosen sources, each in its own process, into the store; then tag roles.

    Tagging covers what the crawls stored and anything an older model or older extractors
    tagged, so the store never mixes model versions.
    """
    engine = engine or open_store(options.database_url)
    seen_at = seen_at or utc_now()
    log_dir = (
        options.log_dir
        or Path(os.environ.get("JOBRADAR_LOG_DIR", "logs")) / seen_at.date().isoformat()
    )
    with _prepared(options) as (sources, sources_file, notes, settings):
        results = crawl_all(
            engine,
            [source.type for source in sources],
            database_url=options.database_url,
            sources_file=sources_file,
            seen_at=seen_at,
            refresh_id=refresh_id,
            settings=settings,
            timeout=options.timeout,
            log_dir=log_dir,
            progress=progress,
        )
    duplicates = link_duplicates(engine)
    notes.append(f"{duplicates} listings are duplicates of another source's listing and count once")
    model = load_role_model()
    tagged = retag(engine, model)
    notes.append(f"{tagged} listings tagged with the role model {model.version}")
    return CrawlReport(results, notes, duplicates)


@dataclass
class RefreshResult:
    refresh_id: int
    day: date
    status: str
    crawl: CrawlReport
    report_files: list[Path]


# Writes the day's report files from the store; returns their paths.
Publisher = Callable[[Engine, date, Path, list[CrawlResult]], list[Path]]


def refresh(
    options: CrawlOptions,
    out_dir: Path,
    publish: Publisher,
    *,
    trigger: str = "run",
    now: datetime | None = None,
    progress: Progress | None = None,
) -> RefreshResult:
    """The daily refresh: crawl every source (which tags roles), snapshot, publish.

    Runs under the store's refresh lock: a second refresh raises `RefreshRunningError`.
    """
    now = now or utc_now()
    engine = open_store(options.database_url)
    with refresh_lock(engine):
        refresh_id = start_refresh(engine, trigger, now, os.getpid())
        try:
            report = crawl(
                options, engine=engine, seen_at=now, refresh_id=refresh_id, progress=progress
            )
            day = now.date()
            take_snapshot(engine, day)
            files = publish(engine, day, out_dir, report.results)
        except BaseException as problem:  # the history must not show a refresh running forever
            finish_refresh(engine, refresh_id, status="failed", message=repr(problem)[:500])
            raise
        failed = [result for result in report.results if result.status == "failed"]
        status = (
            "ok" if not failed else "partial" if len(failed) < len(report.results) else "failed"
        )
        finish_refresh(engine, refresh_id, status=status, snapshot_date=day)
    return RefreshResult(refresh_id, day, status, report, files)
