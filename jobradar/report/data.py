"""Everything a report shows, gathered from the store for one date."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import Engine, func, select

from classifier.taxonomy import ROLE_NAMES
from crawler.registry import spider_classes
from scheduler.crawls import CrawlResult
from store.models import Listing
from store.queries import active_on, canonical, role_counts
from store.salary_index import IndexCell, salary_index
from store.types import utc_now


@dataclass
class SourceCredit:
    name: str
    url: str
    listings: int


@dataclass
class Report:
    day: date
    generated_at: datetime
    index: list[IndexCell]
    roles: dict[str, int]
    credits: list[SourceCredit]
    crawls: list[CrawlResult] = field(default_factory=list)
    fx_dates: tuple[date | None, date | None] = (None, None)
    classifiers: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.roles.values())

    def role_name(self, slug: str) -> str:
        return "All roles" if slug == "all" else ROLE_NAMES.get(slug, slug)


def _credits(engine: Engine, day: date) -> list[SourceCredit]:
    query = (
        select(Listing.source, func.count())
        .where(active_on(day), canonical())
        .group_by(Listing.source)
    )
    with engine.connect() as connection:
        counts: dict[str, Any] = dict(connection.execute(query).all())
    spiders = spider_classes()
    credits = []
    for source, listings in sorted(counts.items()):
        spider = spiders.get(source)
        credits.append(
            SourceCredit(source, getattr(spider, "attribution_url", "") or "", int(listings))
        )
    return credits


def _fx_dates(engine: Engine, day: date) -> tuple[date | None, date | None]:
    query = select(func.min(Listing.fx_date), func.max(Listing.fx_date)).where(
        active_on(day), canonical()
    )
    with engine.connect() as connection:
        low, high = connection.execute(query).one()
    return low, high


def _classifiers(engine: Engine, day: date) -> list[str]:
    query = select(Listing.classifier_version).where(active_on(day), canonical()).distinct()
    with engine.connect() as connection:
        return sorted(version for (version,) in connection.execute(query).all() if version)


def build_report(engine: Engine, day: date, crawls: list[CrawlResult] | None = None) -> Report:
    """The report of `day` from what the store holds."""
    return Report(
        day=day,
        generated_at=utc_now(),
        index=salary_index(engine, day),
        roles=role_counts(engine, day),
        credits=_credits(engine, day),
        crawls=crawls or [],
        fx_dates=_fx_dates(engine, day),
        classifiers=_classifiers(engine, day),
    )
