"""Engines from database URLs: SQLite by default, PostgreSQL by URL.

`open_store(url)` is the one door to the store: it builds the engine, applies the
dialect's connection settings and brings the schema to the newest migration.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError
from sqlalchemy.pool import ConnectionPoolEntry

from jobradar.store.errors import DatabaseURLError, StoreUnavailableError

DEFAULT_DATABASE_URL = "sqlite:///jobradar.db"
DATABASE_URL_ENV = "JOBRADAR_DATABASE_URL"
SQLITE_BUSY_TIMEOUT_MS = 30_000  # child crawls and report queries share one file
# importlib.resources, not __file__: inside a Scrapyd egg the package is a zip file
_MIGRATIONS: Traversable = resources.files(__package__).joinpath("migrations")
_ENGINES: dict[str, Engine] = {}


def database_url(explicit: str | None = None) -> str:
    """The URL to use: `--db`, else `$JOBRADAR_DATABASE_URL`, else the SQLite default."""
    return explicit or os.environ.get(DATABASE_URL_ENV) or DEFAULT_DATABASE_URL


_PASSWORD = re.compile(r"(//[^/:@]*:)[^@/]*@")


def masked(url: str) -> str:
    """A database URL fit for a message: its password, if any, replaced by ***."""
    return _PASSWORD.sub(r"\1***@", url)


def parse_url(url: str) -> URL:
    """Parse and check a database URL; the driver for PostgreSQL is psycopg 3."""
    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError) as exc:
        raise DatabaseURLError(f"cannot parse database URL {masked(url)!r}: {exc}") from None
    backend = parsed.get_backend_name()
    if backend == "postgresql" and parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    if backend not in {"sqlite", "postgresql"}:
        raise DatabaseURLError(
            f"unsupported database URL {masked(url)!r}: use sqlite:///FILE or postgresql://HOST/DB"
        )
    if backend == "postgresql" and not parsed.database:
        # without one, PostgreSQL connects to the maintenance database of the same name
        raise DatabaseURLError(f"database URL {masked(url)!r} names no database (…/DBNAME)")
    return parsed


def _sqlite_pragmas(dbapi_connection: object, _record: ConnectionPoolEntry) -> None:
    cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
    cursor.execute("PRAGMA journal_mode=WAL")  # readers never block the crawl writing
    cursor.execute("PRAGMA synchronous=NORMAL")  # safe with WAL, much faster than FULL
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def make_engine(url: str) -> Engine:
    """An engine for `url` (cached per process), without touching the schema."""
    parsed = parse_url(url)
    key = parsed.render_as_string(hide_password=False)
    if key in _ENGINES:
        return _ENGINES[key]
    try:
        engine = create_engine(parsed, pool_pre_ping=parsed.get_backend_name() == "postgresql")
    except (ArgumentError, NoSuchModuleError) as exc:
        raise DatabaseURLError(f"unsupported database URL {masked(url)!r}: {exc}") from None
    except ImportError as exc:
        raise DatabaseURLError(
            f"database URL {masked(url)!r} needs the driver {exc.name!r}, which is not "
            "installed; jobradar uses psycopg 3 (postgresql://…)"
        ) from None
    if parsed.get_backend_name() == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    _ENGINES[key] = engine
    return engine


def head_revision() -> str:
    """The newest migration's revision id (migrations are numbered 0001, 0002, …)."""
    numbers = [
        int(path.name[:4])
        for path in _MIGRATIONS.joinpath("versions").iterdir()
        if path.name[:4].isdigit() and path.name[4:5] == "_" and path.name.endswith(".py")
    ]
    return f"{max(numbers):04d}"


def _copy_tree(source: Traversable, target: Path) -> None:
    target.mkdir(exist_ok=True)
    for entry in source.iterdir():
        if entry.is_dir():
            _copy_tree(entry, target / entry.name)
        elif not entry.name.endswith(".pyc"):
            (target / entry.name).write_bytes(entry.read_bytes())


@contextlib.contextmanager
def migrations_folder() -> Iterator[Path]:
    """The migrations as a folder Alembic can read: copied out of a zipped egg if need be."""
    if isinstance(_MIGRATIONS, Path):
        yield _MIGRATIONS
        return
    tmp = tempfile.mkdtemp(prefix="jobradar-migrations-")
    try:
        _copy_tree(_MIGRATIONS, Path(tmp) / "migrations")
        yield Path(tmp) / "migrations"
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _at_head(engine: Engine) -> bool:
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return False
        current = (
            connection.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
        )
    return current == [head_revision()]


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest migration (idempotent)."""
    if _at_head(engine):
        return  # the usual case; Alembic alone takes a third of a second to import
    from alembic import command  # noqa: PLC0415
    from alembic.config import Config  # noqa: PLC0415

    config = Config()
    with migrations_folder() as folder, engine.connect() as connection:
        config.set_main_option("script_location", str(folder))
        if engine.dialect.name == "sqlite":
            # SQLite alters a table by copying it; with foreign keys on, dropping the old
            # copy would cascade into the tables that point at it (Alembic's batch mode).
            connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
            connection.commit()  # ends SQLAlchemy's autobegun transaction; the pragma held
        with connection.begin():
            if engine.dialect.name == "postgresql":
                # concurrent first starts (scheduler + a manual run) must not race the DDL
                connection.execute(text("SELECT pg_advisory_xact_lock(727274)"))
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
        if engine.dialect.name == "sqlite":
            connection.exec_driver_sql("PRAGMA foreign_keys=ON")
            connection.commit()


def open_store(url: str | None = None) -> Engine:
    """The engine for `url` (or the configured default) with an up-to-date schema."""
    engine = make_engine(database_url(url))
    if getattr(engine, "_jobradar_migrated", False):
        return engine
    try:
        migrate(engine)
    except DBAPIError as exc:  # unreachable server, a file that is not SQLite, no permission
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
        raise StoreUnavailableError(
            f"cannot open database {masked(str(engine.url))!r}: {reason}"
        ) from None
    engine._jobradar_migrated = True  # type: ignore[attr-defined]
    return engine
