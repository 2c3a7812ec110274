"""Ashby job boards (`api.ashbyhq.com/posting-api`), one request per organisation."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from jobradar.crawler.items import ListingFields
from jobradar.crawler.spiders.bases.json_api import JsonApiSpider


class AshbyBoardSpider(JsonApiSpider):
    """An Ashby board: `jobs[]` with HTML descriptions and, on request, compensation tiers."""

    endpoint = "https://api.ashbyhq.com/posting-api/job-board/{board}?includeCompensation=true"
    needs_boards = True

    def requests(self) -> Iterable[tuple[str, dict[str, Any]]]:
        for board in self.boards:
            yield self.url(self.endpoint.format(board=board)), {"board": board}

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
            pay_structured={"kind": "ashby", "compensation": record["compensation"]}
            if record.get("compensation")
            else None,
            source_record={
                key: value
                for key, value in record.items()
                if key not in {"descriptionHtml", "descriptionPlain"}
            },
        )
