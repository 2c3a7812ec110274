"""Reading the store: listings active on a date, role counts, search."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Engine, and_, func, or_, select
from sqlmodel import col

from jobradar.classifier.taxonomy import ROLE_SLUGS
from jobradar.store.models import Listing


@dataclass(frozen=True)
class ListingFilter:
    """Facets a query may narrow listings by (None = any)."""

    remote_types: Sequence[str] | None = None
    sources: Sequence[str] | None = None
    seniorities: Sequence[str] | None = None
    roles: Sequence[str] | None = None


def end_of(day: date) -> datetime:
    """The first instant after `day`, in UTC."""
    return datetime.combine(day + timedelta(days=1), time.min, tzinfo=UTC)


def active_on(day: date) -> Any:
    """Listings open at the end of `day`: first seen by then and not closed by then."""
    cutoff = end_of(day)
    return and_(
        col(Listing.first_seen) < cutoff,
        or_(col(Listing.closed_at).is_(None), col(Listing.closed_at) >= cutoff),
    )


def canonical() -> Any:
    """One listing per job: cross-source duplicates point at their canonical listing."""
    return col(Listing.canonical_id).is_(None)


def counted(day: date) -> Any:
    """The listings every count of `day` is made of: active, canonical, and tagged (a
    listing no role model has read yet is counted once it has a role, never as a guess)."""
    return and_(active_on(day), canonical(), col(Listing.role).is_not(None))


def _narrow(query: Any, facets: ListingFilter) -> Any:
    if facets.remote_types:
        query = query.where(col(Listing.remote_type).in_(list(facets.remote_types)))
    if facets.sources:
        query = query.where(col(Listing.source).in_(list(facets.sources)))
    if facets.seniorities:
        query = query.where(col(Listing.seniority).in_(list(facets.seniorities)))
    if facets.roles:
        query = query.where(col(Listing.role).in_(list(facets.roles)))
    return query


def role_count_query(day: date, facets: ListingFilter | None = None) -> Any:
    """The query of `role_counts` (its plan is checked by tests/test_plans.py)."""
    query = select(col(Listing.role), func.count()).where(counted(day))
    return _narrow(query, facets or ListingFilter()).group_by(col(Listing.role))


def role_counts(engine: Engine, day: date, facets: ListingFilter | None = None) -> dict[str, int]:
    """Listings active on `day` per role (every role, zeros included), duplicates once."""
    with engine.connect() as connection:
        found = {role: int(n) for role, n in connection.execute(role_count_query(day, facets))}
    return {role: found.get(role, 0) for role in ROLE_SLUGS}


def facet_counts(engine: Engine, day: date) -> list[tuple[str, str, str, str, int]]:
    """(role, source, remote type, seniority, count) of listings active on `day`."""
    query = (
        select(
            col(Listing.role),
            col(Listing.source),
            col(Listing.remote_type),
            col(Listing.seniority),
            func.count(),
        )
        .where(counted(day))
        .group_by(
            col(Listing.role), col(Listing.source), col(Listing.remote_type), col(Listing.seniority)
        )
    )
    with engine.connect() as connection:
        return [tuple(row) for row in connection.execute(query).all()]  # type: ignore[misc]


def active_listings(
    engine: Engine,
    day: date,
    facets: ListingFilter | None = None,
    columns: Sequence[str] | None = None,
) -> list[Any]:
    """Rows of the listings counted on `day`: the named columns, or whole listings."""
    chosen = [getattr(Listing, name) for name in columns] if columns else [Listing]
    query = select(*chosen).where(counted(day))
    query = _narrow(query, facets or ListingFilter())
    with engine.connect() as connection:
        return list(connection.execute(query).all())


@dataclass(frozen=True)
class Found:
    """One search hit."""

    source: str
    title: str
    company: str | None
    role: str
    seniority: str
    remote_type: str
    annual_usd_min: float | None
    annual_usd_max: float | None
    url: str
    first_seen: datetime


def search(
    engine: Engine,
    day: date,
    words: Sequence[str] = (),
    *,
    facets: ListingFilter | None = None,
    min_salary: float | None = None,
    limit: int = 20,
) -> list[Found]:
    """Active canonical listings whose title, company or description holds every word."""
    query = select(
        col(Listing.source),
        col(Listing.title),
        col(Listing.company),
        col(Listing.role),
        col(Listing.seniority),
        col(Listing.remote_type),
        col(Listing.annual_usd_min),
        col(Listing.annual_usd_max),
        col(Listing.url),
        col(Listing.first_seen),
    ).where(counted(day))
    for word in words:
        pattern = f"%{_escape_like(word)}%"
        query = query.where(
            or_(
                col(Listing.title).ilike(pattern, escape="\\"),
                col(Listing.company).ilike(pattern, escape="\\"),
                col(Listing.description_text).ilike(pattern, escape="\\"),
            )
        )
    if min_salary is not None:
        query = query.where(
            func.coalesce(col(Listing.annual_usd_max), col(Listing.annual_usd_min)) >= min_salary
        )
    query = _narrow(query, facets or ListingFilter())
    query = query.order_by(col(Listing.first_seen).desc(), col(Listing.id).desc()).limit(limit)
    with engine.connect() as connection:
        return [Found(*row) for row in connection.execute(query).all()]


def _escape_like(word: str) -> str:
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def listings_per_source(engine: Engine, day: date) -> dict[str, int]:
    """Listings counted on `day`, per source (the report credits every source it used)."""
    query = (
        select(col(Listing.source), func.count()).where(counted(day)).group_by(col(Listing.source))
    )
    with engine.connect() as connection:
        return {source: int(n) for source, n in connection.execute(query).all()}


def fx_dates(engine: Engine, day: date) -> tuple[date | None, date | None]:
    """The oldest and newest exchange-rate dates behind the salaries counted on `day`."""
    query = select(func.min(col(Listing.fx_date)), func.max(col(Listing.fx_date))).where(
        counted(day)
    )
    with engine.connect() as connection:
        low, high = connection.execute(query).one()
    return low, high


def classifier_versions(engine: Engine, day: date) -> list[str]:
    """The role models that tagged the listings counted on `day`."""
    query = select(col(Listing.classifier_version)).where(counted(day)).distinct()
    with engine.connect() as connection:
        return sorted(version for (version,) in connection.execute(query).all() if version)
