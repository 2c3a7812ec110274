"""Step 3: what the extractors read from a listing (work mode, salary, seniority, skills),
and the keys cross-source duplicates are found by."""

from __future__ import annotations

from jobradar.classifier.annotate import extract, listing_facts
from jobradar.classifier.duplicates import company_key, title_key
from jobradar.crawler.items import ListingItem, SeenRecords
from jobradar.crawler.pipelines.base import Step
from jobradar.store.listings import DESCRIBED


class DerivePipeline(Step):
    def step(self, item: ListingItem | SeenRecords) -> ListingItem | SeenRecords:
        if isinstance(item, SeenRecords) or item.unchanged:
            return item
        found = extract(listing_facts(vars(item)))
        item.tags = found.columns()
        item.company_key = company_key(item.company)
        item.title_key = title_key(item.title)
        tags = item.tags
        item.coverage = {
            "salary": tags["salary_currency"] is not None,
            "location": bool(item.location_raw or item.location_requirements or tags["countries"]),
            "description": len(item.description_text) >= DESCRIBED,
        }
        if found.salary is not None:
            self.stats.inc_value(f"jobradar/salary/{found.salary.origin}")
        return item
