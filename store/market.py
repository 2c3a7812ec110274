"""The market around the salary index: who hires, what opens and closes, how old postings
are, and what is new (the report's company, churn and feed sections)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from statistics import median

from sqlalchemy import Engine, and_, func, select
from sqlmodel import col

from jobradar.store.models import Listing
from jobradar.store.queries import canonical, counted, end_of


@dataclass(frozen=True)
class Employer:
    """One employer's open jobs in a role: jobs are distinct titles, listings every place."""

    role: str
    company: str
    jobs: int
    listings: int


@dataclass(frozen=True)
class Churn:
    """Listings opened and closed since the previous snapshot day, and open at its end."""

    day: date
    since: date | None  # the previous snapshot day; None for the first one (the first crawl)
    opened: int
    closed: int
    open: int


@dataclass(frozen=True)
class NewListing:
    """A listing first seen in the feed's window (what a feed entry shows)."""

    id: int
    role: str
    title: str
    company: str | None
    url: str
    first_seen: datetime
    remote_type: str
    seniority: str
    annual_usd_min: float | None
    annual_usd_max: float | None


def employers(
    engine: Engine, day: date, roles: Sequence[str], per_role: int = 5
) -> dict[str, list[Employer]]:
    """The employers with the most open jobs in each role on `day` (ties by name)."""
    employer = func.coalesce(col(Listing.company_key), col(Listing.company))
    query = (
        select(
            col(Listing.role),
            func.min(col(Listing.company)),  # "Acme Labs" sorts before "acme-labs"
            func.count(func.distinct(func.coalesce(col(Listing.title_key), col(Listing.title)))),
            func.count(),
        )
        .where(counted(day), col(Listing.role).in_(list(roles)), employer.is_not(None))
        .group_by(col(Listing.role), employer)
    )
    found: dict[str, list[Employer]] = defaultdict(list)
    with engine.connect() as connection:
        for role, company, jobs, listings in connection.execute(query).all():
            found[str(role)].append(Employer(str(role), str(company), int(jobs), int(listings)))
    return {
        role: sorted(found[role], key=lambda e: (-e.jobs, -e.listings, e.company.lower()))[
            :per_role
        ]
        for role in roles
        if found.get(role)
    }


def churn(engine: Engine, days: Sequence[date], roles: Sequence[str]) -> list[Churn]:
    """Per snapshot day: listings of `roles` opened and closed since the previous snapshot
    day (each cross-source duplicate once), and those open at the day's end."""
    tagged = and_(canonical(), col(Listing.role).in_(list(roles)))
    result = []
    previous: date | None = None
    with engine.connect() as connection:
        for day in sorted(days):
            end = end_of(day)
            start = end_of(previous) if previous else None
            seen = col(Listing.first_seen) < end
            closed = and_(col(Listing.closed_at) < end, col(Listing.closed_at).is_not(None))
            if start is not None:
                seen = and_(seen, col(Listing.first_seen) >= start)
                closed = and_(closed, col(Listing.closed_at) >= start)
            opened_n = connection.execute(select(func.count()).where(tagged, seen)).scalar_one()
            closed_n = connection.execute(select(func.count()).where(tagged, closed)).scalar_one()
            open_n = connection.execute(
                select(func.count()).where(counted(day), col(Listing.role).in_(list(roles)))
            ).scalar_one()
            result.append(Churn(day, previous, int(opened_n), int(closed_n), int(open_n)))
            previous = day
    return result


def posting_ages(engine: Engine, day: date, roles: Sequence[str]) -> dict[str, float]:
    """Median age in days of the listings open on `day`, per role and "all" of `roles`: from
    the date the source says it was posted, else from when we first saw it."""
    query = select(col(Listing.role), col(Listing.posted_at), col(Listing.first_seen)).where(
        counted(day), col(Listing.role).in_(list(roles))
    )
    end = end_of(day)
    ages: dict[str, list[float]] = defaultdict(list)
    with engine.connect() as connection:
        for role, posted, first_seen in connection.execute(query):
            since = posted if posted is not None and posted <= first_seen else first_seen
            age = max((end - since).total_seconds() / 86400, 0.0)
            ages[str(role)].append(age)
            ages["all"].append(age)
    return {role: round(median(values), 1) for role, values in ages.items()}


def new_listings(
    engine: Engine,
    day: date,
    days: int,
    roles: Sequence[str],
    *,
    remote_types: Sequence[str] = ("remote", "hybrid"),
    limit: int = 50,
) -> dict[str, list[NewListing]]:
    """Per role, the open remote or hybrid listings first seen in the `days` up to `day`,
    newest first."""
    end = end_of(day)
    query = (
        select(
            col(Listing.id),
            col(Listing.role),
            col(Listing.title),
            col(Listing.company),
            col(Listing.url),
            col(Listing.first_seen),
            col(Listing.remote_type),
            col(Listing.seniority),
            col(Listing.annual_usd_min),
            col(Listing.annual_usd_max),
        )
        .where(
            counted(day),
            col(Listing.role).in_(list(roles)),
            col(Listing.remote_type).in_(list(remote_types)),
            col(Listing.first_seen) >= end - timedelta(days=days),
        )
        .order_by(col(Listing.first_seen).desc(), col(Listing.id).desc())
    )
    found: dict[str, list[NewListing]] = defaultdict(list)
    with engine.connect() as connection:
        for row in connection.execute(query):
            if len(found[str(row.role)]) < limit:
                found[str(row.role)].append(NewListing(*row))  # type: ignore[arg-type, call-arg]
    return dict(found)
