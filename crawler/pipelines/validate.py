"""Step 1: turn what a spider yielded into a validated `ListingItem`, or drop it, counted;
a valid item gets the fingerprint of its facts."""

from __future__ import annotations

import logging
from typing import Any

from pydantic import ValidationError
from scrapy.exceptions import DropItem

from jobradar.crawler.items import ListingItem
from jobradar.crawler.pipelines.base import Step

logger = logging.getLogger(__name__)


class ValidatePipeline(Step):
    def step(self, item: Any) -> ListingItem:
        if isinstance(item, ListingItem):
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
        return valid
