"""Greenhouse job boards (`boards-api.greenhouse.io`), one request per board token."""

from __future__ import annotations

import html
from collections.abc import Iterable
from typing import Any

from jobradar.crawler.items import ListingFields
from jobradar.crawler.spiders.bases.json_api import JsonApiSpider
from parsel import Selector

# Custom board fields some companies use for the work mode.
_WORKPLACE_FIELDS = {"location type", "workplace type", "remote type", "work type", "remote status"}


class GreenhouseBoardSpider(JsonApiSpider):
    """A Greenhouse board: `jobs[]` with entity-escaped HTML `content` (`?content=true`)."""

    endpoint = "https://boards-api.greenhouse.io/v1/boards/{board}/jobs?content=true"
    needs_boards = True

    def requests(self) -> Iterable[tuple[str, dict[str, Any]]]:
        for board in self.boards:
            yield self.url(self.endpoint.format(board=board)), {"board": board}

    def map(self, record: dict[str, Any], context: dict[str, Any]) -> ListingFields:
        content = html.unescape(record.get("content") or "")  # served entity-escaped
        pay_block = (
            Selector(text=content).css("div.content-pay-transparency").get() if content else None
        )
        workplace = None
        for field in record.get("metadata") or []:
            if str(field.get("name", "")).strip().lower() in _WORKPLACE_FIELDS:
                value = field.get("value")
                workplace = ", ".join(value) if isinstance(value, list) else value
        kept = {key: value for key, value in record.items() if key != "content"}
        return self.listing(
            source_id=str(record["id"]),
            board=context["board"],
            url=record["absolute_url"],
            title=record["title"],
            company=record.get("company_name") or context["board"],
            location_raw=(record.get("location") or {}).get("name"),
            workplace_raw=workplace,
            description=content,
            description_format="html",
            posted_at=record.get("first_published") or record.get("updated_at"),
            pay_structured={"kind": "pay_text", "text": pay_block} if pay_block else None,
            source_record=kept,
        )
