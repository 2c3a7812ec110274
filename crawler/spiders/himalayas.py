"""Himalayas remote jobs.

Source: Himalayas (himalayas.app), a board of remote jobs only.
Endpoint: https://himalayas.app/jobs/api?limit=20&offset=N — JSON with `jobs[]`, paged by
    `offset` up to `totalCount`.
Terms: free public API; link back to the job on Himalayas; polled once a day, at most
    `max_pages` pages (default 10) per crawl.
Caveats: the board holds far more jobs than one polite crawl pages through, so a crawl
    that stops at `max_pages` is partial and closes nothing — listings close when their
    `expiryDate` passes instead; salary is `minSalary`/`maxSalary` with `currency` (not
    always USD) and `salaryPeriod` (annual/hourly; absent means annual); `pubDate` and
    `expiryDate` are epoch seconds.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, ClassVar

import scrapy
from scrapy.http import Response

from jobradar.crawler.items import ListingFields
from jobradar.crawler.spiders.bases.json_api import JsonApiSpider

_PAY_KEYS = ("minSalary", "maxSalary", "currency", "salaryPeriod")


class HimalayasSpider(JsonApiSpider):
    name = "himalayas"
    pay_kind = "himalayas"
    options: ClassVar[Mapping[str, type]] = {"max_pages": int, "page_size": int}
    endpoint = "https://himalayas.app/jobs/api?limit={limit}&offset={offset}"
    attribution_url = "https://himalayas.app/jobs"
    terms_url = "https://himalayas.app/api"
    polling_limit = "once a day, max_pages pages"
    remote_only = True

    @property
    def page_size(self) -> int:
        return int(self.config.options.get("page_size", 20))

    @property
    def max_pages(self) -> int:
        return int(self.config.options.get("max_pages", 10))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.seen_ids: set[str] = set()

    def requests(self) -> Iterable[tuple[str, dict[str, Any]]]:
        yield self.url(self.endpoint.format(limit=self.page_size, offset=0)), {"page": 1}

    def records(self, data: Any, context: dict[str, Any]) -> Iterable[dict[str, Any]]:
        jobs = data["jobs"]
        fresh = [job for job in jobs if str(job.get("guid")) not in self.seen_ids]
        self.seen_ids.update(str(job.get("guid")) for job in jobs)
        context["fresh"] = len(fresh)
        return fresh

    def map(self, record: dict[str, Any], context: dict[str, Any]) -> ListingFields:
        pay = {key: record[key] for key in _PAY_KEYS if record.get(key) is not None}
        restrictions = record.get("locationRestrictions") or []
        return self.listing(
            source_id=record["guid"],
            url=record["applicationLink"]
            if "himalayas.app" in str(record.get("applicationLink"))
            else record["guid"],
            title=record["title"],
            company=record.get("companyName"),
            location_raw=", ".join(restrictions) or None,
            location_requirements=list(restrictions),
            description=record.get("description") or record.get("excerpt") or "",
            description_format="html",
            posted_at=record.get("pubDate"),
            expires_at=record.get("expiryDate"),
            pay_structured={"kind": self.pay_kind, **pay}
            if "minSalary" in pay or "maxSalary" in pay
            else None,
            source_record={key: value for key, value in record.items() if key != "description"},
        )

    def next_page(
        self, data: Any, response: Response, context: dict[str, Any]
    ) -> scrapy.Request | None:
        jobs = data.get("jobs") or []
        offset = int(data.get("offset", 0)) + len(jobs)
        if not jobs or offset >= int(data.get("totalCount", 0)):
            return None
        if context["page"] >= self.max_pages or not context.get("fresh"):
            self.count("truncated")  # the board has more (or repeats itself): this crawl is partial
            return None
        return self.request(
            self.url(self.endpoint.format(limit=self.page_size, offset=offset)),
            {"page": context["page"] + 1},
        )
