"""Ashby boards of the companies in the sources file.

Source: Ashby job boards (jobs.ashbyhq.com), the ATS of OpenAI and many AI start-ups.
Endpoint: https://api.ashbyhq.com/posting-api/job-board/{board}?includeCompensation=true
Terms: the public posting API needs no key; listings belong to each employer and link to
    their board. Polled once a day per board.
Caveats: `workplaceType` (Remote/Hybrid/OnSite) is the work mode — `isRemote` is independent
    of it and not used; compensation comes only with `includeCompensation=true`, may be all
    null, and has several tiers (by geography) whose components include equity (kept raw,
    read by the salary step); unlisted jobs are skipped.
"""

from __future__ import annotations

from typing import Any

from jobradar.crawler.items import ListingFields
from jobradar.crawler.spiders.bases.json_api import JsonApiSpider


class AshbySpider(JsonApiSpider):
    """An Ashby board: `jobs[]` with HTML descriptions and, on request, compensation tiers."""

    name = "ashby"
    pay_kind = "ashby"
    attribution_url = "https://www.ashbyhq.com"
    terms_url = "https://developers.ashbyhq.com/docs/public-job-posting-api"
    polling_limit = "once a day per board"

    endpoint = "https://api.ashbyhq.com/posting-api/job-board/{board}?includeCompensation=true"
    needs_boards = True

    def is_listing(self, record: dict[str, Any]) -> bool:
        return record.get("isListed", True) is not False  # unlisted jobs are not public openings

    def map(self, record: dict[str, Any], context: dict[str, Any]) -> ListingFields:
        secondary = [
            place.get("location")
            for place in record.get("secondaryLocations") or []
            if place.get("location")
        ]
        country = ((record.get("address") or {}).get("postalAddress") or {}).get("addressCountry")
        return self.listing(
            source_id=record["id"],
            board=context["board"],
            url=record["jobUrl"],
            title=record["title"],
            company=context["board"],
            location_raw="; ".join([record.get("location") or "", *secondary]).strip("; ") or None,
            location_requirements=[country] if country else [],
            workplace_raw=record.get("workplaceType"),  # not `isRemote`, which disagrees with it
            description=record.get("descriptionHtml") or record.get("descriptionPlain") or "",
            description_format="html" if record.get("descriptionHtml") else "text",
            posted_at=record.get("publishedAt"),
            pay_structured={"kind": self.pay_kind, "compensation": record["compensation"]}
            if record.get("compensation")
            else None,
            source_record={
                key: value
                for key, value in record.items()
                if key not in {"descriptionHtml", "descriptionPlain"}
            },
        )
