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
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from jobradar.classifier.corpus import Corpus
from jobradar.classifier.roles import load_role_model
from jobradar.crawler.registry import known_sources
from jobradar.crawler.replay import ReplayServer
from jobradar.crawler.replay.demo import history_days
from jobradar.crawler.replay.offline import (
    Replay,
    demo_replay,
    offline_sources,
    recorded_replay,
    write_sources,
)
from jobradar.crawler.sources import SourceConfig, SourcesError, find_source, load_sources
from jobradar.scheduler import stages
from jobradar.scheduler.cluster import BOARDS_PER_JOB, Node, crawl_cluster
from jobradar.scheduler.crawls import DEFAULT_TIMEOUT, CrawlResult, Progress, crawl_all
from jobradar.store.engine import open_store
from jobradar.store.listings import refresh_statistics
from jobradar.store.lock import refresh_lock
from jobradar.store.runs import finish_refresh, reconcile_unfinished, start_refresh
from jobradar.store.snapshots import snapshot_dates, take_snapshot
from jobradar.store.types import utc_now

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
    # Offline, the real recordings of this data directory are replayed; without one, the
    # demo market. Its corpus also retrains the packaged model if it cannot be loaded.
    data_dir: Path | None = None
    timeout: float = DEFAULT_TIMEOUT
    log_dir: Path | None = None
    settings: dict[str, Any] = field(default_factory=dict)  # extra Scrapy settings for the crawls
    # Scale-out: crawl as Scrapyd jobs on these nodes (empty: child processes here)
    scrapyd: tuple[Node, ...] = ()
    boards_per_job: int = BOARDS_PER_JOB  # a board source's boards per Scrapyd job

    def replay(self, day: date, today: date) -> Replay | None:
        """What an offline crawl of `day` replays (None when crawling live)."""
        if not self.offline:
            return None
        if self.data_dir is not None:
            return recorded_replay(self.data_dir / "recordings")
        return demo_replay(day, today)

    def corpus(self) -> Corpus | None:
        if self.data_dir is None:
            return None
        corpus = self.data_dir / "corpus"
        return Corpus(corpus / "postings.jsonl.gz", corpus / "labels.jsonl")


@dataclass
class CrawlReport:
    results: list[CrawlResult]
    notes: list[str]
    duplicates: int = 0  # listings that now point at another source's listing of the same job
    origin: str = "live"  # what was crawled (said in the report)


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
        disabled = [name for name in only if name in by_type and not by_type[name].enabled]
        if disabled:
            raise SourcesError(
                f"source {disabled[0]!r} is disabled in the sources file: enable it there "
                "(and read its terms) to crawl it"
            )
        return [by_type.get(name, SourceConfig(name)) for name in only]
    return [source for source in sources if source.enabled]


@contextlib.contextmanager
def _prepared(
    options: CrawlOptions, replay: Replay | None
) -> Iterator[tuple[list[SourceConfig], Path, list[str], dict[str, Any]]]:
    """The sources to crawl and the sources file the crawls read (a temporary one offline)."""
    configured = load_sources(options.sources_file)
    chosen = select_sources(configured, options.only)
    # the replay's own JSON-LD pages are crawled even where the pages source is off
    pages_off = all(source.type != "jobposting" for source in chosen)
    if replay is not None and replay.pages and not options.only and pages_off:
        chosen.append(find_source(configured, "jobposting"))
    if replay is None:
        yield chosen, options.sources_file, [], dict(options.settings)
        return
    with (
        ReplayServer(replay.catalog) as server,
        tempfile.TemporaryDirectory(prefix="jobradar-") as tmp,
    ):
        replayed, notes = offline_sources(chosen, replay, server.base_url)
        notes.insert(0, f"offline: {replay.description}, served at {server.base_url}")
        path = write_sources(replayed, Path(tmp) / "sources.toml")
        yield replayed, path, notes, {**OFFLINE_SETTINGS, **options.settings}


def crawl(
    options: CrawlOptions,
    *,
    engine: Engine | None = None,
    seen_at: datetime | None = None,
    refresh_id: int | None = None,
    progress: Progress | None = None,
    replay: Replay | None = None,
) -> CrawlReport:
    """Crawl the chosen sources, each in its own process (or as Scrapyd jobs on the nodes
    of `options.scrapyd`), into the store; then tag roles.

    Offline, `replay` (default: what `options` replays on the day of `seen_at`) is served.
    Tagging covers what the crawls stored and anything an older model or older extractors
    tagged, so the store never mixes model versions.
    """
    engine = engine or open_store(options.database_url)
    seen_at = seen_at or utc_now()
    replay = replay or options.replay(seen_at.date(), seen_at.date())
    log_dir = (
        options.log_dir
        or Path(os.environ.get("JOBRADAR_LOG_DIR", "logs")) / seen_at.date().isoformat()
    )
    with _prepared(options, replay) as (sources, sources_file, notes, settings):
        missing = [name for name in options.only if name not in {s.type for s in sources}]
        if missing:
            raise SourcesError(
                f"{missing[0]}: {replay.description if replay else 'live'} has nothing to replay for it"
            )
        if options.scrapyd:
            results, cluster_notes = crawl_cluster(
                engine,
                sources,
                nodes=options.scrapyd,
                database_url=options.database_url,
                seen_at=seen_at,
                refresh_id=refresh_id,
                boards_per_job=options.boards_per_job,
                settings=settings,
                timeout=options.timeout,
                progress=progress,
            )
            notes.extend(cluster_notes)
        else:
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
    refresh_statistics(engine)
    duplicates = stages.dedupe(engine)
    notes.append(f"{duplicates} listings are duplicates of another source's listing and count once")
    model = load_role_model(corpus=options.corpus())
    tagged = stages.tag(engine, model)
    notes.append(f"{tagged} listings tagged with the role model {model.version}")
    origin = replay.description if replay is not None else "live"
    return CrawlReport(results, notes, duplicates, origin)


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

    Offline without a data directory, the demo market's earlier days are replayed first
    (each crawled and snapshotted at its own date, once), so a new store has history.
    Runs under the store's refresh lock: a second refresh raises `RefreshRunningError`.
    """
    now = now or utc_now()
    engine = open_store(options.database_url)
    with refresh_lock(engine):
        reconcile_unfinished(engine, utc_now(), timedelta(seconds=options.timeout))
        if options.offline and options.data_dir is None:
            done = snapshot_dates(engine)
            for day in history_days(now.date())[:-1]:
                if day not in done:
                    moment = datetime.combine(day, now.timetz())
                    _refresh_once(
                        options,
                        engine,
                        None,
                        trigger=trigger,
                        now=moment,
                        progress=progress,
                        today=now.date(),
                    )
        return _refresh_once(
            options,
            engine,
            (out_dir, publish),
            trigger=trigger,
            now=now,
            progress=progress,
            today=now.date(),
        )


def _refresh_once(
    options: CrawlOptions,
    engine: Engine,
    publishing: tuple[Path, Publisher] | None,
    *,
    trigger: str,
    now: datetime,
    progress: Progress | None,
    today: date,
) -> RefreshResult:
    """Crawl, snapshot and (unless `publishing` is None) publish the day of `now`."""
    replay = options.replay(now.date(), today)
    origin = replay.description if replay is not None else "live"
    refresh_id = start_refresh(engine, trigger, now, os.getpid(), origin)
    try:
        report = crawl(
            options,
            engine=engine,
            seen_at=now,
            refresh_id=refresh_id,
            progress=progress,
            replay=replay,
        )
        day = now.date()
        take_snapshot(engine, day)
        files = publishing[1](engine, day, publishing[0], report.results) if publishing else []
    except BaseException as problem:  # the history must not show a refresh running forever
        stopped = isinstance(problem, KeyboardInterrupt | SystemExit)
        status = "killed" if stopped else "failed"
        finish_refresh(engine, refresh_id, status=status, message=repr(problem)[:500])
        raise
    failed = [result for result in report.results if result.status == "failed"]
    status = "ok" if not failed else "partial" if len(failed) < len(report.results) else "failed"
    finish_refresh(engine, refresh_id, status=status, snapshot_date=day)
    return RefreshResult(refresh_id, day, status, report, files)
