"""Step 4: store listings in batches, and count what changed.

A key repeated within one crawl (a feed listing a job twice) is stored once and counted
(`jobradar/duplicate_ids`); a listing the database refuses is counted as invalid.
"""

from __future__ import annotations

import time
from collections import Counter
from datetime import datetime
from typing import Any

from scrapy.crawler import Crawler

from jobradar.crawler.items import ListingItem, SeenRecords
from jobradar.crawler.pipelines.base import Step
from jobradar.crawler.runtime import crawl_engine, known_listings, seen_at
from jobradar.store.listings import UpsertResult, natural_key, upsert_listings

# The item's fields stored as they are (the rest: lifecycle, derived tags, keys).
_STORED_FIELDS = (
    "source",
    "source_id",
    "url",
    "title",
    "company",
    "location_raw",
    "workplace_raw",
    "location_requirements",
    "salary_raw",
    "pay_structured",
    "description_text",
    "description_hash",
    "content_hash",
    "source_record",
    "record_hash",
    "posted_at",
    "expires_at",
    "company_key",
    "title_key",
)


def listing_row(item: ListingItem) -> dict[str, Any]:
    """The listings-table row of a fully processed item (lifecycle and role excluded); of
    an unchanged one, its key and fingerprint (the store only records the sighting)."""
    if item.unchanged:
        fields = ("source", "source_id", "content_hash", "record_hash")
        return {**{name: getattr(item, name) for name in fields}, "board": item.board or ""}
    row = {name: getattr(item, name) for name in _STORED_FIELDS}
    return {**row, "board": item.board or "", **item.tags}


class StorePipeline(Step):
    """Buffers rows and stores them in batches; nothing pending outlives a flush."""

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        self.batch_size = crawler.settings.getint("JOBRADAR_STORE_BATCH", 2000)
        self.engine = crawl_engine(crawler.settings)
        self.seen_at: datetime = seen_at(crawler.settings)
        self.pending: list[dict[str, Any]] = []
        self.keys: set[tuple[str, str, str]] = set()
        self.result = UpsertResult()
        # with_<field> and unchanged_seen since the last flush
        self.coverage: Counter[str] = Counter()

    def step(self, item: ListingItem | SeenRecords) -> ListingItem | SeenRecords:
        if isinstance(item, SeenRecords):
            known = known_listings(self.crawler.settings, item.source)
            for digest in item.record_hashes:
                board, source_id = known.by_record[digest]
                fingerprint = known.by_key[board, source_id]
                row = {
                    "source": item.source,
                    "source_id": source_id,
                    "content_hash": fingerprint.content_hash,
                    "record_hash": digest,
                    "board": board,
                }
                self.add(row, unchanged=True, coverage=fingerprint.coverage())
        else:
            self.add(listing_row(item), unchanged=item.unchanged, coverage=item.coverage)
        if len(self.pending) >= self.batch_size:
            self.flush()
        return item

    def add(self, row: dict[str, Any], *, unchanged: bool, coverage: dict[str, bool]) -> None:
        key = natural_key(row)
        if key in self.keys:
            self.stats.inc_value("jobradar/duplicate_ids")
            return
        self.keys.add(key)
        self.pending.append(row)
        self.stats.inc_value("jobradar/stored")  # live: the progress lines report it
        if unchanged:
            self.coverage["unchanged_seen"] += 1
        for field, present in coverage.items():
            if present:
                self.coverage[f"with_{field}"] += 1

    def flush(self) -> None:
        pending, self.pending = self.pending, []
        # counted here, not by a stats call per item and field (~3 µs each)
        for name, count in self.coverage.items():
            self.stats.inc_value(f"jobradar/{name}", count)
        self.coverage.clear()
        if not pending:
            return
        self.result.add(upsert_listings(self.engine, pending, self.seen_at))
        for name in ("new", "updated", "unchanged", "reopened"):
            self.stats.set_value(f"jobradar/{name}", getattr(self.result, name))
        # a row the database refused is a bad record like any other
        self.stats.set_value("jobradar/refused_rows", self.result.invalid)

    def close_spider(self) -> None:
        started = time.process_time()
        self.flush()
        self.cpu_seconds += time.process_time() - started
        super().close_spider()
