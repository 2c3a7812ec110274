"""Everything a report shows, gathered from the store for one date."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import Engine

from jobradar.classifier.taxonomy import (
    AI_ML_ROLES,
    REMOTE_TYPES,
    ROLE_NAMES,
    ROLE_SLUGS,
)
from jobradar.crawler.registry import spider_classes
from jobradar.report.accuracy import measured_accuracy
from jobradar.scheduler.crawls import CrawlResult
from jobradar.store.market import (
    Churn,
    Employer,
    NewListing,
    churn,
    employers,
    new_listings,
    posting_ages,
)
from jobradar.store.models import SalaryIndexRow
from jobradar.store.queries import (
    ListingFilter,
    active_listings,
    classifier_versions,
    facet_counts,
    fx_dates,
    listings_per_source,
    role_counts,
)
from jobradar.store.runs import data_origin
from jobradar.store.salary_index import (
    MIN_SALARIES,
    WORK_MODES,
    IndexCell,
    listing_pay,
    plausible,
    report_index,
)
from jobradar.store.snapshots import history, snapshot_dates, work_mode_shares
from jobradar.store.types import utc_now

TREND_DAYS = 90
FEED_DAYS = 7  # a role's feed holds the listings first seen in this many days
CHURN_DAYS = 14  # the openings-and-closings table covers this many snapshot days
GROUP_NAMES = {
    "ai-ml": "AI/ML roles",
    "ai-infra": "AI-infrastructure family",
    "other": "The rest of the remote market",
    "all": "All roles",
}


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
    groups: list[IndexCell] = field(default_factory=list)  # the headline: ai-ml, ai-infra, …
    employers: dict[str, list[Employer]] = field(default_factory=dict)
    churn: list[Churn] = field(default_factory=list)  # AI/ML roles
    posting_ages: dict[str, float] = field(default_factory=dict)  # role -> median days
    work_modes: dict[str, dict[str, int]] = field(default_factory=dict)  # role -> mode -> n
    new_listings: dict[str, list[NewListing]] = field(default_factory=dict)
    # role -> listings counted in it whose role the model gave below its low-confidence mark
    low_confidence: dict[str, int] = field(default_factory=dict)

    @property
    def provenance(self) -> str:
        """The report's first line: what data this is, and its dates."""
        what = self.origin or "live data"
        what += {
            "demo": " (a made-up market: not real job-market figures)",
            "replayed": " (real postings recorded earlier, replayed offline)",
            "live": " (crawled from the public sources)",
        }[self.kind]
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

    @property
    def kind(self) -> str:
        """ "demo", "replayed" or "live": what the reader must know before any figure."""
        origin = (self.origin or "").lower()
        if "demo" in origin:
            return "demo"
        return "replayed" if "replay" in origin or "record" in origin else "live"

    def role_name(self, slug: str) -> str:
        return GROUP_NAMES.get(slug) or ROLE_NAMES.get(slug, slug)

    def cells(self, currency: str = "USD", mode: str = "remote+hybrid") -> list[IndexCell]:
        return self.views.get((currency, mode), self.index if currency == "USD" else [])

    def role_rows(self, currency: str = "USD", mode: str = "remote+hybrid") -> list[IndexCell]:
        """Per-role rows (seniority "all") with enough salaries, AI/ML roles first."""
        rows = {c.role: c for c in self.cells(currency, mode) if c.seniority == "all"}
        return [
            rows[role]
            for role in (*ROLE_SLUGS, "all")
            if role in rows and rows[role].n_with_salary >= MIN_SALARIES
        ]

    def thin_roles(self, currency: str = "USD", mode: str = "remote+hybrid") -> list[IndexCell]:
        """Per-role rows with too few salaries for percentiles: named, not tabled."""
        return [
            c
            for c in self.cells(currency, mode)
            if c.seniority == "all" and c.role != "all" and c.n_with_salary < MIN_SALARIES
        ]

    def seniority_rows(self) -> list[IndexCell]:
        return [
            c
            for c in self.index
            if c.seniority != "all" and c.role != "all" and c.n_with_salary >= MIN_SALARIES
        ]

    def thin_seniority_cells(self) -> int:
        return sum(
            1
            for c in self.index
            if c.seniority != "all" and c.role != "all" and c.n_with_salary < MIN_SALARIES
        )

    @property
    def history_note(self) -> str:
        """When history starts, for charts and tables that need more than one day."""
        if not self.snapshot_days:
            return "History starts with the first daily snapshot; none has been taken yet."
        first = self.snapshot_days[0].isoformat()
        count = len(self.snapshot_days)
        return (
            f"History starts on {first} ({count} daily snapshot{'s' if count != 1 else ''} so far); "
            "a trend needs two days or more with 5+ salaries."
        )


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
    """The best-paid AI/ML jobs: plausible pay only, one listing per employer and title."""
    columns = (
        "title",
        "company",
        "company_key",
        "title_key",
        "role",
        "remote_type",
        "annual_usd_min",
        "annual_usd_max",
        "url",
    )
    facets = ListingFilter(remote_types=WORK_MODES["remote+hybrid"], roles=AI_ML_ROLES)
    best: dict[tuple[str, str], PaidListing] = {}
    for n, row in enumerate(active_listings(engine, day, facets, columns)):
        pay = listing_pay(row, "USD")
        if pay is None or not plausible(pay):
            continue
        key = (row.company_key or f"#{n}", row.title_key or row.title)
        if key not in best or best[key].pay < pay:
            best[key] = PaidListing(row.title, row.company, row.role, row.remote_type, pay, row.url)
    return sorted(best.values(), key=lambda listing: -listing.pay)[:limit]


def _work_modes(engine: Engine, day: date) -> dict[str, dict[str, int]]:
    """Listings per role and work mode (and "all" roles), each cross-source duplicate once."""
    found: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys(REMOTE_TYPES, 0))
    for role, _, mode, _, n in facet_counts(engine, day):
        for key in (role, "ai-ml" if role in AI_ML_ROLES else "", "all"):
            if key:
                found[key][mode] = found[key].get(mode, 0) + n
    return dict(found)


def _views(
    engine: Engine, day: date
) -> tuple[dict[tuple[str, str], list[IndexCell]], list[IndexCell]]:
    """Every view of the index (with intervals), and the headline groups of the main one."""
    chosen = [("USD", mode) for mode in WORK_MODES] + [("EUR", "remote+hybrid")]
    chosen.append(("GBP", "remote+hybrid"))
    views, groups = {}, []
    for currency, mode in chosen:
        views[(currency, mode)], view_groups = report_index(engine, day, currency, mode)
        if (currency, mode) == ("USD", "remote+hybrid"):
            groups = view_groups
    return views, groups


def build_report(engine: Engine, day: date, crawls: list[CrawlResult] | None = None) -> Report:
    """The report of `day` from what the store holds."""
    views, groups = _views(engine, day)
    days = sorted(d for d in snapshot_dates(engine) if d <= day)
    accuracy = measured_accuracy()
    roles = role_counts(engine, day)
    return Report(
        day=day,
        generated_at=utc_now(),
        index=views[("USD", "remote+hybrid")],
        roles=roles,
        credits=_credits(engine, day),
        crawls=crawls or [],
        fx_dates=fx_dates(engine, day),
        classifiers=classifier_versions(engine, day),
        views=views,
        history=history(engine, day, TREND_DAYS),
        shares=work_mode_shares(engine, day, TREND_DAYS),
        skills=_top_skills(engine, day),
        accuracy=accuracy,
        top_paid=_top_paid(engine, day),
        origin=data_origin(engine, day),
        snapshot_days=days,
        groups=groups,
        employers=employers(engine, day, AI_ML_ROLES),
        churn=churn(engine, days[-CHURN_DAYS:] or [day], AI_ML_ROLES),
        posting_ages=posting_ages(engine, day, AI_ML_ROLES),
        work_modes=_work_modes(engine, day),
        new_listings=new_listings(engine, day, FEED_DAYS, ROLE_SLUGS),
        low_confidence=_low_confidence(engine, day, roles, accuracy.get("low_confidence_below")),
    )


def _low_confidence(
    engine: Engine, day: date, roles: dict[str, int], threshold: float | None
) -> dict[str, int]:
    """Per role, the counted listings whose role the model gave below `threshold`."""
    if not threshold:
        return {}
    confident = role_counts(engine, day, ListingFilter(min_confidence=threshold))
    return {role: n - confident.get(role, 0) for role, n in roles.items()}


@dataclass(frozen=True)
class Figure:
    """One measured accuracy figure, with its interval and sample size when known."""

    name: str
    label: str
    value: float
    low: float | None
    high: float | None
    n: int | None
    percent: bool = True


ACCURACY_LABELS = {
    "role_accuracy": "Role accuracy",
    "role_macro_f1": "Role macro-F1",
    "role_accuracy_title_only": "Role accuracy from the title alone",
    "seniority_accuracy": "Seniority accuracy",
    "remote_type_accuracy": "Remote-type accuracy",
    "salary_precision": "Salary precision (exact min, max, currency, period)",
    "salary_recall": "Salary recall",
    "false_salary_rate": "Salary read where none was posted",
}


def accuracy_figures(accuracy: dict[str, Any]) -> tuple[str | None, list[Figure], float | None]:
    """(split, figures, low-confidence threshold) from `measured_accuracy()`, in either of its
    shapes: {"split", "figures": {name: {"value", "low", "high", "n"}}, "low_confidence_below"}
    or the older flat {name: value, "labels": n}."""
    figures = []
    if isinstance(accuracy.get("figures"), dict):
        for name, label in ACCURACY_LABELS.items():
            found = accuracy["figures"].get(name)
            if isinstance(found, dict) and found.get("value") is not None:
                figures.append(
                    Figure(
                        name,
                        label,
                        float(found["value"]),
                        found.get("low"),
                        found.get("high"),
                        found.get("n"),
                        name != "role_macro_f1",
                    )
                )
        threshold = accuracy.get("low_confidence_below")
        return accuracy.get("split"), figures, threshold
    labels = accuracy.get("labels")
    for name, label in ACCURACY_LABELS.items():
        value = accuracy.get(name)
        if isinstance(value, int | float):
            figures.append(
                Figure(name, label, float(value), None, None, labels, name != "role_macro_f1")
            )
    return None, figures, None


def sections(report: Report) -> list[tuple[str, str]]:
    """(id, title) of the report's sections, in order: the Markdown and the HTML both follow it."""
    chosen = [
        ("headline", "Headline: AI/ML pay"),
        ("by-role", "Salary index by role"),
        ("by-seniority", "By role and seniority"),
        ("trends", "Trends"),
        ("work-modes", "Remote and hybrid"),
        ("currencies", "Pay posted in euros and pounds"),
        ("listings", "Listings per role"),
        ("employers", "Who is hiring"),
        ("churn", "Openings and closings"),
        ("skills", "Top skills per role"),
        ("top-paid", "Highest-paid AI/ML listings"),
        ("feeds", "Feeds of new listings"),
        ("crawls", "Today's crawls"),
        ("accuracy", "How sure we are"),
        ("method", "Method"),
        ("sources", "Sources"),
    ]
    skip = set()
    if not report.top_paid:
        skip.add("top-paid")
    if not report.crawls:
        skip.add("crawls")
    return [(key, title) for key, title in chosen if key not in skip]
