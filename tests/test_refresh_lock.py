"""One refresh per store: the lock on SQLite (a file) and on PostgreSQL (an advisory lock)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from jobradar.crawler.sources import sources_path
from jobradar.scheduler.jobs import CrawlOptions, refresh
from jobradar.store.engine import open_store
from jobradar.store.lock import RefreshRunningError, refresh_lock
from jobradar.store.models import Refresh


def test_a_second_refresh_of_the_same_store_is_refused_with_the_holders_pid(
    engine: Engine,
) -> None:
    with refresh_lock(engine):
        with pytest.raises(RefreshRunningError) as refused, refresh_lock(engine):
            pass
        assert str(refused.value) == f"another refresh is running (pid {os.getpid()})"
    with refresh_lock(engine):  # released: the next refresh gets it
        pass


def test_the_lock_is_released_when_the_refresh_fails(engine: Engine) -> None:
    with pytest.raises(ZeroDivisionError), refresh_lock(engine):
        1 / 0  # noqa: B018
    with refresh_lock(engine):
        pass


@pytest.mark.slow
@pytest.mark.usefixtures("child_env")
def test_a_refresh_that_fails_is_recorded_as_failed_and_frees_the_lock(
    sqlite_url: str, tmp_path: Path
) -> None:
    options = CrawlOptions(
        database_url=sqlite_url, sources_file=sources_path(None), only=("jobicy",), offline=True
    )

    def broken_publisher(*_: object) -> list[Path]:
        raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        refresh(options, tmp_path, broken_publisher)
    engine = open_store(sqlite_url)
    with Session(engine) as session:
        *history, record = session.exec(select(Refresh).order_by(Refresh.id)).all()
    # the demo market's earlier days were crawled and snapshotted; today's publishing failed
    assert [earlier.status for earlier in history] == ["ok"] * len(history)
    assert record.status == "failed"
    assert "disk full" in (record.message or "")
    assert record.finished_at is not None
    with refresh_lock(engine):
        pass
