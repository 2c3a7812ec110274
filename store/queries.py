"""Reading the store: listings active on a date, role counts, search."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from jobradar.classifier.taxonomy import ROLE_SLUGS
from jobradar.store.models import Listing
from sqlalchemy import Engine, Select, and_, func, or_, select


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
        Listing.first_seen < cutoff,
        or_(Listing.closed_at.is_(None), Listing.closed_at >= cutoff),
    )


def canonical() -> Any:
    """One listing per job: cross-source duplicates point at their canonical listing."""
    return Listing.canonical_id.is_(None)


def _narrow(query: Select[Any], facets: ListingFilter) -> Select[Any]:
    if facets.remote_types:
        query = query.where(Listing.remote_type.in_(list(facets.remote_types)))
    if facets.sources:
        query = query.where(Listing.source.in_(list(facets.sources)))
    if facets.seniorities:
        query = query.where(Listing.seniority.in_(list(facets.seniorities)))
    if facets.roles:
        query = query.where(Listing.role.in_(list(facets.roles)))
    return query


def role_counts(engine: Engine, day: date, facets: ListingFilter | None = None) -> dict[str, int]:
    """Listings active on `day` per role (every role, zeros included), duplicates once."""
    query = select(Listing.role, func.count()).where(active_on(day), canonical())
    query = _narrow(query, facets or ListingFilter()).group_by(Listing.role)
    with engine.connect() as connection:
        found = dict(connection.execute(query).all())
    return {role: int(found.get(role, 0)) for role in ROLE_SLUGS}


def facet_counts(engine: Engine, day: date) -> list[tuple[str, str, str, str, int]]:
    """(role, source, remote type, seniority, count) of listings active on `day`."""
    query = (
        select(Listing.role, Listing.source, Listing.remote_type, Listing.seniority, func.count())
        .where(active_on(day), canonical())
        .group_by(Listing.role, Listing.source, Listing.remote_type, Listing.seniority)
    )
    with engine.connect() as connection:
        return [tuple(row) for row in connection.execute(query).all()]  # type: ignore[misc]


def active_listings(
    engine: Engine,
    day: date,
    facets: ListingFilter | None = None,
    columns: Sequence[Any] | None = None,
) -> list[Any]:
    """Rows of the canonical listings active on `day`."""
    query = select(*(columns or [Listing])).where(active_on(day), canonical())
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
        Listing.source,
        Listing.title,
        Listing.company,
        Listing.role,
        Listing.seniority,
        Listing.remote_type,
        Listing.annual_usd_min,
        Listing.annual_usd_max,
        Listing.url,
        Listing.first_seen,
    ).where(active_on(day), canonical())
    for word in words:
        pattern = f"%{_escape_like(word)}%"
        query = query.where(
            or_(
                Listing.title.ilike(pattern, escape="\\"),
                Listing.company.ilike(pattern, escape="\\"),
                Listing.description_text.ilike(pattern, escape="\\"),
            )
        )
    if min_salary is not None:
        query = query.where(
            func.coalesce(Listing.annual_usd_max, Listing.annual_usd_min) >= min_salary
        )
    query = _narrow(query, facets or ListingFilter())
    query = query.order_by(Listing.first_seen.desc(), Listing.id.desc()).limit(limit)
    with engine.connect() as connection:
        return [Found(*row) for row in connection.execute(query).all()]


def _escape_like(word: str) -> str:
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
