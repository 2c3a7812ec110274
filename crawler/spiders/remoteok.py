"""Remote OK job feed.

Source: Remote OK (remoteok.com), a board of remote jobs only.
Endpoint: https://remoteok.com/api — one JSON array; element 0 is a legal notice.
Terms: link back to Remote OK (a followed link) and name it as the source, or API
    access is suspended; the logo may not be used. Polled once a day.
Caveats: the legal notice is skipped by content (no `id`), not by position; records
    with an empty `position` are not jobs (spam) and are skipped; `salary_min` and
    `salary_max` are yearly USD with 0 meaning unknown, some posters put hourly figures
    there (left to the text); descriptions carry mojibake and an anti-spam footer
    (cleaned by the pipelines).
"""

from __future__ import annotations

from typing import Any

from jobradar.crawler.items import ListingFields
from jobradar.crawler.spiders.bases.json_api import JsonApiSpider


class RemoteokSpider(JsonApiSpider):
    name = "remoteok"
    pay_kind = "remoteok"
    endpoint = "https://remoteok.com/api"
    attribution_url = "https://remoteok.com"
    terms_url = "https://remoteok.com/api"
    polling_limit = "once a day"
    remote_only = True

    def is_listing(self, record: dict[str, Any]) -> bool:
        return (
            "id" in record
            and "legal" not in record
            and bool(str(record.get("position") or "").strip())
        )

    def map(self, record: dict[str, Any], context: dict[str, Any]) -> ListingFields:
        return self.listing(
            source_id=str(record["id"]),
            url=record.get("url") or record["apply_url"],
            title=record["position"],
            company=record.get("company"),
            location_raw=record.get("location"),
            description=record.get("description") or "",
            description_format="html",
            posted_at=record.get("epoch") or record.get("date"),
            pay_structured={
                "kind": self.pay_kind,
                "salary_min": record.get("salary_min"),
                "salary_max": record.get("salary_max"),
            },
            source_record={key: value for key, value in record.items() if key != "description"},
        )
