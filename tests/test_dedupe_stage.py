"""The dedupe stage links what the matcher finds on all the listings at once.

The stage reads the store in one pass by company, in batches, descriptions only where a
pair needs them; whatever the batch size, its links must be those of
`duplicate_groups` given every open listing with its description, on both backends.
"""

from __future__ import annotations

import contextlib
import random
from datetime import timedelta
from itertools import combinations
from typing import Any

import pytest
from sqlalchemy import Engine, select, update

from jobradar.classifier.duplicates import (
    Posting,
    descriptions_match,
    duplicate_groups,
    duplicate_links,
    listed_alike,
)
from jobradar.scheduler import stages
from jobradar.store import dedupe as stored_duplicates
from jobradar.store.listings import upsert_listings
from jobradar.store.models import Listing
from jobradar.store.types import utc_now

LISTINGS = Listing.__table__  # type: ignore[attr-defined]
SOURCES = ("greenhouse", "lever", "remoteok", "himalayas", "hackernews")
ROLES = (
    "MLOps Engineer",
    "Senior Data Engineer",
    "Staff Research Scientist",
    "GPU Cluster Engineer",
    "Inference Engineer",
    "Analytics Engineer",
)
PLACES = (("London", ["GB"]), ("Berlin", ["DE"]), ("Austin, TX", ["US"]), ("Remote", []))
VOCABULARY = [
    f"{stem}{n}" for stem in ("train", "serve", "scale", "ship", "tune") for n in range(40)
]


Job = tuple[str, str, list[str], str]  # title, place, countries, description


def _copy(rng: random.Random, job: Job) -> Job:
    """A job as one more source lists it: with a place or work-mode note in its title, or
    in another city; its description truncated, or rewritten."""
    title, place, countries, text = job
    variant = rng.random()
    if variant < 0.2:
        title = f"{title} - {place}"
    elif variant < 0.3:
        title = f"{title} (Remote)"
    elif variant < 0.4:
        place, countries = rng.choice(PLACES)
    if rng.random() < 0.3:
        text = text[: len(text) * 2 // 3]
    elif rng.random() < 0.15:
        text = " ".join(rng.choices(VOCABULARY, k=120))
    return title, place, countries, text


def _market(seed: int = 18) -> list[tuple[int, dict[str, Any]]]:
    """(days ago first seen, listing row): companies' jobs copied across sources, and a
    company listed on one source only."""
    rng = random.Random(seed)
    rows: list[tuple[int, dict[str, Any]]] = []
    for company in range(14):
        jobs = []
        for _ in range(rng.randint(3, 7)):
            place, countries = rng.choice(PLACES)
            words = rng.choices(VOCABULARY, k=rng.choice((30, 120, 160)))
            jobs.append((rng.choice(ROLES), place, countries, " ".join(words)))
        for source in SOURCES[:1] if company == 13 else SOURCES:
            for job in jobs:
                if rng.random() < 0.3:
                    continue
                title, place, countries, text = _copy(rng, job)
                row = {
                    "source": source,
                    "board": f"co{company}" if source in ("greenhouse", "lever") else "",
                    "source_id": str(len(rows)),
                    "url": f"https://example.com/{len(rows)}",
                    "title": title,
                    "company": f"Company {company} Inc.",
                    "company_key": f"company{company}",
                    "location_raw": place,
                    "countries": countries,
                    "remote_type": "remote" if place == "Remote" else "onsite",
                    "description_text": text,
                    "content_hash": f"h{len(rows)}",
                }
                rows.append((rng.randint(0, 9), row))
    return rows


def _filled(engine: Engine) -> None:
    now = utc_now()
    for days in range(10):
        upsert_listings(
            engine, [row for ago, row in _market() if ago == days], now - timedelta(days=days)
        )
    with engine.begin() as connection:  # some closed, one wrongly linked from before
        connection.execute(update(LISTINGS).where(LISTINGS.c.id % 9 == 0).values(closed_at=now))
        connection.execute(update(LISTINGS).where(LISTINGS.c.id == 2).values(canonical_id=1))


def _open_postings(engine: Engine) -> list[Posting]:
    with engine.connect() as connection:
        rows = connection.execute(select(LISTINGS).where(LISTINGS.c.closed_at.is_(None))).all()
    return [
        Posting(
            id=row.id,
            source=row.source,
            company_key=row.company_key,
            title=row.title,
            location=row.location_raw,
            countries=row.countries or [],
            description=row.description_text,
            first_seen=row.first_seen,
            remote=row.remote_type == "remote",
        )
        for row in rows
    ]


def _links(engine: Engine) -> dict[int, int]:
    query = select(LISTINGS.c.id, LISTINGS.c.canonical_id).where(
        LISTINGS.c.closed_at.is_(None), LISTINGS.c.canonical_id.is_not(None)
    )
    with engine.connect() as connection:
        return {row.id: row.canonical_id for row in connection.execute(query)}


@pytest.mark.parametrize("batch", [7, 10_000])
def test_the_stage_links_what_the_matcher_finds_on_every_listing_at_once(
    engine: Engine, batch: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(stored_duplicates, "LISTINGS_PER_BATCH", batch)
    monkeypatch.setattr(stored_duplicates, "ROWS_PER_FETCH", 5)
    monkeypatch.setattr(stored_duplicates, "LINKS_PER_STATEMENT", 3)
    _filled(engine)
    postings = _open_postings(engine)
    expected = duplicate_links(duplicate_groups(postings))
    refused = [
        (a, b)
        for a, b in combinations(postings, 2)
        if listed_alike(a, b) and descriptions_match(a, b) is False
    ]
    assert len(expected) > 20  # a market with duplicates to find,
    assert refused  # and pairs that only their descriptions tell apart
    assert stages.dedupe(engine) == len(expected)
    assert _links(engine) == expected
    assert stages.dedupe(engine) == len(expected)  # and again, with nothing to change
    assert _links(engine) == expected
    if engine.dialect.name == "sqlite":  # the write turned foreign keys off for itself only
        with contextlib.ExitStack() as stack:
            pooled = [stack.enter_context(engine.connect()) for _ in range(3)]
            assert [c.exec_driver_sql("PRAGMA foreign_keys").scalar() for c in pooled] == [1] * 3
