"""The raw facts of an item, as the extractors take them."""

from __future__ import annotations

from jobradar.classifier.annotate import Facts
from jobradar.crawler.items import ListingItem
from jobradar.store.types import utc_now


def facts_of(item: ListingItem) -> Facts:
    reference = (item.posted_at or utc_now()).date()
    return Facts(
        title=item.title,
        text=item.description_text,
        location=item.location_raw,
        workplace=item.workplace_raw,
        location_requirements=item.location_requirements,
        salary_raw=item.salary_raw,
        pay_structured=item.pay_structured,
        reference=reference,
    )
