"""Fresh PostgreSQL schemas for a benchmark's stores, dropped when it ends, even on failure."""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Iterator

from sqlalchemy import create_engine, text


@contextlib.contextmanager
def scratch_schemas(base: str, prefix: str, count: int) -> Iterator[list[str]]:
    """URLs of `count` new schemas of the database of `base` (a URL without a query)."""
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    names = [f"{prefix}_{uuid.uuid4().hex[:8]}" for _ in range(count)]
    try:
        with admin.connect() as connection:
            for name in names:
                connection.execute(text(f"CREATE SCHEMA {name}"))
        yield [f"{base}?options=-csearch_path%3D{name}" for name in names]
    finally:
        with admin.connect() as connection:
            for name in names:
                connection.execute(text(f"DROP SCHEMA IF EXISTS {name} CASCADE"))
        admin.dispose()
