"""`jobradar export`: the store's listings as CSV, JSON lines or Parquet.

Rows are written a batch at a time, so an export of millions of listings holds one batch
in memory. Lists (countries, skills) are JSON text in CSV and lists in JSON lines and
Parquet; times are ISO 8601 in UTC.
"""

from __future__ import annotations

import csv
import json
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any

from sqlalchemy import Engine

from jobradar.api import LISTING_COLUMNS
from jobradar.errors import UserError
from jobradar.store.queries import ListingFilter, listing_batches

FORMATS = ("csv", "jsonl", "parquet")
EXPORT_COLUMNS = (
    *LISTING_COLUMNS,
    "closed_at",
    "canonical_id",
    "salary_origin",
    "salary_text",
    "fx_rate",
    "fx_date",
    "classifier_version",
    "extractor_version",
    "description_text",
)
_LISTS = {"countries", "skills"}
_INTEGERS = {"id", "canonical_id"}
_FLOATS = {
    "role_confidence",
    "salary_min",
    "salary_max",
    "annual_usd_min",
    "annual_usd_max",
    "fx_rate",
}
_TIMES = {"posted_at", "first_seen", "closed_at"}
_DATES = {"fx_date"}


def pyarrow_modules() -> tuple[Any, Any]:
    """pyarrow and pyarrow.parquet, or a `UserError` saying how to install them."""
    try:
        import pyarrow  # noqa: PLC0415
        import pyarrow.parquet  # noqa: PLC0415
    except ImportError:
        raise UserError("--format parquet needs pyarrow: pip install 'jobradar[parquet]'") from None
    return pyarrow, pyarrow.parquet


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def export_listings(
    engine: Engine,
    fmt: str,
    out: Path | IO[str],
    day: date | None = None,
    facets: ListingFilter | None = None,
) -> int:
    """Write the listings (those counted on `day`, else all) to `out`; returns how many.
    Parquet needs a file path; CSV and JSON lines take a path or an open text stream."""
    batches = listing_batches(engine, EXPORT_COLUMNS, day, facets)
    if fmt == "parquet":
        if not isinstance(out, Path):
            raise UserError("--format parquet writes a file: give --out PATH")
        return _parquet(batches, out)
    if isinstance(out, Path):
        with out.open("w", encoding="utf-8", newline="") as stream:
            return _text(batches, fmt, stream)
    return _text(batches, fmt, out)


def _text(batches: Any, fmt: str, stream: IO[str]) -> int:
    written = 0
    writer = csv.writer(stream, lineterminator="\n")
    if fmt == "csv":
        writer.writerow(EXPORT_COLUMNS)
    for batch in batches:
        for row in batch:
            if fmt == "csv":
                writer.writerow(
                    json.dumps(row[name]) if name in _LISTS else _plain(row[name])
                    for name in EXPORT_COLUMNS
                )
            else:
                stream.write(
                    json.dumps({name: _plain(row[name]) for name in EXPORT_COLUMNS}) + "\n"
                )
        written += len(batch)
    return written


def _parquet(batches: Any, path: Path) -> int:
    pa, pq = pyarrow_modules()

    def kind(name: str) -> Any:
        if name in _LISTS:
            return pa.list_(pa.string())
        if name in _INTEGERS:
            return pa.int64()
        if name in _FLOATS:
            return pa.float64()
        if name in _TIMES:
            return pa.timestamp("us", tz="UTC")
        if name in _DATES:
            return pa.date32()
        return pa.string()

    schema = pa.schema([(name, kind(name)) for name in EXPORT_COLUMNS])
    written = 0
    with pq.ParquetWriter(path, schema, compression="zstd") as writer:
        for batch in batches:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            written += len(batch)
    return written
