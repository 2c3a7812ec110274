"""The store's side of cross-source duplicates: reading candidates, writing links.

Which listings are one job is decided by `jobradar.classifier.duplicates`; the dedupe
stage of a refresh (`jobradar.scheduler.stages`) reads the open listings here in one
pass ordered by company, handed over in batches of whole companies — only companies
listed on two sources or more, without descriptions, which are read only for the pairs
that need them — and writes back the links that changed.

A company's links depend on its open listings alone, so the stage reads only the
companies marked since it last ran (`dedupe_marks`): every write that can change what the
matcher reads marks the companies it touches, in its own transaction. The matcher that
linked the store is recorded (`store_state`); under another one, the stage reads all.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import groupby
from operator import attrgetter, itemgetter
from typing import Any

from sqlalchemy import (
    Connection,
    Engine,
    Row,
    Select,
    Table,
    bindparam,
    delete,
    func,
    insert,
    select,
    update,
)

from jobradar.store.models import DedupeMark, Listing, StoreState

LISTINGS: Table = Listing.__table__  # type: ignore[attr-defined]
MARKS: Table = DedupeMark.__table__  # type: ignore[attr-defined]
STATE: Table = StoreState.__table__  # type: ignore[attr-defined]
MATCHER_KEY = "dedupe_matcher"
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
    engine: Engine,
    excluded_sources: Collection[str] = (),
    companies: Collection[str] | None = None,
) -> Iterator[list[Row[Any]]]:
    """The open listings of companies listed on two sources or more (of `companies`, or of
    all), in batches of whole companies of about `LISTINGS_PER_BATCH` listings.

    All companies: one read in company order, streamed (a query per batch of companies
    would find its rows again through the index, and the companies first through a
    grouping of every open listing). Chosen companies: read through the index.
    """
    batch: list[Row[Any]] = []
    with engine.connect() as connection:
        for query in _company_queries(excluded_sources, companies):
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


def _company_queries(
    excluded_sources: Collection[str], companies: Collection[str] | None
) -> Iterator[Select[Any]]:
    query = (
        select(*(LISTINGS.c[name] for name in POSTING_COLUMNS))
        .where(_open_and_countable(excluded_sources))
        .order_by(LISTINGS.c.company_key)
    )
    if companies is None:
        yield query
        return
    chosen = sorted(companies)
    for start in range(0, len(chosen), IDS_PER_QUERY):
        yield query.where(LISTINGS.c.company_key.in_(chosen[start : start + IDS_PER_QUERY]))


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


def write_links(
    engine: Engine, links: Mapping[int, int], companies: Collection[str] | None = None
) -> None:
    """Make `links` (duplicate id → canonical id) the links of the open listings (of
    `companies`, or of all), writing only the ones that changed."""
    current_query = select(LISTINGS.c.id, LISTINGS.c.canonical_id).where(
        LISTINGS.c.closed_at.is_(None), LISTINGS.c.canonical_id.is_not(None)
    )
    chosen = None if companies is None else sorted(companies)
    with engine.connect() as connection:
        if chosen is None:
            current = {row.id: row.canonical_id for row in connection.execute(current_query)}
        else:
            current = {}
            for start in range(0, len(chosen), IDS_PER_QUERY):
                part = LISTINGS.c.company_key.in_(chosen[start : start + IDS_PER_QUERY])
                current.update(
                    (row.id, row.canonical_id)
                    for row in connection.execute(current_query.where(part))
                )
    changes: list[tuple[int, int | None]] = [
        (listing, canonical)
        for listing, canonical in links.items()
        if current.get(listing) != canonical
    ]
    changes += [(listing, None) for listing in current if listing not in links]
    if changes:
        changes.sort(key=itemgetter(0))  # in the table's order: pages written together
        _update_links(engine, changes)


def linked_count(engine: Engine) -> int:
    """How many open listings point to another listing as the same job."""
    query = select(func.count()).where(
        LISTINGS.c.closed_at.is_(None), LISTINGS.c.canonical_id.is_not(None)
    )
    with engine.connect() as connection:
        return int(connection.execute(query).scalar_one())


# ---- which companies changed since the stage last read them ----


def mark_companies(connection: Connection, keys: Iterable[str | None]) -> None:
    """Mark these companies (keys of listings written in this transaction)."""
    chosen = sorted({key for key in keys if key})
    if chosen:
        connection.execute(insert(MARKS), [{"company_key": key} for key in chosen])


def mark_listings(connection: Connection, ids: Iterable[int]) -> None:
    """Mark the companies these listings have now (before a write that may move them, or
    after one that touched them)."""
    chosen = sorted(set(ids))
    for start in range(0, len(chosen), IDS_PER_QUERY):
        mark_where(connection, LISTINGS.c.id.in_(chosen[start : start + IDS_PER_QUERY]))


def mark_where(connection: Connection, condition: Any) -> None:
    """Mark the companies of the listings `condition` selects."""
    companies = (
        select(LISTINGS.c.company_key)
        .where(condition, LISTINGS.c.company_key.is_not(None))
        .distinct()
    )
    connection.execute(insert(MARKS).from_select(["company_key"], companies))


@dataclass(frozen=True)
class Marks:
    """The companies marked when the stage began, and the last mark it read."""

    companies: frozenset[str]
    last: int


def read_marks(engine: Engine) -> Marks:
    """The companies marked up to now (each once, however often marked)."""
    with engine.connect() as connection:
        last = connection.execute(select(func.max(MARKS.c.id))).scalar() or 0
        companies = connection.execute(
            select(MARKS.c.company_key).where(MARKS.c.id <= last).distinct()
        ).scalars()
        return Marks(frozenset(companies), last)


def linking_matcher(engine: Engine) -> str | None:
    """The matcher whose links the store holds, if one is recorded."""
    query = select(STATE.c.value).where(STATE.c.key == MATCHER_KEY)
    with engine.connect() as connection:
        return connection.execute(query).scalar()


def settle(engine: Engine, marks: Marks, matcher: str) -> None:
    """Record that `matcher` linked the store, and forget the marks the stage read (the
    marks written since stay for the next run)."""
    with engine.begin() as connection:
        connection.execute(delete(MARKS).where(MARKS.c.id <= marks.last))
        connection.execute(delete(STATE).where(STATE.c.key == MATCHER_KEY))
        connection.execute(insert(STATE).values(key=MATCHER_KEY, value=matcher))


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
