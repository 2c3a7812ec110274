"""Reading the store: listings active on a date, role counts, search."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Engine, Text, and_, cast, func, or_, select, union_all
from sqlmodel import col

from jobradar.classifier.taxonomy import ROLE_SLUGS
from jobradar.store import fulltext
from jobradar.store.models import Listing, RoleCount


@dataclass(frozen=True)
class ListingFilter:
    """Facets a query may narrow listings by (None = any)."""

    remote_types: Sequence[str] | None = None
    sources: Sequence[str] | None = None
    seniorities: Sequence[str] | None = None
    roles: Sequence[str] | None = None
    countries: Sequence[str] | None = None  # ISO 3166 alpha-2 codes the listing names
    companies: Sequence[str] | None = None  # company names, any case
    min_confidence: float | None = None  # the role model's confidence, 0 to 1
    since: date | None = None  # first seen on or after this date

    @property
    def beyond_snapshots(self) -> bool:
        """Whether a daily snapshot (kept per role, source, remote type and seniority)
        cannot answer these facets, so that only the listings can."""
        return bool(self.countries or self.companies or self.since) or (
            self.min_confidence is not None
        )


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
    listing no role model has read yet is counted once it has a role, never as a guess).

    The counts read a partial index of exactly the canonical, tagged listings
    (`models.COUNTED_LISTINGS`, migration 0010), which serves only queries that spell
    those two terms as they are here (tests/test_plans.py)."""
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
    if facets.countries:
        # countries is a JSON list of alpha-2 codes: '["US", "CA"]' holds '"US"' as text
        as_text = cast(col(Listing.countries), Text)
        query = query.where(or_(*(as_text.like(f'%"{code}"%') for code in facets.countries)))
    if facets.companies:
        wanted = sorted({name.casefold() for name in facets.companies})
        query = query.where(func.lower(col(Listing.company)).in_(wanted))
    if facets.min_confidence is not None:
        query = query.where(col(Listing.role_confidence) >= facets.min_confidence)
    if facets.since is not None:
        query = query.where(col(Listing.first_seen) >= end_of(facets.since - timedelta(days=1)))
    return query


def role_count_query(day: date, facets: ListingFilter | None = None) -> Any:
    """The query of `role_counts`: (role, count) rows, a role in up to two of them (its
    plan is checked by tests/test_plans.py).

    The listings still open and those closed after `day` are counted apart. Each half is
    one range per role of the counted index, read in role order; counted together, the
    listings closed before `day` were read too, only to be left out."""
    cutoff = end_of(day)
    role = col(Listing.role)
    closed_at = col(Listing.closed_at)
    halves = (
        _narrow(
            select(role, func.count()).where(
                open_then, col(Listing.first_seen) < cutoff, canonical(), role.is_not(None)
            ),
            facets or ListingFilter(),
        ).group_by(role)
        for open_then in (closed_at.is_(None), closed_at >= cutoff)
    )
    return union_all(*halves)


def role_counts(engine: Engine, day: date, facets: ListingFilter | None = None) -> dict[str, int]:
    """Listings active on `day` per role (every role, zeros included), duplicates once."""
    found = dict.fromkeys(ROLE_SLUGS, 0)
    with engine.connect() as connection:
        for role, n in connection.execute(role_count_query(day, facets)):
            if role in found:
                found[role] += int(n)
    return found


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


# The matches a search ranks at most: the newest ones. A word most listings hold would
# otherwise make every search rank the whole store (seconds at a million listings); a
# rarer word's matches are all ranked.
SEARCH_WINDOW = 5_000


def search(
    engine: Engine,
    day: date,
    words: Sequence[str] = (),
    *,
    facets: ListingFilter | None = None,
    min_salary: float | None = None,
    limit: int = 20,
) -> list[Found]:
    """Active canonical listings whose title, company or description holds every word
    (full-text: whole words, stemmed), best match first among the newest matches
    (SEARCH_WINDOW); without words, the newest first (the last stored first)."""
    if words and not fulltext.usable_words(words):
        return []  # punctuation alone is in no index
    query = search_query(
        engine.dialect.name, day, words, facets, min_salary=min_salary, limit=limit
    )
    with engine.connect() as connection:
        return [Found(*row) for row in connection.execute(query).all()]


def search_query(
    dialect: str,
    day: date,
    words: Sequence[str],
    facets: ListingFilter | None = None,
    *,
    min_salary: float | None = None,
    limit: int = 20,
) -> Any:
    """The query of `search` (its plan is checked by tests/test_search.py)."""
    usable = fulltext.usable_words(words)
    facets = facets or ListingFilter()

    def narrowed(query: Any) -> Any:
        query = query.where(counted(day))
        if min_salary is not None:
            pay = func.coalesce(col(Listing.annual_usd_max), col(Listing.annual_usd_min))
            query = query.where(pay >= min_salary)
        return _narrow(query, facets)

    query: Any = select(
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
    )
    order: list[Any] = []
    window = max(SEARCH_WINDOW, limit)
    if dialect == "sqlite" and usable:
        fts, matches, score = fulltext.sqlite_match(usable)
        candidates = (
            narrowed(
                select(col(Listing.id).label("hit"), score.label("score"))
                .select_from(fts)
                .join(Listing, col(Listing.id) == fts.c.rowid)
                .where(matches)
            )
            .order_by(fts.c.rowid.desc())
            .limit(window)
            .subquery("candidates")
        )
        query = query.join(candidates, candidates.c.hit == col(Listing.id))
        order.append(candidates.c.score)
    elif usable:
        matches, rank = fulltext.pg_match(usable)
        candidates = (
            narrowed(select(col(Listing.id).label("hit")).where(matches))
            .order_by(col(Listing.id).desc())
            .limit(window)
            .subquery("candidates")
        )
        query = query.join(candidates, candidates.c.hit == col(Listing.id))
        order.append(rank.desc())
    else:  # listings get their ids as they are first seen: the primary key, read
        # backwards, lists the newest first and stops at the limit (a sort by first_seen
        # would read every active listing: 3 s at a million)
        return narrowed(query).order_by(col(Listing.id).desc()).limit(limit)
    order += [col(Listing.first_seen).desc(), col(Listing.id).desc()]
    return query.order_by(*order).limit(limit)


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


def company_counts(
    engine: Engine, day: date, facets: ListingFilter | None = None
) -> list[tuple[str, int, int, int]]:
    """(company, listings, listings with a salary, roles) of the listings counted on
    `day`, most listings first."""
    paid = func.coalesce(col(Listing.annual_usd_max), col(Listing.annual_usd_min)).is_not(None)
    listings = func.count()
    query = select(
        col(Listing.company),
        listings,
        func.count().filter(paid),
        func.count(func.distinct(col(Listing.role))),
    ).where(counted(day), col(Listing.company).is_not(None))
    query = _narrow(query, facets or ListingFilter()).group_by(col(Listing.company))
    query = query.order_by(listings.desc(), col(Listing.company))
    with engine.connect() as connection:
        return [(name, int(n), int(p), int(r)) for name, n, p, r in connection.execute(query)]


def role_count_history(
    engine: Engine, after: date, until: date, facets: ListingFilter | None = None
) -> list[tuple[date, str, int]]:
    """(date, role, listings) of each daily snapshot after `after` up to `until`, oldest
    first (snapshots keep role, source, remote type and seniority: other facets are not
    theirs to answer)."""
    facets = facets or ListingFilter()
    total = func.sum(col(RoleCount.count))
    query = select(col(RoleCount.snapshot_date), col(RoleCount.role), total).where(
        col(RoleCount.snapshot_date) > after, col(RoleCount.snapshot_date) <= until
    )
    for column, wanted in (
        (col(RoleCount.remote_type), facets.remote_types),
        (col(RoleCount.source), facets.sources),
        (col(RoleCount.seniority), facets.seniorities),
        (col(RoleCount.role), facets.roles),
    ):
        if wanted:
            query = query.where(column.in_(list(wanted)))
    query = query.group_by(col(RoleCount.snapshot_date), col(RoleCount.role)).order_by(
        col(RoleCount.snapshot_date), total.desc(), col(RoleCount.role)
    )
    with engine.connect() as connection:
        return [(day, role, int(n)) for day, role, n in connection.execute(query)]


def listing_batches(
    engine: Engine,
    columns: Sequence[str],
    day: date | None = None,
    facets: ListingFilter | None = None,
    batch: int = 5000,
) -> Iterator[list[dict[str, Any]]]:
    """Every listing (or those counted on `day`), the named columns, in batches by id:
    an export of millions of listings holds one batch in memory at a time."""
    query = select(*(getattr(Listing, name) for name in columns))
    if day is not None:
        query = query.where(counted(day))
    query = _narrow(query, facets or ListingFilter()).order_by(col(Listing.id))
    with engine.connect() as connection:
        result = connection.execution_options(yield_per=batch).execute(query)
        for partition in result.mappings().partitions():
            yield [dict(row) for row in partition]
