"""What the command line's JSON contracts are made of, as callable functions.

`jobradar roles --format json` prints `roles(...)`, `jobradar sources --format json`
prints `sources(...)`, `jobradar search --format json` prints `search(...)`: a test or
another program calls these and gets the same documents.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from jobradar.classifier.taxonomy import ROLE_SLUGS
from jobradar.store.queries import ListingFilter, role_counts
from jobradar.store.queries import search as search_listings
from jobradar.store.snapshots import snapshot_role_counts

SEARCH_FIELDS = (
    "title",
    "company",
    "role",
    "seniority",
    "remote_type",
    "source",
    "annual_usd_min",
    "annual_usd_max",
    "url",
    "first_seen",
)


def roles(
    engine: Engine,
    day: date,
    facets: ListingFilter | None = None,
    *,
    from_snapshot: bool = False,
) -> dict[str, Any]:
    """`{"date", "total", "roles": [{"role", "count"}, ...]}`: listings counted on `day`
    per role, most first; a past day (`from_snapshot`) is read from its daily snapshot
    when it has one."""
    counts = (snapshot_role_counts(engine, day, facets) if from_snapshot else None) or role_counts(
        engine, day, facets
    )
    ordered = sorted(counts.items(), key=lambda item: (-item[1], ROLE_SLUGS.index(item[0])))
    return {
        "date": day.isoformat(),
        "total": sum(counts.values()),
        "roles": [{"role": role, "count": count} for role, count in ordered],
    }


def sources(engine: Engine, sources_file: Path) -> dict[str, Any]:
    """`{"sources": [...]}`: every configured source, its terms and its last run's health."""
    from jobradar.health import source_health  # noqa: PLC0415 (loads every spider)

    return {"sources": [entry.as_dict() for entry in source_health(engine, sources_file)]}


def search(
    engine: Engine,
    day: date,
    words: Sequence[str],
    facets: ListingFilter | None = None,
    *,
    min_salary: float | None = None,
    limit: int = 20,
) -> dict[str, Any]:
    """`{"results": [...]}`: counted listings holding every word, newest first."""
    hits = search_listings(engine, day, words, facets=facets, min_salary=min_salary, limit=limit)
    return {
        "results": [
            {name: getattr(hit, name) for name in SEARCH_FIELDS}
            | {"first_seen": hit.first_seen.isoformat()}
            for hit in hits
        ]
    }
