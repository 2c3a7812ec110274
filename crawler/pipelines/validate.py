"""Step 1: turn what a spider yielded into a validated `ListingItem`, or drop it, counted;
a valid item gets the fingerprint of its facts, and is marked unchanged when the store
already holds those very facts (the later steps then derive nothing again)."""

from __future__ import annotations

import logging
from typing import Any

from pydantic import ValidationError
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem

from jobradar.crawler.items import ListingItem, SeenRecords
from jobradar.crawler.pipelines.base import Step
from jobradar.crawler.runtime import known_listings
from jobradar.store.listings import Fingerprint

logger = logging.getLogger(__name__)


class ValidatePipeline(Step):
    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        self._known: dict[tuple[str, str], Fingerprint] | None = None

    def step(self, item: Any) -> ListingItem | SeenRecords:
        if isinstance(item, ListingItem | SeenRecords):
            return item
        try:
            valid = ListingItem.model_validate(dict(item))
        except ValidationError as exc:
            self.stats.inc_value("jobradar/bad_records")
            problems = "; ".join(
                f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors()[:3]
            )
            key = item.get("source_id") if isinstance(item, dict) else None
            raise DropItem(f"invalid listing {key!r}: {problems}") from exc
        valid.content_hash = valid.fingerprint()
        known = self.known(valid.source).get((valid.board or "", valid.source_id))
        if known is not None and known.content_hash == valid.content_hash:
            valid.unchanged = True
            valid.coverage = known.coverage()
        return valid

    def known(self, source: str) -> dict[tuple[str, str], Fingerprint]:
        """The fingerprints the store holds for `source`, read once per crawl."""
        if self._known is None:
            self._known = known_listings(self.crawler.settings, source).by_key
        return self._known
