"""Writing listings: bulk upsert on the natural key, and closing what a source dropped."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from jobradar.store.models import Listing
from sqlalchemy import Engine, Table, and_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection

LISTINGS: Table = Listing.__table__  # type: ignore[attr-defined]
BATCH_SIZE = 500  # well under SQLite's bound-parameter limit per statement

# The facts a source gives us; a change in any of them makes a listing "updated".
FACT_COLUMNS: tuple[str, ...] = (
    "url",
    "title",
    "company",
    "board",
    "location_raw",
    "workplace_raw",
    "location_requirements",
    "salary_raw",
    "pay_structured",
    "description_hash",
    "posted_at",
    "expires_at",
)
# Set on insert only, or owned by other steps (lifecycle, dedupe).
_NOT_UPDATED = {"id", "source", "source_id", "first_seen", "canonical_id"}


@dataclass
class UpsertResult:
    """How the rows of one upsert relate to what the store held before."""

    new: int = 0
    updated: int = 0
    unchanged: int = 0
    reopened: int = 0

    def add(self, other: UpsertResult) -> None:
        self.new += other.new
        self.updated += other.updated
        self.unchanged += other.unchanged
        self.reopened += other.reopened


def content_hash(row: Mapping[str, Any]) -> str:
    """A stable digest of a listing's source facts."""
    facts = {name: row.get(name) for name in FACT_COLUMNS}
    encoded = json.dumps(facts, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(encoded.encode()).hexdigest()


def _insert_for(connection: Connection) -> Any:
    dialect = connection.dialect.name
    if dialect == "sqlite":
        return sqlite.insert(LISTINGS)
    if dialect == "postgresql":
        return postgresql.insert(LISTINGS)
    raise NotImplementedError(f"no upsert for dialect {dialect}")


def _existing(connection: Connection, source: str, keys: Sequence[str]) -> dict[str, tuple]:
    query = select(LISTINGS.c.source_id, LISTINGS.c.content_hash, LISTINGS.c.closed_at).where(
        LISTINGS.c.source == source, LISTINGS.c.source_id.in_(keys)
    )
    return {row.source_id: (row.content_hash, row.closed_at) for row in connection.execute(query)}


def _upsert_batch(
    connection: Connection, source: str, rows: list[dict[str, Any]], seen_at: datetime
) -> UpsertResult:
    result = UpsertResult()
    existing = _existing(connection, source, [row["source_id"] for row in rows])
    for row in rows:
        row["content_hash"] = content_hash(row)
        row["first_seen"] = seen_at
        row["last_seen"] = seen_at
        row["closed_at"] = None
        before = existing.get(row["source_id"])
        if before is None:
            result.new += 1
        elif before[0] != row["content_hash"]:
            result.updated += 1
        else:
            result.unchanged += 1
        if before is not None and before[1] is not None:
            result.reopened += 1
    statement = _insert_for(connection)
    columns = {key for row in rows for key in row} - _NOT_UPDATED
    statement = statement.on_conflict_do_update(
        index_elements=[LISTINGS.c.source, LISTINGS.c.source_id],
        set_={name: statement.excluded[name] for name in sorted(columns)},
    )
    connection.execute(statement, rows)
    return result


def upsert_listings(
    engine: Engine, rows: Iterable[Mapping[str, Any]], seen_at: datetime
) -> UpsertResult:
    """Insert or update listings on `(source, source_id)` in one transaction.

    Every row is marked seen at `seen_at` and reopened if it had been closed;
    `first_seen` is set only when the listing is new. Rows of several sources may
    be mixed; a key repeated within `rows` keeps its last version.
    """
    by_source: dict[str, dict[str, dict[str, Any]]] = {}
    for row in rows:
        by_source.setdefault(row["source"], {})[row["source_id"]] = dict(row)
    total = UpsertResult()
    with engine.begin() as connection:
        for source, keyed in by_source.items():
            batch = list(keyed.values())
            for start in range(0, len(batch), BATCH_SIZE):
                total.add(
                    _upsert_batch(connection, source, batch[start : start + BATCH_SIZE], seen_at)
                )
    return total


def close_missing(
    engine: Engine,
    source: str,
    seen_at: datetime,
    closed_at: datetime,
    boards: Sequence[str] | None = None,
) -> int:
    """Close the open listings of `source` not seen by the crawl that saw at `seen_at`.

    Call this only after a crawl that finished cleanly. `boards` limits closing to
    the boards that crawl covered (an ATS source crawled for some boards only).
    """
    condition = and_(
        LISTINGS.c.source == source,
        LISTINGS.c.closed_at.is_(None),
        LISTINGS.c.last_seen < seen_at,
    )
    if boards is not None:
        condition = and_(condition, LISTINGS.c.board.in_(list(boards)))
    with engine.begin() as connection:
        result = connection.execute(update(LISTINGS).where(condition).values(closed_at=closed_at))
    return result.rowcount or 0


def close_expired(engine: Engine, source: str, now: datetime) -> int:
    """Close open listings of `source` whose own expiry date has passed (closed at that date)."""
    condition = and_(
        LISTINGS.c.source == source,
        LISTINGS.c.closed_at.is_(None),
        LISTINGS.c.expires_at.is_not(None),
        LISTINGS.c.expires_at < now,
    )
    with engine.begin() as connection:
        result = connection.execute(
            update(LISTINGS).where(condition).values(closed_at=LISTINGS.c.expires_at)
        )
    return result.rowcount or 0
