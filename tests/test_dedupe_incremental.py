"""The dedupe stage reads only the companies marked since its last run, and links them as a
run over every listing would.

Every change is made through the store's own writers (a crawl's upsert, a closing, a
reopening, the tag stage), which mark the companies they touch; the links after a run
over the marked companies alone must be those the matcher finds on all open listings.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import Engine, select, update

from jobradar.classifier.duplicates import duplicate_groups, duplicate_links
from jobradar.scheduler import stages
from jobradar.store import dedupe as stored_duplicates
from jobradar.store.listings import close_missing, upsert_listings, write_tags
from jobradar.store.types import utc_now
from tests.test_dedupe_stage import LISTINGS, _filled, _links, _market, _open_postings


class Reads:
    """Which companies the stage asked the store for: None for all of them."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.asked: list[frozenset[str] | None] = []
        read = stored_duplicates.company_batches

        def spy(
            engine: Engine, excluded: Collection[str] = (), companies: Any = None
        ) -> Iterator[Any]:
            self.asked.append(None if companies is None else frozenset(companies))
            return read(engine, excluded, companies)

        monkeypatch.setattr(stored_duplicates, "company_batches", spy)


def _expected(engine: Engine) -> dict[int, int]:
    return duplicate_links(duplicate_groups(_open_postings(engine)))


def _row(engine: Engine, listing_id: int) -> dict[str, Any]:
    """A stored listing as a crawl hands it to the store again: the fields of the market's rows."""
    [(_, written)] = _market()[:1]
    query = select(*(LISTINGS.c[name] for name in written)).where(LISTINGS.c.id == listing_id)
    with engine.connect() as connection:
        return dict(connection.execute(query).one()._mapping)


def _first_open(engine: Engine, *conditions: Any) -> int:
    query = (
        select(LISTINGS.c.id)
        .where(LISTINGS.c.closed_at.is_(None), *conditions)
        .order_by(LISTINGS.c.id)
    )
    with engine.connect() as connection:
        return int(connection.execute(query).scalars().first())


def test_a_run_over_the_changed_companies_links_as_a_run_over_all(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    _filled(engine)
    reads = Reads(monkeypatch)
    assert stages.dedupe(engine) == len(_expected(engine))
    assert reads.asked == [None]  # no matcher recorded yet: every company

    now = utc_now()
    # a crawl: one more source lists a company's job (a new duplicate), and a listing
    # is rewritten under another company
    copied = _row(engine, _first_open(engine, LISTINGS.c.company_key == "company5"))
    copied |= {"source": "himalayas", "board": "", "source_id": "new-1", "content_hash": "n1"}
    moved = _row(engine, _first_open(engine, LISTINGS.c.company_key == "company3"))
    moved |= {"company_key": "company4", "company": "Company 4 Inc.", "content_hash": "m1"}
    upsert_listings(engine, [copied, moved], now)
    # a crawl of one board that no longer serves its listings closes them
    assert close_missing(engine, "lever", now + timedelta(seconds=1), now, boards=["co7"]) > 0
    # a closed listing served again is reopened
    with engine.connect() as connection:
        closed = connection.execute(
            select(LISTINGS.c.id).where(LISTINGS.c.closed_at.is_not(None)).limit(1)
        ).scalar_one()
    upsert_listings(engine, [_row(engine, closed)], now)
    # the tag stage reads another work mode
    retagged = _first_open(engine, LISTINGS.c.company_key == "company9")
    write_tags(engine, [{"id": retagged, "remote_type": "remote"}])

    marked = stored_duplicates.read_marks(engine).companies
    touched = {"company5", "company3", "company4", "company7", "company9"}
    assert touched <= marked < {f"company{n}" for n in range(14)}
    expected = _expected(engine)
    assert stages.dedupe(engine) == len(expected)
    assert reads.asked[1:] == [marked]
    assert _links(engine) == expected
    assert not stored_duplicates.read_marks(engine).companies  # all read


def test_with_nothing_marked_the_stage_reads_no_listing(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    _filled(engine)
    linked = stages.dedupe(engine)
    reads = Reads(monkeypatch)
    assert stages.dedupe(engine) == linked
    assert reads.asked == []


def test_another_matcher_links_every_company_again(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    _filled(engine)
    stages.dedupe(engine)
    with engine.begin() as connection:  # links a wrong one, as an older matcher might have
        connection.execute(update(LISTINGS).where(LISTINGS.c.id == 3).values(canonical_id=1))
    monkeypatch.setattr(stages, "MATCHER_VERSION", "m-another")
    reads = Reads(monkeypatch)
    stages.dedupe(engine)
    assert reads.asked == [None]
    assert _links(engine) == _expected(engine)
    assert stored_duplicates.linking_matcher(engine) == "m-another"


def test_marks_written_while_the_stage_runs_stay_for_the_next_run(engine: Engine) -> None:
    _filled(engine)
    stages.dedupe(engine)
    upsert_listings(engine, [dict(row, content_hash="c1") for _, row in _market()[:1]], utc_now())
    marks = stored_duplicates.read_marks(engine)
    assert marks.companies == {"company0"}
    with engine.begin() as connection:  # a crawl writes between the read and the settling
        stored_duplicates.mark_companies(connection, ["company2"])
    stored_duplicates.settle(engine, marks, stages.MATCHER_VERSION)
    assert stored_duplicates.read_marks(engine).companies == {"company2"}
