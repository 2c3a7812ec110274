"""What every pipeline step shares: the crawler, its stats, and one bad item never more.

A step implements `step(item)`. An item that makes it raise is dropped and counted as a
bad record (`jobradar/bad_records`, logged as a warning by Scrapy's item drop); the crawl
goes on with the next, and the run's health weighs how many were bad.
"""

from __future__ import annotations

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

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    @property
    def stats(self) -> StatsCollector:
        assert self.crawler.stats is not None
        return self.crawler.stats

    def process_item(self, item: Any) -> Any:
        try:
            return self.step(item)
        except ITEM_ERRORS as exc:
            self.stats.inc_value("jobradar/bad_records")
            key = getattr(item, "source_id", None) or (
                item.get("source_id") if isinstance(item, dict) else None
            )
            raise DropItem(f"{type(self).__name__}: listing {key!r}: {exc!r}"[:300]) from exc

    def step(self, item: Any) -> Any:
        raise NotImplementedError(f"{type(self).__name__} must define step()")
