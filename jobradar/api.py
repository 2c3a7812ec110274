"""jobradar's Python API, and the documents the command line prints.

`jobradar.open(url)` gives a `Store` whose methods answer with pandas DataFrames;
`jobradar.classify(records)` tags postings without a store. The functions below build the
command line's JSON contracts: `jobradar roles --format json` prints `roles(...)`,
`jobradar sources --format json` prints `sources(...)`, `jobradar search --format json`
prints `search(...)`, and the DataFrames are these documents' rows, so a test or another
program gets the same answers as the command line.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine

from jobradar.classifier.taxonomy import REMOTE_TYPES, ROLE_SLUGS, SENIORITIES
from jobradar.errors import UserError
from jobradar.store.queries import ListingFilter, role_counts
from jobradar.store.queries import search as search_listings

if TYPE_CHECKING:
    import pandas as pd

    from jobradar.classifier.roles import RoleModel

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
# What `Store.listings()` shows of a listing by default (the raw source record and the
# description are there to recompute tags, not to read).
LISTING_COLUMNS = (
    "id",
    "source",
    "board",
    "source_id",
    "url",
    "title",
    "company",
    "location_raw",
    "countries",
    "remote_type",
    "remote_scope",
    "role",
    "role_confidence",
    "seniority",
    "skills",
    "salary_min",
    "salary_max",
    "salary_currency",
    "salary_period",
    "annual_usd_min",
    "annual_usd_max",
    "posted_at",
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
    per role, most first; read from the day's snapshot when the snapshot keeps the facets
    asked for and it is current (no crawl since could have changed the day), or, for a
    past day (`from_snapshot`), whenever it has one."""
    counts = None
    if not (facets and facets.beyond_snapshots):
        from jobradar.store.snapshots import (  # noqa: PLC0415
            snapshot_is_current,
            snapshot_role_counts,
        )

        if from_snapshot or snapshot_is_current(engine, day):
            counts = snapshot_role_counts(engine, day, facets)
    counts = counts or role_counts(engine, day, facets)
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
    """`{"results": [...]}`: counted listings holding every word, best match first
    (without words: newest first)."""
    hits = search_listings(engine, day, words, facets=facets, min_salary=min_salary, limit=limit)
    return {
        "results": [
            {name: getattr(hit, name) for name in SEARCH_FIELDS}
            | {"first_seen": hit.first_seen.isoformat()}
            for hit in hits
        ]
    }


def salary_index(engine: Engine, day: date) -> dict[str, Any]:
    """The document `jobradar salary-index --format json` prints."""
    from jobradar.report import build_report, render  # noqa: PLC0415 (the report's templates)

    document: dict[str, Any] = json.loads(render(build_report(engine, day), "json"))
    return document


def country_code(value: str) -> str:
    """The ISO 3166 alpha-2 code of a country given by code or name ("us", "Germany")."""
    import pycountry  # noqa: PLC0415 (its database loads in a quarter of a second)

    found = pycountry.countries.get(alpha_2=value.upper()) if len(value) == 2 else None
    if found is None and len(value) == 3:
        found = pycountry.countries.get(alpha_3=value.upper())
    if found is None:
        try:
            [found] = pycountry.countries.search_fuzzy(value)[:1]
        except LookupError:
            found = None
        if found is not None and value.casefold() not in {
            getattr(found, name, "").casefold() for name in ("name", "common_name", "official_name")
        }:
            found = None
    if found is None:
        raise UserError(f"no country {value!r}: give its ISO code (US, DE) or its name")
    return str(found.alpha_2)


def _many(value: str | Iterable[str] | None) -> tuple[str, ...]:
    if value is None:
        return ()
    return (value,) if isinstance(value, str) else tuple(value)


def _checked(name: str, values: tuple[str, ...], allowed: Sequence[str]) -> tuple[str, ...]:
    unknown = [value for value in values if value not in allowed]
    if unknown:
        raise UserError(f"no {name} {unknown[0]!r}; known: {', '.join(allowed)}")
    return values


def listing_filter(
    *,
    role: str | Iterable[str] | None = None,
    remote_type: str | Iterable[str] | None = None,
    source: str | Iterable[str] | None = None,
    seniority: str | Iterable[str] | None = None,
    country: str | Iterable[str] | None = None,
    company: str | Iterable[str] | None = None,
    min_confidence: float | None = None,
    since: date | str | None = None,
) -> ListingFilter:
    """The facets, checked: a value jobradar does not know is a `UserError`."""
    if min_confidence is not None and not 0 <= min_confidence <= 1:
        raise UserError(f"min_confidence {min_confidence} is not between 0 and 1")
    companies = _many(company)
    if any(not name.strip() for name in companies):
        raise UserError("a company name cannot be empty")
    return ListingFilter(
        roles=_checked("role", _many(role), ROLE_SLUGS) or None,
        remote_types=_checked("remote type", _many(remote_type), REMOTE_TYPES) or None,
        sources=_many(source) or None,
        seniorities=_checked("seniority", _many(seniority), SENIORITIES) or None,
        countries=tuple(country_code(value) for value in _many(country)) or None,
        companies=tuple(name.strip() for name in companies) or None,
        min_confidence=min_confidence,
        since=as_date(since),
    )


def as_date(value: date | str | None) -> date | None:
    """A date given as a date or as YYYY-MM-DD."""
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UserError(f"{value!r} is not a date (YYYY-MM-DD)") from None


def _today() -> date:
    return datetime.now(UTC).date()


def _pandas() -> Any:
    try:
        import pandas  # noqa: PLC0415
    except ImportError:
        raise UserError(
            "jobradar's Python API answers with pandas DataFrames: pip install 'jobradar[pandas]'"
        ) from None
    return pandas


class Store:
    """A jobradar store, read through pandas DataFrames (`jobradar.open(url)`).

    Every method takes the filters of the command line as keyword arguments (a value or a
    list of values); `roles()` and `search()` answer what `jobradar roles` and
    `jobradar search` print, row for row.
    """

    def __init__(self, url: str | None = None) -> None:
        from jobradar.store.engine import open_store  # noqa: PLC0415

        self.engine = open_store(url)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.engine.dispose()

    def roles(self, date: date | str | None = None, **filters: Any) -> pd.DataFrame:
        """Listings counted per role on `date` (default today), most first: columns
        `role`, `count`; `.attrs` holds the `date` and the `total`."""
        day = as_date(date)
        document = roles(
            self.engine, day or _today(), listing_filter(**filters), from_snapshot=day is not None
        )
        frame = _pandas().DataFrame(document["roles"], columns=["role", "count"])
        frame.attrs = {"date": document["date"], "total": document["total"]}
        return frame

    def salary_index(self, date: date | str | None = None) -> pd.DataFrame:
        """The salary index of `date` (default today): one row per role and seniority, in
        USD a year, as `jobradar salary-index --format json` prints it."""
        document = salary_index(self.engine, as_date(date) or _today())
        frame = _pandas().DataFrame(document["rows"])
        frame.attrs = {key: value for key, value in document.items() if key != "rows"}
        return frame

    def search(
        self,
        query: str = "",
        *,
        min_salary: float | None = None,
        limit: int = 20,
        **filters: Any,
    ) -> pd.DataFrame:
        """Active listings holding every word of `query`, best match first."""
        document = search(
            self.engine,
            _today(),
            query.split(),
            listing_filter(**filters),
            min_salary=min_salary,
            limit=limit,
        )
        return _pandas().DataFrame(document["results"], columns=list(SEARCH_FIELDS))

    def listings(
        self,
        date: date | str | None = None,
        *,
        columns: Sequence[str] = LISTING_COLUMNS,
        **filters: Any,
    ) -> pd.DataFrame:
        """The listings counted on `date` (active, one per job, tagged), one row each."""
        from jobradar.store.models import Listing  # noqa: PLC0415
        from jobradar.store.queries import active_listings  # noqa: PLC0415

        unknown = [name for name in columns if name not in Listing.model_fields]
        if unknown:
            raise UserError(f"listings have no column {unknown[0]!r}")
        rows = active_listings(
            self.engine, as_date(date) or _today(), listing_filter(**filters), list(columns)
        )
        return _pandas().DataFrame([tuple(row) for row in rows], columns=list(columns))

    def companies(self, date: date | str | None = None, **filters: Any) -> pd.DataFrame:
        """Companies by listings counted on `date`: columns `company`, `listings`,
        `with_salary`, `roles` (how many roles it hires for), most listings first."""
        from jobradar.store.queries import company_counts  # noqa: PLC0415

        rows = company_counts(self.engine, as_date(date) or _today(), listing_filter(**filters))
        return _pandas().DataFrame(rows, columns=["company", "listings", "with_salary", "roles"])

    def history(
        self, days: int = 30, until: date | str | None = None, **filters: Any
    ) -> pd.DataFrame:
        """Listings per role on each snapshot date of the `days` up to `until` (default
        today): columns `date`, `role`, `count`, oldest first."""
        from jobradar.store.queries import role_count_history  # noqa: PLC0415

        facets = listing_filter(**filters)
        if facets.beyond_snapshots:
            raise UserError("history is kept per role, source, remote type and seniority only")
        end = as_date(until) or _today()
        rows = role_count_history(self.engine, end - timedelta(days=days), end, facets)
        return _pandas().DataFrame(rows, columns=["date", "role", "count"])


def open(url: str | None = None) -> Store:
    """The store at `url` (default: $JOBRADAR_DATABASE_URL, else sqlite:///jobradar.db),
    migrated to the newest schema."""
    return Store(url)


def classify(
    records: Iterable[Mapping[str, Any]], model: RoleModel | None = None
) -> list[dict[str, Any]]:
    """Tag postings without a store, as `jobradar classify` does: each record holds
    `title` and optionally `id`, `description`, `format`, `location`, `company`,
    `source_salary`; the answers are the command's output objects, in order. A record
    without an `id` gets its position."""
    from jobradar.classifier.classify import BadLine, classify_lines  # noqa: PLC0415

    lines = [
        json.dumps({"id": str(number), **record}, default=str)
        for number, record in enumerate(records)
    ]
    results = []
    for result in classify_lines(lines, model or _role_model()):
        if isinstance(result, BadLine):
            raise UserError(f"record {result.number - 1}: {result.reason}")
        results.append(result)
    return results


_MODEL: list[RoleModel] = []


def _role_model() -> RoleModel:
    """The role model `jobradar classify` uses, loaded once per process."""
    if not _MODEL:
        from jobradar.classifier.roles import load_role_model  # noqa: PLC0415
        from jobradar.datadir import find_corpus  # noqa: PLC0415

        _MODEL.append(load_role_model(corpus=find_corpus(None)))
    return _MODEL[0]
