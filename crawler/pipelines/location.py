"""Step 3: remote type, its scope, and the countries a listing names."""

from __future__ import annotations

from jobradar.classifier.annotate import work_mode
from jobradar.crawler.items import ListingItem
from jobradar.crawler.pipelines.base import Step
from jobradar.crawler.pipelines.facts import facts_of


class LocationPipeline(Step):
    def process_item(self, item: ListingItem) -> ListingItem:
        mode = work_mode(facts_of(item))
        item.remote_type = mode.remote_type  # type: ignore[assignment]
        item.remote_scope = mode.scope
        item.countries = mode.countries
        return item
