"""JSON APIs: one request per feed or board, a list of job records in each answer."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Collection, Iterable, Iterator
from typing import Any

import scrapy
from scrapy.downloadermiddlewares.retry import get_retry_request
from scrapy.http import Response

from jobradar.crawler.items import ListingFields, SeenRecords
from jobradar.crawler.runtime import known_listings
from jobradar.crawler.spiders.bases.listing import ListingSpider

# What a record that does not fit the expected shape raises while being mapped.
MAPPING_ERRORS = (KeyError, TypeError, ValueError, AttributeError, IndexError)


class JsonApiSpider(ListingSpider):
    """Fetches `requests()`, finds the records in each answer, maps each to an item.

    Hooks (defaults in brackets):
    - `requests()`: (url, context) pairs to fetch [the endpoint once; for a source of
      boards (`needs_boards`), `board_endpoint(board)` once per board, with `board` in
      the context];
    - `records(data, context)`: the job records in a decoded answer [the list itself, or `jobs`];
    - `is_listing(record)`: False for records that are not jobs (notices, ads) [True];
    - `map(record, context)`: the item for one record, read from the record and the
      context's board alone [required];
    - `next_page(data, response, context)`: the next request, for paged APIs [None].

    A record the store holds exactly as served, mapped by the same code (its
    `record_digest` among `known_records`, read once per crawl), is not mapped again:
    a response's such records are yielded together as one `SeenRecords`.
    """

    known_records: Collection[str] = frozenset()

    def requests(self) -> Iterable[tuple[str, dict[str, Any]]]:
        if not self.needs_boards:
            yield self.url(self.endpoint), {}
            return
        for board in self.boards:
            yield self.url(self.board_endpoint(board)), {"board": board}

    def board_endpoint(self, board: str) -> str:
        return self.endpoint.format(board=board)

    def records(self, data: Any, context: dict[str, Any]) -> Iterable[dict[str, Any]]:
        return data if isinstance(data, list) else data["jobs"]

    def is_listing(self, record: dict[str, Any]) -> bool:
        return True

    def map(self, record: dict[str, Any], context: dict[str, Any]) -> ListingFields:
        raise NotImplementedError(f"{type(self).__name__} must map its records")

    def next_page(
        self, data: Any, response: Response, context: dict[str, Any]
    ) -> scrapy.Request | None:
        return None

    def request(self, url: str, context: dict[str, Any]) -> scrapy.Request:
        return scrapy.Request(url, callback=self.parse, cb_kwargs={"context": context})

    async def start(self) -> AsyncIterator[scrapy.Request]:
        assert self.crawler is not None
        self.known_records = known_listings(self.crawler.settings, self.name).by_record
        for url, context in self.requests():
            yield self.request(url, context)

    def parse(self, response: Response, context: dict[str, Any] | None = None) -> Iterator[Any]:
        context = context or {}
        try:
            data = json.loads(response.text)
            records = list(self.records(data, context))
        except (ValueError, *MAPPING_ERRORS) as exc:
            # a garbled or cut answer is retried like a 5xx; only one that stays so is an error
            asked = response.request
            retry = asked and get_retry_request(asked, spider=self, reason="unreadable answer")
            if retry:
                yield retry
                return
            self.malformed(response, f"no job records: {exc!r}")
            return
        self.count("pages")
        seen = []
        for record in records:
            if not isinstance(record, dict) or not self.is_listing(record):
                self.count("skipped_records")
                continue
            try:
                digest = self.record_digest(record, context.get("board"))
                if digest in self.known_records:
                    seen.append(digest)
                    continue
                yield {**self.map(record, context), "record_hash": digest}
            except MAPPING_ERRORS as exc:
                self.bad_record(response, f"record does not fit: {exc!r}")
        if seen:
            yield SeenRecords(self.name, seen)
        follow = self.next_page(data, response, context)
        if follow is not None:
            yield follow
