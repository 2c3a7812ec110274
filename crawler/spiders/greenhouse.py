"""Greenhouse boards of the companies in the sources file.

Source: Greenhouse job boards (boards.greenhouse.io / job-boards.greenhouse.io), the
    ATS of many AI companies; one board per company token.
Endpoint: https://boards-api.greenhouse.io/v1/boards/{board}/jobs?content=true
Terms: the Job Board API is public and unauthenticated; listings belong to each
    employer and link to their board. Polled once a day per board.
Caveats: `content` is entity-escaped HTML (unescaped once here); there is no remote
    field — some boards add a "Location Type" custom field, read as the workplace;
    pay, when posted, is the `content-pay-transparency` block (kept raw) or prose;
    without `content=true` there is no description.
"""

from __future__ import annotations

import html
from typing import Any

from parsel import Selector

from jobradar.crawler.items import ListingFields
from jobradar.crawler.spiders.bases.json_api import JsonApiSpider

# Custom board fields some companies use for the work mode.
_WORKPLACE_FIELDS = {"location type", "workplace type", "remote type", "work type", "remote status"}
_PAY_CLASS = "content-pay-transparency"  # Greenhouse's pay transparency block
# The entities Greenhouse escapes its markup with, "&amp;" last: html.unescape reads each
# "&" once, so "&amp;lt;" is "&lt;" and no second unescape.
_MARKUP_ENTITIES = (("&lt;", "<"), ("&gt;", ">"), ("&quot;", '"'), ("&#39;", "'"), ("&amp;", "&"))


def _unescaped(content: str) -> str:
    """`html.unescape(content)`: a replace per entity when every "&" starts one of
    `_MARKUP_ENTITIES` (html.unescape calls a function per reference: ~100 a job)."""
    if content.count("&") != sum(content.count(entity) for entity, _ in _MARKUP_ENTITIES):
        return html.unescape(content)
    for entity, character in _MARKUP_ENTITIES:
        content = content.replace(entity, character)
    return content


class GreenhouseSpider(JsonApiSpider):
    """A Greenhouse board: `jobs[]` with entity-escaped HTML `content` (`?content=true`)."""

    name = "greenhouse"
    pay_kind = "pay_text"
    attribution_url = "https://www.greenhouse.com"
    terms_url = "https://developers.greenhouse.io/job-board.html"
    polling_limit = "once a day per board"

    endpoint = "https://boards-api.greenhouse.io/v1/boards/{board}/jobs?content=true"
    needs_boards = True

    def map(self, record: dict[str, Any], context: dict[str, Any]) -> ListingFields:
        content = _unescaped(record.get("content") or "")  # served entity-escaped
        # parsing the whole content for its pay block costs more than mapping the rest of the
        # record: only content naming the block's class (or spelling it with character
        # references, which the parser reads as html.unescape does) can hold one
        pay_block = (
            Selector(text=content).css(f"div.{_PAY_CLASS}").get()
            if _PAY_CLASS in content or ("&#" in content and _PAY_CLASS in html.unescape(content))
            else None
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
            pay_structured={"kind": self.pay_kind, "text": pay_block} if pay_block else None,
            source_record=kept,
        )
