"""Lever boards of the companies in the sources file.

Source: Lever job sites (jobs.lever.co), the ATS of many AI companies; one site per company.
Endpoint: https://api.lever.co/v0/postings/{board}?mode=json (with `eu = true` in the
    sources file: https://api.eu.lever.co/v0/postings/{board}?mode=json).
Terms: the Postings API is public and unauthenticated; listings belong to each employer
    and link to their site. Polled once a day per board.
Caveats: the answer is a bare array; `createdAt` is epoch milliseconds; `salaryRange` is
    optional with varying key order and intervals (per-year-salary, per-hour-wage …);
    `workplaceType` is remote/hybrid/onsite/unspecified; HTML fields have plain twins.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, ClassVar

from jobradar.crawler.items import ListingFields
from jobradar.crawler.spiders.bases.json_api import JsonApiSpider

_TEXT_FIELDS = (
    "description",
    "descriptionPlain",
    "lists",
    "additional",
    "additionalPlain",
    "opening",
    "openingPlain",
    "descriptionBody",
    "descriptionBodyPlain",
)


class LeverSpider(JsonApiSpider):
    """A Lever board: a bare JSON array of postings (`mode=json`)."""

    name = "lever"
    pay_kind = "lever"
    options: ClassVar[Mapping[str, type]] = {"eu": bool}
    attribution_url = "https://www.lever.co"
    terms_url = "https://github.com/lever/postings-api"
    polling_limit = "once a day per board"

    endpoint = "https://api.lever.co/v0/postings/{board}?mode=json"
    eu_endpoint = "https://api.eu.lever.co/v0/postings/{board}?mode=json"
    needs_boards = True

    def board_endpoint(self, board: str) -> str:
        template = self.eu_endpoint if self.config.options.get("eu") else self.endpoint
        return template.format(board=board)

    def records(self, data: Any, context: dict[str, Any]) -> Iterable[dict[str, Any]]:
        if not isinstance(data, list):
            raise TypeError(f"expected a JSON array of postings, got {type(data).__name__}")
        return data

    def map(self, record: dict[str, Any], context: dict[str, Any]) -> ListingFields:
        categories = record.get("categories") or {}
        sections = [record.get("description") or ""]
        for block in record.get("lists") or []:
            sections.append(f"<h3>{block.get('text', '')}</h3><ul>{block.get('content', '')}</ul>")
        sections.append(record.get("additional") or "")
        locations = categories.get("allLocations") or []
        return self.listing(
            source_id=record["id"],
            board=context["board"],
            url=record["hostedUrl"],
            title=record["text"],
            company=context["board"],
            location_raw=categories.get("location") or "; ".join(locations) or None,
            location_requirements=[record["country"]] if record.get("country") else [],
            workplace_raw=record.get("workplaceType"),
            description="\n".join(section for section in sections if section),
            description_format="html",
            posted_at=record.get("createdAt"),
            pay_structured={"kind": self.pay_kind, "salaryRange": record["salaryRange"]}
            if record.get("salaryRange")
            else None,
            source_record={key: value for key, value in record.items() if key not in _TEXT_FIELDS},
        )
