"""RSS job feeds: one request per feed, one item per `<item>`."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any

import scrapy
from jobradar.crawler.items import ListingFields
from jobradar.crawler.spiders.bases.json_api import MAPPING_ERRORS
from jobradar.crawler.spiders.bases.listing import ListingSpider
from parsel import Selector
from scrapy.http import Response


class RssFeedSpider(ListingSpider):
    """Fetches each feed (`feeds` in the sources file, else `endpoint`) and maps its items.

    Hook: `map(item, feed)` turns one `<item>` (a parsel selector) into an item.
    """

    def feeds(self) -> list[str]:
        return list(self.config.options.get("feeds") or [self.endpoint])

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for feed in self.feeds():
            yield scrapy.Request(self.url(feed), callback=self.parse, cb_kwargs={"feed": feed})

    def parse(self, response: Response, feed: str = "") -> Iterator[ListingFields]:
        try:
            document = Selector(text=response.text, type="xml")
            entries = document.xpath("//channel/item")
        except ValueError as exc:
            self.malformed(response, f"not an RSS feed: {exc!r}")
            return
        if not document.xpath("//channel"):
            self.malformed(response, "not an RSS feed: no <channel>")
            return
        self.count("pages")
        for entry in entries:
            try:
                yield self.map(entry, feed)
            except MAPPING_ERRORS as exc:
                self.malformed(response, f"item does not fit: {exc!r}")

    def map(self, entry: Selector, feed: str) -> ListingFields:
        raise NotImplementedError(f"{type(self).__name__} must map its items")

    @staticmethod
    def field(entry: Selector, name: str) -> str | None:
        value = entry.xpath(f"./*[local-name()='{name}']/text()").get()
        return value.strip() if value and value.strip() else None

    @staticmethod
    def fields(entry: Selector, names: tuple[str, ...]) -> dict[str, Any]:
        return {name: RssFeedSpider.field(entry, name) for name in names}
