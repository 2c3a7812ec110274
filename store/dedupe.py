"""The store's side of cross-source duplicates: reading candidates, writing links.

Which listings are one job is decided by `jobradar.classifier.duplicates`; the dedupe
stage of a refresh (`jobradar.scheduler.stages`) reads the open listings here in one
pass ordered by company, handed over in batches of whole companies — only companies
listed on two sources or more, without descriptions, which are read only for the pairs
that need them — and writes back the links that changed.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping, Sequence
from itertools import groupby
from operator import attrgetter, itemgetter
from typing import Any

from sqlalchemy import Connection, Engine, Row, Table, bindparam, select, update

from jobradar.store.models import Listing

LISTINGS: Table = Listing.__table__  # type: ignore[attr-defined]
LISTINGS_PER_BATCH = 10_000  # matched together: one read of their descriptions
ROWS_PER_FETCH = 2_000
IDS_PER_QUERY = 5_000  # under SQLite's limit of bound parameters
LINKS_PER_STATEMENT = 20_000  # parameters built a slice at a time: a dict is 3x a tuple
POSTING_COLUMNS = (
    "id",
    "source",
    "company_key",
    "title",
    "location_raw",
    "countries",
    "first_seen",
    "remote_type",
)


def _open_and_countable(excluded: Collection[str]) -> Any:
    condition = LISTINGS.c.closed_at.is_(None) & LISTINGS.c.company_key.is_not(None)
    if excluded:
        condition &= LISTINGS.c.source.not_in(list(excluded))
    return condition


def company_batches(
    engine: Engine, excluded_sources: Collection[str] = ()
) -> Iterator[list[Row[Any]]]:
    """The open listings of companies listed on two sources or more, in batches of whole
    companies of about `LISTINGS_PER_BATCH` listings.

    One read in company order, streamed: a query per batch of companies would find its
    rows again through the index, and the companies first through a grouping of every
    open listing.
    """
    query = (
        select(*(LISTINGS.c[name] for name in POSTING_COLUMNS))
        .where(_open_and_countable(excluded_sources))
        .order_by(LISTINGS.c.company_key)
    )
    batch: list[Row[Any]] = []
    with engine.connect() as connection:
        result = connection.execution_options(yield_per=ROWS_PER_FETCH).execute(query)
        for _, listed in groupby(result, key=attrgetter("company_key")):
            company = list(listed)
            if len({row.source for row in company}) > 1:
                batch += company
                if len(batch) >= LISTINGS_PER_BATCH:
                    yield batch
                    batch = []
    if batch:
        yield batch


def descriptions(engine: Engine, ids: Sequence[int]) -> dict[int, str]:
    """The description text of these listings, by id."""
    found: dict[int, str] = {}
    chosen = list(ids)
    with engine.connect() as connection:
        for start in range(0, len(chosen), IDS_PER_QUERY):
            query = select(LISTINGS.c.id, LISTINGS.c.description_text).where(
                LISTINGS.c.id.in_(chosen[start : start + IDS_PER_QUERY])
            )
            found.update((row.id, row.description_text or "") for row in connection.execute(query))
    return found


def write_links(engine: Engine, links: Mapping[int, int]) -> int:
    """Make `links` (duplicate id → canonical id) the open listings' links, writing only the
    ones that changed; returns how many open listings point elsewhere."""
    current_query = select(LISTINGS.c.id, LISTINGS.c.canonical_id).where(
        LISTINGS.c.closed_at.is_(None), LISTINGS.c.canonical_id.is_not(None)
    )
    with engine.connect() as connection:
        current = {row.id: row.canonical_id for row in connection.execute(current_query)}
    changes: list[tuple[int, int | None]] = [
        (listing, canonical)
        for listing, canonical in links.items()
        if current.get(listing) != canonical
    ]
    changes += [(listing, None) for listing in current if listing not in links]
    if changes:
        changes.sort(key=itemgetter(0))  # in the table's order: pages written together
        _update_links(engine, changes)
    return len(links)


def _update_links(engine: Engine, changes: Sequence[tuple[int, int | None]]) -> None:
    """Write (listing id, canonical id or None) pairs in one transaction, a slice at a time."""
    statement = (
        update(LISTINGS)
        .where(LISTINGS.c.id == bindparam("b_id"))
        .values(canonical_id=bindparam("b_canonical"))
    )

    def write(connection: Connection) -> None:
        for start in range(0, len(changes), LINKS_PER_STATEMENT):
            chosen = changes[start : start + LINKS_PER_STATEMENT]
            connection.execute(statement, [{"b_id": i, "b_canonical": c} for i, c in chosen])

    with engine.connect() as connection:
        if engine.dialect.name != "sqlite":
            with connection.begin():
                write(connection)
            return
        # While it enforces foreign keys, SQLite rewrites every index of a row whose
        # self-referencing key changes: twice the time of the update alone. Every id
        # written is a listing this stage has just read, and listings are never deleted.
        connection.exec_driver_sql("PRAGMA foreign_keys=OFF")  # only outside a transaction
        connection.commit()
        try:
            with connection.begin():
                write(connection)
        finally:
            connection.exec_driver_sql("PRAGMA foreign_keys=ON")
            connection.commit()
