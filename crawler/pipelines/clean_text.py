"""Step 2: plain-text description (HTML removed, mojibake repaired) and its digest.

A description the HTML parser could not read whole (read by stripping its tags instead),
or one cut at its maximum length, is counted (`jobradar/text_fallback`,
`jobradar/text_truncated`): never an empty description no one hears of.
"""

from __future__ import annotations

from jobradar.classifier.text import clean_description, repair, text_hash
from jobradar.crawler.items import ListingItem, SeenRecords
from jobradar.crawler.pipelines.base import Step


class CleanTextPipeline(Step):
    def step(self, item: ListingItem | SeenRecords) -> ListingItem | SeenRecords:
        if isinstance(item, SeenRecords) or item.unchanged:
            return item
        item.title = repair(item.title)
        item.company = repair(item.company) if item.company else item.company
        item.location_raw = repair(item.location_raw) if item.location_raw else item.location_raw
        cleaned = clean_description(item.description, item.description_format)
        item.description_text = cleaned.text
        item.description_hash = text_hash(item.description_text)
        for what, happened in (("fallback", cleaned.fallback), ("truncated", cleaned.truncated)):
            if happened:
                self.stats.inc_value(f"jobradar/text_{what}")
        return item
