"""Step 4: base pay as posted, annualised in USD (structured field first, then text)."""

from __future__ import annotations

from jobradar.classifier.annotate import EXTRACTOR_VERSION, salary
from jobradar.classifier.remote import WorkMode
from jobradar.crawler.items import ListingItem
from jobradar.crawler.pipelines.base import Step
from jobradar.crawler.pipelines.facts import facts_of


class SalaryPipeline(Step):
    def process_item(self, item: ListingItem) -> ListingItem:
        mode = WorkMode(item.remote_type, item.countries)
        item.salary = salary(facts_of(item), mode)
        item.extractor_version = EXTRACTOR_VERSION
        if item.salary is not None:
            self.stats.inc_value(f"jobradar/salary/{item.salary.origin}")
        return item
