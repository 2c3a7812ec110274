"""Everything a report shows, gathered from the store for one date."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import Engine

from jobradar.classifier.taxonomy import ROLE_NAMES
from jobradar.crawler.registry import spider_classes
from jobradar.report.accuracy import measured_accuracy
from jobradar.scheduler.crawls import CrawlResult
from jobradar.store.models import SalaryIndexRow
from jobradar.store.queries import (
    ListingFilter,
    active_listings,
    classifier_versions,
    fx_dates,
    listings_per_source,
    role_counts,
)
from jobradar.store.runs import data_origin
from jobradar.store.salary_index import WORK_MODES, IndexCell, listing_pay, salary_index
from jobradar.store.snapshots import history, snapshot_dates, work_mode_shares
from jobradar.store.types import utc_now

TREND_DAYS = 90


@dataclass
class SourceCredit:
    name: str
    url: str
    listings: int


@dataclass
class PaidListing:
    title: str
    company: str | None
    role: str
    remote_type: str
    pay: float  # the yearly USD midpoint the index uses
    url: str


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
    # (currency, work mode) -> cells: the USD views by work mode and the EUR / GBP views
    views: dict[tuple[str, str], list[IndexCell]] = field(default_factory=dict)
    history: list[SalaryIndexRow] = field(default_factory=list)  # per-role rows, 90 days
    shares: list[tuple[date, int, int, int]] = field(default_factory=list)  # remote/hybrid
    skills: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    accuracy: dict[str, Any] = field(default_factory=dict)
    top_paid: list[PaidListing] = field(default_factory=list)
    origin: str | None = None  # what the data is: live, replayed recordings, demo data
    snapshot_days: list[date] = field(default_factory=list)  # the history, oldest first

    @property
    def provenance(self) -> str:
        """The report's first line: what data this is, and its dates."""
        what = self.origin or "live data"
        if not self.snapshot_days:
            return f"Data: {what}; no daily snapshots yet."
        first, count = self.snapshot_days[0], len(self.snapshot_days)
        return (
            f"Data: {what}; history of {count} daily snapshot{'s' if count != 1 else ''} "
            f"from {first.isoformat()} to {self.snapshot_days[-1].isoformat()}."
        )

    @property
    def total(self) -> int:
        return sum(self.roles.values())

    def role_name(self, slug: str) -> str:
        return "All roles" if slug == "all" else ROLE_NAMES.get(slug, slug)


def _credits(engine: Engine, day: date) -> list[SourceCredit]:
    spiders = spider_classes()
    return [
        SourceCredit(source, getattr(spiders.get(source), "attribution_url", "") or "", listings)
        for source, listings in sorted(listings_per_source(engine, day).items())
    ]


def _top_skills(engine: Engine, day: date, per_role: int = 12) -> dict[str, list[tuple[str, int]]]:
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for role, skills in active_listings(engine, day, columns=("role", "skills")):
        counts[role].update(skills or [])
        counts["all"].update(skills or [])
    return {role: found.most_common(per_role) for role, found in counts.items() if found}


def _top_paid(engine: Engine, day: date, limit: int = 10) -> list[PaidListing]:
    columns = (
        "title",
        "company",
        "role",
        "remote_type",
        "annual_usd_min",
        "annual_usd_max",
        "url",
    )
    facets = ListingFilter(remote_types=WORK_MODES["remote+hybrid"])
    paid = []
    for row in active_listings(engine, day, facets, columns):
        pay = listing_pay(row, "USD")
        if pay is not None:
            paid.append(
                PaidListing(row.title, row.company, row.role, row.remote_type, pay, row.url)
            )
    return sorted(paid, key=lambda listing: -listing.pay)[:limit]


def _views(engine: Engine, day: date) -> dict[tuple[str, str], list[IndexCell]]:
    chosen = [("USD", mode) for mode in WORK_MODES] + [("EUR", "remote+hybrid")]
    chosen.append(("GBP", "remote+hybrid"))
    return {
        (currency, mode): salary_index(engine, day, currency, mode) for currency, mode in chosen
    }


def build_report(engine: Engine, day: date, crawls: list[CrawlResult] | None = None) -> Report:
    """The report of `day` from what the store holds."""
    views = _views(engine, day)
    return Report(
        day=day,
        generated_at=utc_now(),
        index=views[("USD", "remote+hybrid")],
        roles=role_counts(engine, day),
        credits=_credits(engine, day),
        crawls=crawls or [],
        fx_dates=fx_dates(engine, day),
        classifiers=classifier_versions(engine, day),
        views=views,
        history=history(engine, day, TREND_DAYS),
        shares=work_mode_shares(engine, day, TREND_DAYS),
        skills=_top_skills(engine, day),
        accuracy=measured_accuracy(),
        top_paid=_top_paid(engine, day),
        origin=data_origin(engine, day),
        snapshot_days=sorted(d for d in snapshot_dates(engine) if d <= day),
    )
