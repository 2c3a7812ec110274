"""Writing listings: upserts on the natural key, sightings, closing, and tags.

A crawl writes a listing only when its content changed: an unchanged listing gets its
sighting (`sightings.last_seen`) and nothing else, so a re-crawl of the same market
rewrites no listing row and never touches a tag. The role is written by the tag stage
alone (`write_tags`); a changed listing keeps the role its model last gave it until
the tag stage reads it again.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, fields
from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Engine,
    Integer,
    Table,
    Text,
    and_,
    bindparam,
    cast,
    column,
    exists,
    false,
    func,
    literal,
    or_,
    select,
    table,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection
from sqlalchemy.exc import SQLAlchemyError

from jobradar.store.dedupe import mark_companies, mark_listings
from jobradar.store.models import Listing, Sighting

log = logging.getLogger(__name__)

LISTINGS: Table = Listing.__table__  # type: ignore[attr-defined]
SIGHTINGS: Table = Sighting.__table__  # type: ignore[attr-defined]
# Rows per transaction: under SQLite's bound-parameter limit per statement; PostgreSQL
# copies its rows (COPY), where larger batches pay.
BATCH_SIZE = {"sqlite": 500, "postgresql": 2000}
DESCRIBED = 200  # characters from which a description counts as one (crawl coverage)

# Set on insert only, or owned by other stages (lifecycle, dedupe, the tag stage).
_NOT_UPDATED = frozenset(
    {"id", "source", "board", "source_id", "first_seen", "closed_at", "canonical_id"}
)
ROLE_COLUMNS = ("role", "role_confidence", "classifier_version", "tagged_hash")


@dataclass
class UpsertResult:
    """How the rows of one upsert relate to what the store held before."""

    new: int = 0
    updated: int = 0
    unchanged: int = 0
    reopened: int = 0
    invalid: int = 0  # rows the database refused, each alone (the others were stored)

    def add(self, other: UpsertResult) -> None:
        for name in (f.name for f in fields(self)):
            setattr(self, name, getattr(self, name) + getattr(other, name))


def natural_key(row: Mapping[str, Any]) -> tuple[str, str, str]:
    return row["source"], row.get("board") or "", str(row["source_id"])


def _insert_for(connection: Connection, table: Table) -> Any:
    dialect = connection.dialect.name
    if dialect == "sqlite":
        return sqlite.insert(table)
    if dialect == "postgresql":
        return postgresql.insert(table)
    raise NotImplementedError(f"no upsert for dialect {dialect}")


def _existing(
    connection: Connection, keys: Sequence[tuple[str, str, str]]
) -> dict[tuple[str, str, str], tuple[int, str, datetime | None, str | None]]:
    # Each column against its own list, then the exact keys kept: PostgreSQL reads a list
    # of row values by scanning the table, and these plain lists through the key's index.
    sources, boards, ids = (sorted({key[part] for key in keys}) for part in range(3))
    query = select(
        LISTINGS.c.source,
        LISTINGS.c.board,
        LISTINGS.c.source_id,
        LISTINGS.c.id,
        LISTINGS.c.content_hash,
        LISTINGS.c.closed_at,
        LISTINGS.c.record_hash,
    ).where(
        LISTINGS.c.source.in_(sources), LISTINGS.c.board.in_(boards), LISTINGS.c.source_id.in_(ids)
    )
    wanted = set(keys)
    found = {}
    for row in connection.execute(query):
        key = (row.source, row.board, row.source_id)
        if key in wanted:
            found[key] = (row.id, row.content_hash, row.closed_at, row.record_hash)
    return found


def _write_batch(
    connection: Connection, rows: Sequence[dict[str, Any]], seen_at: datetime
) -> UpsertResult:
    result = UpsertResult()
    existing = _existing(connection, [natural_key(row) for row in rows])
    writes, reopened_ids, seen_ids, rehashed, changed_ids = [], [], set(), [], []
    for row in rows:
        before = existing.get(natural_key(row))
        if before is None:
            result.new += 1
            writes.append(row)
            continue
        listing_id, content_hash, closed_at, record_hash = before
        seen_ids.add(listing_id)
        if closed_at is not None:
            result.reopened += 1
            reopened_ids.append(listing_id)
        if content_hash != row["content_hash"]:
            result.updated += 1
            writes.append(row)
            changed_ids.append(listing_id)
        else:
            result.unchanged += 1
            if row.get("record_hash") and row["record_hash"] != record_hash:
                # the same facts from another record (or other mapping code): remember the
                # record, so that the next crawl that finds it maps nothing
                rehashed.append({"b_id": listing_id, "b_record_hash": row["record_hash"]})
    # the dedupe stage's marks: the companies a rewritten listing may leave, then those of
    # every listing written or reopened
    mark_listings(connection, changed_ids)
    if writes:
        seen_ids.update(_upsert_changed(connection, writes, seen_at))
        mark_companies(connection, (row.get("company_key") for row in writes))
    if reopened_ids:
        connection.execute(
            update(LISTINGS).where(LISTINGS.c.id.in_(reopened_ids)).values(closed_at=None)
        )
        mark_listings(connection, reopened_ids)
    if rehashed:
        connection.execute(
            update(LISTINGS)
            .where(LISTINGS.c.id == bindparam("b_id"))
            .values(record_hash=bindparam("b_record_hash")),
            rehashed,
        )
    _record_sightings(connection, sorted(seen_ids), seen_at)
    return result


def _upsert_changed(
    connection: Connection, rows: Sequence[dict[str, Any]], seen_at: datetime
) -> list[int]:
    """Insert new rows and rewrite changed ones; returns their ids.

    The statement itself compares the content hashes: a row whose content another
    writer already stored is left untouched.
    """
    values = [{**row, "board": row.get("board") or "", "first_seen": seen_at} for row in rows]
    given = sorted({key for row in values for key in row})
    copied = connection.dialect.name == "postgresql"
    insert = _insert_for(connection, LISTINGS)
    if copied:
        insert = insert.from_select(given, _staged(connection, values, given))
    updated = sorted(set(given) - _NOT_UPDATED - set(ROLE_COLUMNS))
    statement = insert.on_conflict_do_update(
        index_elements=[LISTINGS.c.source, LISTINGS.c.board, LISTINGS.c.source_id],
        set_={name: insert.excluded[name] for name in updated},
        where=LISTINGS.c.content_hash != insert.excluded.content_hash,
    ).returning(LISTINGS.c.id)
    found = connection.execute(statement) if copied else connection.execute(statement, values)
    return [row.id for row in found]


_STAGE = "listings_stage"


def copy_rows(
    connection: Connection,
    table_name: str,
    rows: Iterable[Mapping[str, Any]],
    columns: Sequence[Any],
) -> None:
    """Write `rows` into `table_name` with PostgreSQL's COPY, the bulk path: binding
    hundreds of rows of thirty columns to one statement costs the client more than the
    server; COPY streams them instead. `columns` are the table's Column objects to write
    (a JSON column's value goes as JSON text, which the server parses; None is JSON's
    null, as the statement path stores it)."""
    names = [table_column.name for table_column in columns]
    as_json = [isinstance(table_column.type, JSON) for table_column in columns]
    quoted = ", ".join(f'"{name}"' for name in names)
    cursor = connection.connection.driver_connection.cursor()  # type: ignore[union-attr]
    with cursor.copy(f"COPY {table_name} ({quoted}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(
                [
                    json.dumps(row.get(name)) if json_text else row.get(name)
                    for name, json_text in zip(names, as_json, strict=True)
                ]
            )


def _staged(connection: Connection, rows: Sequence[dict[str, Any]], columns: Sequence[str]) -> Any:
    """The rows copied into a temporary table of the listings' shape; a SELECT of them, for
    one INSERT … SELECT … ON CONFLICT."""
    connection.exec_driver_sql(  # a fixed name, no input in it
        f"CREATE TEMP TABLE IF NOT EXISTS {_STAGE} ON COMMIT DELETE ROWS AS "  # noqa: S608
        "SELECT * FROM listings WITH NO DATA"
    )
    connection.exec_driver_sql(f"TRUNCATE {_STAGE}")
    copy_rows(connection, _STAGE, rows, [LISTINGS.c[name] for name in columns])
    stage = table(_STAGE, *(column(name) for name in columns))
    return select(*(stage.c[name] for name in columns))


def _record_sightings(connection: Connection, ids: Sequence[int], seen_at: datetime) -> None:
    if not ids:
        return
    statement = _insert_for(connection, SIGHTINGS)
    arrayed = connection.dialect.name == "postgresql"
    if arrayed:
        # one statement over an array of the ids: row by row, each id costs PostgreSQL a
        # round of its protocol, even pipelined
        ids_array = bindparam("ids", list(ids), type_=postgresql.ARRAY(Integer))
        statement = statement.from_select(
            ["listing_id", "last_seen"], select(func.unnest(ids_array), literal(seen_at))
        )
    statement = statement.on_conflict_do_update(
        index_elements=[SIGHTINGS.c.listing_id], set_={"last_seen": statement.excluded.last_seen}
    )
    rows = None if arrayed else [{"listing_id": i, "last_seen": seen_at} for i in ids]
    connection.execute(statement, rows)


def _batches(rows: Sequence[dict[str, Any]], size: int) -> Iterator[Sequence[dict[str, Any]]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


def upsert_listings(
    engine: Engine, rows: Iterable[Mapping[str, Any]], seen_at: datetime
) -> UpsertResult:
    """Store listings on their natural key; each batch of rows is one transaction.

    New rows are inserted (first seen at `seen_at`), changed ones (another
    `content_hash`) rewritten, unchanged ones left alone; every row is recorded as
    seen at `seen_at`, and reopened if it had been closed. A key repeated within `rows`
    keeps its last version. A batch the database refuses is retried row by row: the
    rows it refuses are counted as `invalid` and logged, the others stored.
    """
    if seen_at.tzinfo is None:
        raise ValueError(f"naive datetime {seen_at!r}: jobradar stores aware UTC only")
    keyed = {natural_key(row): _with_hash(row) for row in rows}
    total = UpsertResult()
    for batch in _batches(list(keyed.values()), BATCH_SIZE.get(engine.dialect.name, 500)):
        try:
            with engine.begin() as connection:
                total.add(_write_batch(connection, batch, seen_at))
        except SQLAlchemyError as problem:
            log.warning(
                "a batch of %d listings failed (%s); storing them one by one",
                len(batch),
                type(problem).__name__,
            )
            for row in batch:
                total.add(_write_alone(engine, row, seen_at))
    return total


def _with_hash(row: Mapping[str, Any]) -> dict[str, Any]:
    """The row, with a content hash of its own values when the caller gave none."""
    if row.get("content_hash"):
        return dict(row)
    facts = {key: value for key, value in row.items() if key not in TAGGED_COLUMNS}
    encoded = json.dumps(facts, sort_keys=True, default=str, ensure_ascii=False)
    return {
        **row,
        "content_hash": hashlib.sha256(encoded.encode("utf-8", "surrogatepass")).hexdigest(),
    }


def _write_alone(engine: Engine, row: dict[str, Any], seen_at: datetime) -> UpsertResult:
    try:
        with engine.begin() as connection:
            return _write_batch(connection, [row], seen_at)
    except SQLAlchemyError as problem:
        reason = str(getattr(problem, "orig", None) or problem).splitlines()[0]
        log.warning("listing %s/%s not stored: %s", row.get("source"), row.get("source_id"), reason)
        return UpsertResult(invalid=1)


@dataclass(frozen=True)
class Fingerprint:
    """What a crawl needs to know of a stored listing it fetches again unchanged: its
    content and record hashes, and which fields it has (the crawl's coverage counts them)."""

    content_hash: str
    salary: bool
    location: bool
    description: bool
    record_hash: str | None = None

    def coverage(self) -> dict[str, bool]:
        """Which of the crawl's coverage fields the listing has."""
        return {"salary": self.salary, "location": self.location, "description": self.description}


def fingerprints(engine: Engine, source: str) -> dict[tuple[str, str], Fingerprint]:
    """(board, source id) → fingerprint of every listing of `source`: a crawl compares what
    it fetches with these and derives nothing for a listing whose facts did not change."""
    columns = LISTINGS.c
    empty = "[]"
    query = select(
        columns.board,
        columns.source_id,
        columns.content_hash,
        columns.record_hash,
        columns.salary_currency.is_not(None),
        or_(
            columns.location_raw.is_not(None),
            cast(columns.location_requirements, Text) != empty,
            cast(columns.countries, Text) != empty,
        ),
        func.length(columns.description_text) >= DESCRIBED,
    ).where(columns.source == source)
    with engine.connect() as connection:
        return {
            (board, key): Fingerprint(
                digest, bool(paid), bool(placed), bool(described), record_hash
            )
            for board, key, digest, record_hash, paid, placed, described in connection.execute(
                query
            )
        }


def _unseen_since(seen_at: datetime) -> Any:
    """Listings with no sighting at or after `seen_at`."""
    return ~exists().where(
        SIGHTINGS.c.listing_id == LISTINGS.c.id, SIGHTINGS.c.last_seen >= seen_at
    )


def refresh_statistics(engine: Engine) -> None:
    """Let the query planner see the listings as they are after a bulk load: without fresh
    statistics PostgreSQL looks keys up through the wrong index (25x slower upserts), and
    SQLite counts roles through an index that matches nearly every row."""
    if engine.dialect.name == "postgresql":
        # VACUUM marks pages all-visible, which lets counts read the covering index alone;
        # it cannot run inside a transaction
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.exec_driver_sql("VACUUM (ANALYZE) listings")
            connection.exec_driver_sql("VACUUM (ANALYZE) sightings")
        return
    with engine.begin() as connection:
        connection.exec_driver_sql("ANALYZE")


def last_seen(engine: Engine, listing_id: int) -> datetime | None:
    """When the source last served this listing."""
    query = select(SIGHTINGS.c.last_seen).where(SIGHTINGS.c.listing_id == listing_id)
    with engine.connect() as connection:
        return connection.execute(query).scalar()


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
        LISTINGS.c.source == source, LISTINGS.c.closed_at.is_(None), _unseen_since(seen_at)
    )
    if boards is not None:
        condition = and_(condition, LISTINGS.c.board.in_(list(boards)) if boards else false())
    return _close(engine, update(LISTINGS).where(condition).values(closed_at=closed_at))


def close_expired(engine: Engine, source: str, now: datetime) -> int:
    """Close open listings of `source` whose own expiry date has passed, unless the crawl at
    `now` still saw them: a listing its source serves today is active today."""
    condition = and_(
        LISTINGS.c.source == source,
        LISTINGS.c.closed_at.is_(None),
        LISTINGS.c.expires_at.is_not(None),
        LISTINGS.c.expires_at < now,
        _unseen_since(now),
    )
    return _close(engine, update(LISTINGS).where(condition).values(closed_at=LISTINGS.c.expires_at))


def _close(engine: Engine, closing: Any) -> int:
    """Run a closing update; mark the companies of the listings it closed. Returns how many."""
    with engine.begin() as connection:
        companies = connection.execute(closing.returning(LISTINGS.c.company_key)).scalars().all()
        mark_companies(connection, companies)
    return len(companies)


# ---- the tag stage: rows whose tags are stale, and the tags written back ----

TAG_FACTS = (
    "id",
    "title",
    "description_text",
    "location_raw",
    "workplace_raw",
    "location_requirements",
    "salary_raw",
    "pay_structured",
    "posted_at",
    "first_seen",
    "content_hash",
    "extractor_version",
)


def stale_condition(classifier_version: str, extractor_version: str) -> Any:
    """Listings another role model or other extractors tagged, or changed since tagging."""
    return or_(
        LISTINGS.c.classifier_version != classifier_version,
        LISTINGS.c.extractor_version != extractor_version,
        LISTINGS.c.tagged_hash.is_(None),
        LISTINGS.c.tagged_hash != LISTINGS.c.content_hash,
    )


def count_stale(engine: Engine, classifier_version: str, extractor_version: str) -> int:
    query = select(LISTINGS.c.id).where(stale_condition(classifier_version, extractor_version))
    with engine.connect() as connection:
        return len(connection.execute(query).all())


def stale_rows(
    engine: Engine, classifier_version: str, extractor_version: str, after_id: int, limit: int
) -> list[dict[str, Any]]:
    """The next `limit` stale listings (by id, after `after_id`), with the facts tags are
    read from and the tags they hold."""
    columns = [LISTINGS.c[name] for name in TAG_FACTS]
    query = (
        select(*columns, *(LISTINGS.c[name] for name in TAGGED_COLUMNS))
        .where(stale_condition(classifier_version, extractor_version), LISTINGS.c.id > after_id)
        .order_by(LISTINGS.c.id)
        .limit(limit)
    )
    with engine.connect() as connection:
        return [dict(row._mapping) for row in connection.execute(query)]


# Every column the tag stage may write (the extractors' tags, then the role's).
TAGGED_COLUMNS = (
    "remote_type",
    "remote_scope",
    "countries",
    "salary_min",
    "salary_max",
    "salary_currency",
    "salary_period",
    "salary_origin",
    "salary_text",
    "annual_usd_min",
    "annual_usd_max",
    "fx_rate",
    "fx_date",
    "seniority",
    "skills",
    "extractor_version",
    *ROLE_COLUMNS,
)


_MATCHED_TAGS = frozenset({"remote_type", "countries"})  # what the dedupe matcher reads


def write_tags(engine: Engine, updates: Sequence[Mapping[str, Any]]) -> int:
    """Write tags by listing id (`id` plus some of TAGGED_COLUMNS), one transaction."""
    by_columns: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for row in updates:
        names = tuple(sorted(set(row) - {"id"}))
        unknown = set(names) - set(TAGGED_COLUMNS)
        if unknown:
            raise ValueError(f"not tag columns: {sorted(unknown)}")
        by_columns.setdefault(names, []).append(
            {"b_id": row["id"], **{f"b_{name}": row[name] for name in names}}
        )
    with engine.begin() as connection:
        for names, rows in by_columns.items():
            statement = (
                update(LISTINGS)
                .where(LISTINGS.c.id == bindparam("b_id"))
                .values({name: bindparam(f"b_{name}") for name in names})
            )
            connection.execute(statement, rows)
            if _MATCHED_TAGS.intersection(names):
                mark_listings(connection, [row["b_id"] for row in rows])
    return len(updates)
