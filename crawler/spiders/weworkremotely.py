"""We Work Remotely RSS feeds — shipped DISABLED.

Source: We Work Remotely (weworkremotely.com), a board of remote jobs only.
Endpoint: https://weworkremotely.com/remote-jobs.rss (all jobs) or a category feed,
    e.g. https://weworkremotely.com/categories/remote-devops-sysadmin-jobs.rss (`feeds`).
Terms: WWR's terms of service forbid using its content to build or feed another job
    service. jobradar is one, so this source is disabled in the default sources file;
    enable it only with WWR's written permission.
Caveats: `<title>` is "Company: Job title"; `<description>` is HTML escaped inside the
    XML and starts with a logo and a "Headquarters:" block; `<region>`, `<country>`,
    `<state>`, `<type>`, `<category>` have no namespace (2026 feeds add country, state and
    skills); `pubDate` is RFC 822; no structured pay.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator, Mapping
from typing import Any, ClassVar

import scrapy
from parsel import Selector
from scrapy.http import Response

from jobradar.crawler.items import ListingFields
from jobradar.crawler.spiders.bases.json_api import MAPPING_ERRORS
from jobradar.crawler.spiders.bases.listing import ListingSpider

_EXTRA = ("region", "country", "state", "type", "category", "skills", "expires_at", "guid")


class WeworkremotelySpider(ListingSpider):
    """Fetches each feed (`feeds` in the sources file, else `endpoint`), one item per `<item>`."""

    name = "weworkremotely"
    options: ClassVar[Mapping[str, type]] = {"feeds": list}
    endpoint = "https://weworkremotely.com/remote-jobs.rss"
    attribution_url = "https://weworkremotely.com"
    terms_url = "https://weworkremotely.com/terms-of-service"
    polling_limit = "disabled: the terms forbid building a job service on WWR data"
    remote_only = True

    def map(self, entry: Selector, feed: str) -> ListingFields:
        heading = self.field(entry, "title") or ""
        company, _, title = heading.partition(": ")
        extra = self.fields(entry, _EXTRA)
        link = self.field(entry, "link") or extra["guid"]
        places = [value for value in (extra["region"], extra["country"], extra["state"]) if value]
        return self.listing(
            source_id=extra["guid"] or link,
            url=link,
            title=title or heading,
            company=company if title else None,
            location_raw=", ".join(places) or None,
            description=self.field(entry, "description") or "",
            description_format="html",
            posted_at=self.field(entry, "pubDate"),
            expires_at=extra["expires_at"],
            source_record={"title": heading, "link": link, "feed": feed, **extra},
        )

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
                self.bad_record(response, f"item does not fit: {exc!r}")

    @staticmethod
    def field(entry: Selector, name: str) -> str | None:
        value = entry.xpath(f"./*[local-name()='{name}']/text()").get()
        return value.strip() if value and value.strip() else None

    @classmethod
    def fields(cls, entry: Selector, names: tuple[str, ...]) -> dict[str, Any]:
        return {name: cls.field(entry, name) for name in names}
