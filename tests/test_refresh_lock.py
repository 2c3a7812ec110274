"""One refresh per store: the lock on SQLite (a file) and on PostgreSQL (an advisory lock)."""

from __future__ import annotations

import os

import pytest
from sqlalchemy import Engine

from store.lock import RefreshRunningError, refresh_lock


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
