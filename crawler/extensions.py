"""Extensions: the crawl-run record (with lifecycle closing) and live progress lines."""

from __future__ import annotations

import json
import logging
import os
import sys
from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any, Self

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.utils.defer import deferred_from_coro
from sqlalchemy import Engine
from twisted.internet.defer import Deferred
from twisted.internet.task import LoopingCall

from jobradar.crawler.health import assess
from jobradar.crawler.runtime import crawl_engine, seen_at
from jobradar.crawler.spiders.bases.listing import ListingSpider
from jobradar.store.listings import close_expired, close_missing
from jobradar.store.runs import (
    RunOutcome,
    finish_job,
    finish_run,
    median_coverage,
    runs_since,
    start_run,
)
from jobradar.store.types import utc_now

logger = logging.getLogger(__name__)


def polling_limit_reached(engine: Engine, spider: ListingSpider, run_id: int) -> str | None:
    """Why this crawl must not run now, if the source's daily request limit is used up.

    Limits protect the real source: a mirror or the replay (`base_url`) is not limited.
    """
    limit = getattr(spider, "max_runs_per_day", None)
    if not limit or spider.config.base_url:
        return None
    earlier = runs_since(engine, spider.name, utc_now() - timedelta(days=1), run_id)
    if earlier < limit:
        return None
    return f"polling limit: at most {limit} runs a day, {earlier} in the last 24 hours"


class RunRecorder:
    """Writes the crawl-run record and, after a clean crawl, closes what disappeared.

    The outcome is kept on the crawler (`jobradar.crawler.jobradar_outcome`): the crawl
    command turns it into the process exit code.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.engine = crawl_engine(crawler.settings)
        self.run_id: int | None = crawler.settings.getint("JOBRADAR_RUN_ID") or None
        self.job_id: int | None = crawler.settings.getint("JOBRADAR_JOB_ID") or None
        self.skip_reason: str | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        extension = cls(crawler)
        crawler.signals.connect(extension.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def spider_opened(self, spider: ListingSpider) -> Deferred[None] | None:
        if self.run_id is None:
            refresh = self.crawler.settings.getint("JOBRADAR_REFRESH_ID") or None
            self.run_id = start_run(self.engine, spider.name, utc_now(), refresh, os.getpid())
        self.skip_reason = polling_limit_reached(self.engine, spider, self.run_id)
        if self.skip_reason:
            assert self.crawler.engine is not None
            return deferred_from_coro(
                self.crawler.engine.close_spider_async(reason="polling_limit")
            )
        return None

    def spider_closed(self, spider: ListingSpider, reason: str) -> None:
        assert self.crawler.stats is not None
        assert self.run_id is not None
        stats = self.crawler.stats.get_stats()
        if self.job_id is not None:  # one Scrapyd job of a run: the refresh judges the run
            finish_job(self.engine, self.job_id, numeric_stats(stats), reason, self.skip_reason)
            self.crawler.jobradar_outcome = assess(stats, reason)  # type: ignore[attr-defined]
            logger.info("job %s of the crawl of %s recorded", self.job_id, spider.name)
            return
        boards = list(spider.boards) if getattr(spider, "needs_boards", False) else None
        outcome = judge_run(
            self.engine,
            spider.name,
            self.run_id,
            stats,
            reason,
            seen=seen_at(self.crawler.settings),
            boards=boards,
            skip_reason=self.skip_reason,
        )
        self.crawler.jobradar_outcome = outcome  # type: ignore[attr-defined]
        log = logger.info if outcome.status != "failed" else logger.error
        log("crawl of %s %s: %s", spider.name, outcome.status, outcome.message or "healthy")


def numeric_stats(stats: Mapping[str, Any]) -> dict[str, float]:
    """The counters of a crawl's stats (what `assess` reads), fit for a JSON column."""
    return {
        name: value
        for name, value in stats.items()
        if isinstance(value, int | float) and not isinstance(value, bool)
    }


def judge_run(
    engine: Engine,
    source: str,
    run_id: int,
    stats: Mapping[str, Any],
    reason: str,
    *,
    seen: datetime,
    boards: Sequence[str] | None,
    skip_reason: str | None = None,
) -> RunOutcome:
    """Judge a finished crawl from its stats, close what a clean crawl no longer saw, and
    write the run record. `boards`: the boards crawled (None for a source without boards).

    A crawl process calls it at its end; a scale-out refresh calls it with the summed
    stats of the run's Scrapyd jobs, so both record the same run.
    """
    if skip_reason:
        outcome = RunOutcome(
            status="skipped", finish_reason=reason, message=skip_reason, exit_code=0
        )
    else:
        outcome = assess(stats, reason, median_coverage(engine, source, before_run=run_id))
    if outcome.status == "ok" and not stats.get("jobradar/truncated"):
        outcome.closed = close_missing(engine, source, seen, seen, boards)
    elif outcome.status == "ok":
        outcome.message = (
            "partial: stopped before the end of the source; closed only expired listings"
        )
    if outcome.status != "failed":
        outcome.closed += close_expired(engine, source, seen)
    finish_run(engine, run_id, outcome)
    return outcome


class ProgressReporter:
    """Prints one JSON line a second on stdout for the parent process to show."""

    INTERVAL = 1.0

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.loop = LoopingCall(self.report)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        extension = cls(crawler)
        if crawler.settings.getbool("JOBRADAR_PROGRESS"):
            crawler.signals.connect(extension.spider_opened, signal=signals.spider_opened)
            crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def spider_opened(self, spider: Spider) -> None:
        self.loop.start(self.INTERVAL, now=True)

    def spider_closed(self, spider: Spider, reason: str) -> None:
        if self.loop.running:
            self.loop.stop()
        self.report(final=True)

    def report(self, final: bool = False) -> None:
        assert self.crawler.stats is not None
        stats = self.crawler.stats.get_stats()
        line: dict[str, Any] = {
            "event": "done" if final else "progress",
            "requests": stats.get("downloader/request_count", 0),
            "listings": stats.get("jobradar/stored", 0),
            "errors": stats.get("log_count/ERROR", 0)
            + stats.get("httperror/response_ignored_count", 0),
        }
        sys.stdout.write("jobradar-progress " + json.dumps(line) + "\n")
        sys.stdout.flush()
