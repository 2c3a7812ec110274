"""Jobicy remote jobs.

Source: Jobicy (jobicy.com), a board of remote jobs only.
Endpoint: https://jobicy.com/api/v2/remote-jobs?count=100 — JSON with `jobs[]`.
Terms: credit Jobicy with a direct link to the source, and send applicants to the job's
    own URL; the feed is refreshed a few times a day, so once a day is plenty.
Caveats: salary keys (`salaryMin`, `salaryMax`, `salaryCurrency`, `salaryPeriod`) appear
    only when known, sometimes only the minimum; `jobGeo` is free text ("EMEA,  LATAM,
    Canada,  USA"); `jobIndustry`/`jobType` are lists of HTML-escaped strings.
"""

from __future__ import annotations

import html
from typing import Any

from jobradar.crawler.items import ListingFields
from jobradar.crawler.spiders.bases.json_api import JsonApiSpider

_PAY_KEYS = ("salaryMin", "salaryMax", "salaryCurrency", "salaryPeriod")


class JobicySpider(JsonApiSpider):
    name = "jobicy"
    pay_kind = "jobicy"
    endpoint = "https://jobicy.com/api/v2/remote-jobs?count=100"
    attribution_url = "https://jobicy.com"
    terms_url = "https://jobicy.com/jobs-rss-feed"
    polling_limit = "once a day"
    remote_only = True

    def map(self, record: dict[str, Any], context: dict[str, Any]) -> ListingFields:
        pay = {key: record[key] for key in _PAY_KEYS if key in record}
        kept = {key: value for key, value in record.items() if key != "jobDescription"}
        for key in ("jobIndustry", "jobType"):
            if isinstance(kept.get(key), list):
                kept[key] = [html.unescape(str(value)) for value in kept[key]]
        return self.listing(
            source_id=str(record["id"]),
            url=record["url"],
            title=html.unescape(record["jobTitle"]),
            company=record.get("companyName"),
            location_raw=record.get("jobGeo"),
            description=record.get("jobDescription") or record.get("jobExcerpt") or "",
            description_format="html",
            posted_at=record.get("pubDate"),
            pay_structured={"kind": self.pay_kind, **pay} if pay else None,
            source_record=kept,
        )
