"""Scrapy's log formatter, less the per-item "Scraped from" line.

Scrapy builds that DEBUG record for every item even when LOG_LEVEL hides it (the root
logger passes everything to its handler, which filters): a record, the caller's frame
and a dict per listing, about 10 µs each, for a line no run ever shows. Dropped items,
errors and every other message are logged as before.
"""

from __future__ import annotations

from typing import Any

from scrapy import Spider
from scrapy.http import Response
from scrapy.logformatter import LogFormatter, LogFormatterResult
from twisted.python.failure import Failure


class QuietLogFormatter(LogFormatter):
    def scraped(  # type: ignore[override]
        self, item: Any, response: Response | Failure | None, spider: Spider
    ) -> LogFormatterResult | None:
        return None
