"""The store: bulk upserts on the natural key, lifecycle, UTC timestamps, dialect settings."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine, func, select, text
from sqlmodel import Session

from jobradar.classifier.taxonomy import ROLE_SLUGS
from jobradar.crawler.items import ListingItem
from jobradar.crawler.pipelines.store import listing_row
from jobradar.store.engine import open_store, parse_url
from jobradar.store.errors import DatabaseURLError
from jobradar.store.listings import close_missing, last_seen, upsert_listings, write_tags
from jobradar.store.models import Listing
from jobradar.store.queries import role_counts

T0 = datetime(2026, 11, 1, 6, 0, tzinfo=UTC)


def row(source_id: str, title: str = "ML Platform Engineer", **extra: object) -> dict[str, object]:
    return {
        "source": "greenhouse",
        "source_id": source_id,
        "board": "acme",
        "url": f"https://example.com/jobs/{source_id}",
        "title": title,
        "company": "Acme",
        "description_text": "Build the platform our ML teams ship models on.",
        "description_hash": "h",
        "role": "ml-platform",
        **extra,
    }


def count(engine: Engine) -> int:
    with Session(engine) as session:
        return int(session.scalar(select(func.count()).select_from(Listing)) or 0)


def listing(engine: Engine, source_id: str) -> Listing:
    with Session(engine) as session:
        found = session.scalars(select(Listing).where(Listing.source_id == source_id)).one()
        session.expunge(found)
        return found


def test_upsert_is_idempotent(engine: Engine) -> None:
    first = upsert_listings(engine, [row("1"), row("2")], T0)
    again = upsert_listings(engine, [row("1"), row("2")], T0 + timedelta(days=1))
    assert (first.new, first.updated, first.unchanged) == (2, 0, 0)
    assert (again.new, again.updated, again.unchanged) == (0, 0, 2)
    assert count(engine) == 2
    stored = listing(engine, "1")
    assert stored.first_seen == T0
    assert stored.id is not None
    assert last_seen(engine, stored.id) == T0 + timedelta(days=1)


def test_a_changed_fact_counts_as_updated_and_is_written(engine: Engine) -> None:
    upsert_listings(engine, [row("1")], T0)
    result = upsert_listings(
        engine, [row("1", title="Senior ML Platform Engineer")], T0 + timedelta(hours=1)
    )
    assert (result.new, result.updated, result.unchanged) == (0, 1, 0)
    assert listing(engine, "1").title == "Senior ML Platform Engineer"


def test_a_key_repeated_in_one_batch_keeps_its_last_version(engine: Engine) -> None:
    upsert_listings(engine, [row("1", title="first"), row("1", title="second")], T0)
    assert count(engine) == 1
    assert listing(engine, "1").title == "second"


def test_timestamps_come_back_aware_utc(engine: Engine) -> None:
    upsert_listings(engine, [row("1", posted_at=datetime(2026, 10, 30, 9, 0, tzinfo=UTC))], T0)
    stored = listing(engine, "1")
    assert stored.first_seen.tzinfo is not None
    assert stored.posted_at == datetime(2026, 10, 30, 9, 0, tzinfo=UTC)


def test_naive_timestamps_are_refused(engine: Engine) -> None:
    with pytest.raises(Exception, match="naive datetime"):
        upsert_listings(engine, [row("1")], datetime(2026, 11, 1, 6, 0))  # noqa: DTZ001


def test_close_missing_closes_only_what_the_crawl_did_not_see(engine: Engine) -> None:
    upsert_listings(engine, [row("1"), row("2"), row("3", board="other")], T0)
    later = T0 + timedelta(days=1)
    upsert_listings(engine, [row("1")], later)
    closed = close_missing(engine, "greenhouse", later, later, boards=["acme"])
    assert closed == 1
    assert listing(engine, "2").closed_at == later
    assert listing(engine, "1").closed_at is None
    assert listing(engine, "3").closed_at is None  # its board was not crawled


def test_a_listing_that_reappears_is_reopened(engine: Engine) -> None:
    upsert_listings(engine, [row("1")], T0)
    close_missing(engine, "greenhouse", T0 + timedelta(days=1), T0 + timedelta(days=1))
    assert listing(engine, "1").closed_at is not None
    result = upsert_listings(engine, [row("1")], T0 + timedelta(days=2))
    assert result.reopened == 1
    assert listing(engine, "1").closed_at is None
    assert listing(engine, "1").first_seen == T0


def test_sqlite_runs_in_wal_mode_with_a_busy_timeout(sqlite_url: str) -> None:
    engine = open_store(sqlite_url)
    with engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA busy_timeout")).scalar() >= 1000


@pytest.mark.parametrize("url", ["nosuch://x", "mysql://localhost/db", "not a url"])
def test_unsupported_urls_are_refused_with_a_clear_error(url: str) -> None:
    with pytest.raises(DatabaseURLError):
        parse_url(url)


def test_postgresql_urls_use_psycopg3() -> None:
    assert parse_url("postgresql://postgres@localhost/test").drivername == "postgresql+psycopg"


def test_a_batch_with_one_row_the_database_refuses_stores_the_others(engine: Engine) -> None:
    rows = [row(str(n)) for n in range(500)]
    rows[137] = row("137", title=None)  # type: ignore[arg-type]  # NOT NULL refuses it
    result = upsert_listings(engine, rows, T0)
    assert (result.new, result.invalid) == (499, 1)
    later = upsert_listings(engine, [row(str(n)) for n in range(500, 1000)], T0)
    assert later.new == 500  # nothing of the failed batch is left pending
    assert count(engine) == 999


def test_the_same_id_on_two_boards_is_two_listings(engine: Engine) -> None:
    upsert_listings(engine, [row("42", board="acme"), row("42", board="globex")], T0)
    assert count(engine) == 2
    upsert_listings(engine, [row("42", board="globex", title="Changed")], T0)
    with Session(engine) as session:
        titles = dict(session.execute(select(Listing.board, Listing.title)).all())
    assert titles == {"acme": "ML Platform Engineer", "globex": "Changed"}


def test_every_value_the_item_accepts_fits_its_column(engine: Engine) -> None:
    longest = {
        name: field.metadata
        for name, field in ListingItem.model_fields.items()
        if any(getattr(rule, "max_length", None) for rule in field.metadata)
    }
    item = ListingItem(
        source="s" * 32,
        source_id="9" * 200,
        board="b" * 200,
        url="https://example.com/" + "p" * 5000,
        title="T" * 500,
        company="C" * 20_000,
        location_raw="L" * 20_000,
        workplace_raw="W" * 20_000,
        description="D" * 100_000,
    )
    for name, rules in longest.items():
        limit = next(rule.max_length for rule in rules if getattr(rule, "max_length", 0))
        column = Listing.__table__.c[name]  # type: ignore[attr-defined]
        length = getattr(column.type, "length", None)
        assert length is None or length >= limit, f"{name}: column {length} < item {limit}"
    stored = upsert_listings(engine, [{**listing_row(item), "company_key": "k" * 5000}], T0)
    assert (stored.new, stored.invalid) == (1, 0)


def test_a_past_day_counts_the_listings_open_then_and_each_job_once(engine: Engine) -> None:
    # listings first seen on days 0..4, closed on days 1..6 or never; some tagged as
    # another source's copy, some not tagged yet
    roles = ("ml-platform", "mlops", "gpu-cluster")
    for day in range(5):
        upsert_listings(engine, [row(f"{day}-{n}") for n in range(6)], T0 + timedelta(days=day))
    with engine.begin() as connection:
        ids = connection.execute(text("SELECT id FROM listings ORDER BY id")).scalars().all()
        for n, listing_id in enumerate(ids):
            closed = T0 + timedelta(days=1 + n % 6) if n % 4 else None
            connection.execute(
                text("UPDATE listings SET closed_at = :closed WHERE id = :id"),
                {"closed": closed, "id": listing_id},
            )
        connection.execute(
            text("UPDATE listings SET canonical_id = :first WHERE id = :id"),
            {"first": ids[0], "id": ids[7]},
        )
    write_tags(engine, [{"id": i, "role": roles[i % 3]} for i in ids if i % 5])
    with Session(engine) as session:
        stored = session.scalars(select(Listing)).all()
    for day in range(-1, 8):
        date = (T0 + timedelta(days=day)).date()
        cutoff = datetime.combine(date + timedelta(days=1), datetime.min.time(), tzinfo=UTC)
        expected = dict.fromkeys(ROLE_SLUGS, 0)
        for listing_ in stored:
            active = listing_.first_seen < cutoff and (
                listing_.closed_at is None or listing_.closed_at >= cutoff
            )
            if active and listing_.canonical_id is None and listing_.role is not None:
                expected[listing_.role] += 1
        assert role_counts(engine, date) == expected, day
