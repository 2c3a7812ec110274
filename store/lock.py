"""One refresh at a time per store: a file lock beside a SQLite file, an advisory lock on PostgreSQL.

`jobradar run` and the scheduler's job both refresh under this lock; a second refresh
of the same store gives up at once with the holder's process id.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import filelock
from sqlalchemy import Engine, text

from jobradar.errors import JobradarError

# An arbitrary constant naming jobradar's refresh among PostgreSQL advisory locks.
_ADVISORY_KEY = 727_275


class RefreshRunningError(JobradarError):
    """Another process holds the refresh lock of this store."""

    def __init__(self, pid: str) -> None:
        super().__init__(f"another refresh is running (pid {pid})")
        self.pid = pid


def _lock_path(engine: Engine) -> Path:
    database = engine.url.database
    if database and database != ":memory:":
        return Path(database).resolve().with_name(Path(database).name + ".refresh.lock")
    digest = hashlib.sha256(str(engine.url).encode()).hexdigest()[:16]
    return Path(tempfile.gettempdir()) / f"jobradar-{digest}.refresh.lock"


@contextlib.contextmanager
def _file_lock(engine: Engine) -> Iterator[None]:
    path = _lock_path(engine)
    pid_file = path.with_name(path.name + ".pid")
    lock = filelock.FileLock(path, timeout=0)
    try:
        lock.acquire()
    except filelock.Timeout:
        try:
            holder = pid_file.read_text(encoding="utf-8").strip() or "unknown"
        except OSError:
            holder = "unknown"
        raise RefreshRunningError(holder) from None
    try:
        pid_file.write_text(str(os.getpid()), encoding="utf-8")
        yield
    finally:
        pid_file.unlink(missing_ok=True)
        lock.release()


@contextlib.contextmanager
def _advisory_lock(engine: Engine) -> Iterator[None]:
    # A session-level lock lives as long as this connection, and dies with the process.
    with engine.connect() as connection:
        connection.execute(
            text("SELECT set_config('application_name', :name, false)"),
            {"name": f"jobradar-refresh-{os.getpid()}"},
        )
        got = connection.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": _ADVISORY_KEY})
        if not got.scalar_one():
            holder = connection.execute(
                text(
                    "SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND objid = :k "
                    "AND granted LIMIT 1"
                ),
                {"k": _ADVISORY_KEY},
            ).scalar()
            application = connection.execute(
                text("SELECT application_name FROM pg_stat_activity WHERE pid = :p"),
                {"p": holder},
            ).scalar()
            raise RefreshRunningError(_client_pid(application) or "unknown")
        connection.commit()
        try:
            yield
        finally:
            connection.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": _ADVISORY_KEY})
            connection.commit()


def _client_pid(application: str | None) -> str | None:
    prefix = "jobradar-refresh-"
    if application and application.startswith(prefix):
        return application.removeprefix(prefix)
    return None


@contextlib.contextmanager
def refresh_lock(engine: Engine) -> Iterator[None]:
    """Hold the store's refresh lock, or raise `RefreshRunningError` at once."""
    if engine.dialect.name == "postgresql":
        with _advisory_lock(engine):
            yield
    else:
        with _file_lock(engine):
            yield
