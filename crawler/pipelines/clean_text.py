"""Step 2: plain-text description (HTML removed, mojibake repaired) and its digest."""

from __future__ import annotations

from jobradar.classifier.text import description_text, repair, text_hash
from jobradar.crawler.items import ListingItem
from jobradar.crawler.pipelines.base import Step


class CleanTextPipeline(Step):
    def step(self, item: ListingItem) -> ListingItem:
        if item.unchanged:
            return item
        item.title = repair(item.title)
        item.company = repair(item.company) if item.company else item.company
        item.location_raw = repair(item.location_raw) if item.location_raw else item.location_raw
        item.description_text = description_text(item.description, item.description_format)
        item.description_hash = text_hash(item.description_text)
        return item
