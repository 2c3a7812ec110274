"""Downloader middlewares: retries that back off, and a request budget per source."""

from __future__ import annotations

import asyncio
from email.utils import parsedate_to_datetime
from typing import Self

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response
from scrapy.settings import BaseSettings

from jobradar.store.types import utc_now


def retry_after_seconds(value: bytes | None) -> float | None:
    """Seconds a `Retry-After` header asks for (delta seconds or an HTTP date)."""
    if not value:
        return None
    text = value.decode("latin-1").strip()
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    return max(0.0, (when - utc_now()).total_seconds())


class BackoffRetryMiddleware(RetryMiddleware):
    """Scrapy's retry, waiting base·2ⁿ seconds (or Retry-After, capped) before each retry.

    Waiting inside the middleware only delays this request; the rest of the crawl goes on.
    """

    def __init__(self, settings: BaseSettings) -> None:
        super().__init__(settings)
        self.base = settings.getfloat("RETRY_BACKOFF_BASE", 2.0)
        self.cap = settings.getfloat("RETRY_BACKOFF_MAX", 60.0)

    def _delay(self, request: Request, response: Response | None) -> float:
        attempt = request.meta.get("retry_times", 0)
        delay = min(self.cap, self.base * 2**attempt)
        if response is not None:
            asked = retry_after_seconds(response.headers.get(b"Retry-After"))
            if asked is not None:
                delay = min(self.cap, max(delay, asked))
        return delay

    async def process_response(self, request: Request, response: Response) -> Request | Response:  # type: ignore[override]
        if request.meta.get("dont_retry", False) or response.status not in self.retry_http_codes:
            return response
        await asyncio.sleep(self._delay(request, response))
        return self._retry(request, f"{response.status} response") or response

    async def process_exception(self, request: Request, exception: Exception) -> Request | None:  # type: ignore[override]
        if request.meta.get("dont_retry", False) or not isinstance(
            exception, self.exceptions_to_retry
        ):
            return None
        await asyncio.sleep(self._delay(request, None))
        return self._retry(request, exception)


class RequestCapMiddleware:
    """Refuse requests beyond a source's budget, so a paging bug cannot crawl forever.

    The budget is the spider's `max_requests` attribute, else `JOBRADAR_MAX_REQUESTS`.
    Hitting it is counted as an error: the crawl is then partial and closes nothing.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.sent = 0

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    def process_request(self, request: Request) -> None:
        if request.url.endswith("/robots.txt"):
            return
        spider = self.crawler.spider
        cap = getattr(spider, "max_requests", None) or self.crawler.settings.getint(
            "JOBRADAR_MAX_REQUESTS"
        )
        self.sent += 1
        if self.sent > cap:
            assert self.crawler.stats is not None
            self.crawler.stats.inc_value("jobradar/request_cap_reached")
            raise IgnoreRequest(f"request budget of {cap} reached: {request.url}")
