"""Extensions: the crawl-run record (with lifecycle closing) and live progress lines."""

from __future__ import annotations

import json
import logging
import os
import sys
from datetime import timedelta
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
from jobradar.store.runs import RunOutcome, finish_run, median_coverage, runs_since, start_run
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
        if self.skip_reason:
            outcome = RunOutcome(
                status="skipped", finish_reason=reason, message=self.skip_reason, exit_code=0
            )
        else:
            baseline = median_coverage(self.engine, spider.name, before_run=self.run_id)
            outcome = assess(stats, reason, baseline)
        seen = seen_at(self.crawler.settings)
        if outcome.status == "ok" and not stats.get("jobradar/truncated"):
            boards = list(spider.boards) if getattr(spider, "needs_boards", False) else None
            outcome.closed = close_missing(self.engine, spider.name, seen, seen, boards)
        elif outcome.status == "ok":
            outcome.message = (
                "partial: stopped before the end of the source; closed only expired listings"
            )
        if outcome.status != "failed":
            outcome.closed += close_expired(self.engine, spider.name, seen)
        finish_run(self.engine, self.run_id, outcome)
        self.crawler.jobradar_outcome = outcome  # type: ignore[attr-defined]
        log = logger.info if outcome.status != "failed" else logger.error
        log("crawl of %s %s: %s", spider.name, outcome.status, outcome.message or "healthy")


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
