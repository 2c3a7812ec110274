"""What every pipeline step shares: the crawler, its stats, and one bad item never more.

A step implements `step(item)`. An item that makes it raise is dropped and counted as a
bad record (`jobradar/bad_records`, logged as a warning by Scrapy's item drop); the crawl
goes on with the next, and the run's health weighs how many were bad.

Each step's CPU time is summed and put in the crawl's stats when it closes
(`jobradar/cpu_seconds/<step>`): where a crawl's time goes, in every crawl's log.
"""

from __future__ import annotations

import re
import time
from typing import Any, Self

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem
from scrapy.statscollectors import StatsCollector

# What processing one hostile or broken item may raise (parsing, numbers, encodings, depth).
ITEM_ERRORS = (
    ValueError,
    TypeError,
    KeyError,
    IndexError,
    AttributeError,
    ArithmeticError,
    RecursionError,
)


class Step:
    """A pipeline step; subclasses implement `step(self, item)`."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.cpu_seconds = 0.0

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    @property
    def stats(self) -> StatsCollector:
        assert self.crawler.stats is not None
        return self.crawler.stats

    def process_item(self, item: Any) -> Any:
        started = time.process_time()
        try:
            return self.step(item)
        except ITEM_ERRORS as exc:
            self.stats.inc_value("jobradar/bad_records")
            key = getattr(item, "source_id", None) or (
                item.get("source_id") if isinstance(item, dict) else None
            )
            raise DropItem(f"{type(self).__name__}: listing {key!r}: {exc!r}"[:300]) from exc
        finally:
            self.cpu_seconds += time.process_time() - started

    def close_spider(self) -> None:
        self.stats.set_value(f"jobradar/cpu_seconds/{self.stage}", self.cpu_seconds)

    @property
    def stage(self) -> str:
        """The step's name in the stats: "CleanTextPipeline" → "clean_text"."""
        name = type(self).__name__.removesuffix("Pipeline")
        return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()

    def step(self, item: Any) -> Any:
        raise NotImplementedError(f"{type(self).__name__} must define step()")
