"""Step 6: upsert listings into the store in batches, and count what changed."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from jobradar.crawler.items import ListingItem
from jobradar.crawler.pipelines.base import Step
from jobradar.crawler.runtime import crawl_engine, seen_at
from jobradar.store.derived import salary_columns
from jobradar.store.keys import company_key, title_key
from jobradar.store.listings import UpsertResult, upsert_listings
from scrapy.crawler import Crawler


def listing_row(item: ListingItem) -> dict[str, Any]:
    """The listings-table row of a fully processed item (lifecycle columns excluded)."""
    return {
        "source": item.source,
        "source_id": item.source_id,
        "board": item.board,
        "url": item.url,
        "title": item.title,
        "company": item.company,
        "location_raw": item.location_raw,
        "workplace_raw": item.workplace_raw,
        "location_requirements": item.location_requirements,
        "salary_raw": item.salary_raw,
        "pay_structured": item.pay_structured,
        "description_text": item.description_text,
        "description_hash": item.description_hash,
        "source_record": item.source_record,
        "posted_at": item.posted_at,
        "expires_at": item.expires_at,
        "remote_type": item.remote_type,
        "remote_scope": item.remote_scope,
        "countries": item.countries,
        **salary_columns(item.salary),
        "role": item.role,
        "role_confidence": item.role_confidence,
        "seniority": item.seniority,
        "skills": item.skills,
        "classifier_version": item.classifier_version,
        "extractor_version": item.extractor_version,
        "company_key": company_key(item.company),
        "title_key": title_key(item.title),
    }


class StorePipeline(Step):
    """Buffers rows and upserts them in one transaction per batch."""

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        self.batch_size = crawler.settings.getint("JOBRADAR_STORE_BATCH", 500)
        self.engine = crawl_engine(crawler.settings)
        self.seen_at: datetime = seen_at(crawler.settings)
        self.pending: list[dict[str, Any]] = []
        self.result = UpsertResult()

    def process_item(self, item: ListingItem) -> ListingItem:
        self.pending.append(listing_row(item))
        self.stats.inc_value("jobradar/stored")
        for field, present in (
            ("salary", item.salary is not None),
            ("location", bool(item.location_raw or item.location_requirements or item.countries)),
            ("description", len(item.description_text) >= 200),
        ):
            if present:
                self.stats.inc_value(f"jobradar/with_{field}")
        if len(self.pending) >= self.batch_size:
            self.flush()
        return item

    def flush(self) -> None:
        if not self.pending:
            return
        self.result.add(upsert_listings(self.engine, self.pending, self.seen_at))
        self.pending = []
        for name in ("new", "updated", "unchanged", "reopened"):
            self.stats.set_value(f"jobradar/{name}", getattr(self.result, name))

    def close_spider(self) -> None:
        self.flush()
