"""Reliability: faults on the wire, a killed refresh, a stopped refresh.

- A seeded 30 % of requests fail, with every kind of fault the replay server can inject
  (5xx, 429, hangs, resets, truncated and garbage bodies): no listing is lost, none is
  wrongly closed, and every run record tells the truth about its crawl.
- `kill -9` of `jobradar run` (its whole process group, as a machine crash would) at a
  seeded moment after the crawls started: the store stays whole, the next run records
  the killed refresh as killed and ends with the same listings as a run never killed.
- SIGTERM to `jobradar run`: its child crawls are stopped, nothing is left `running`.

The market is jobradar's demo market (no data directory needed), cut to three sources to
keep the suite in minutes.
"""

from __future__ import annotations

import contextlib
import os
import random
import signal
import subprocess
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from jobradar.crawler.replay import ReplayServer
from jobradar.crawler.replay.offline import demo_replay, offline_sources, write_sources
from jobradar.crawler.sources import SourceConfig
from jobradar.scheduler.jobs import CrawlOptions, crawl
from tests.conftest import ROOT

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("child_env")]
SOURCES = ("remoteok", "greenhouse", "lever")
DAY = date(2026, 9, 30)
T0 = datetime(2026, 9, 30, 6, 0, tzinfo=UTC)


def sql(url: str, query: str) -> list[tuple]:
    engine = create_engine(url)
    with engine.connect() as connection:
        rows = [tuple(row) for row in connection.execute(text(query))]
    engine.dispose()
    return rows


def _per_source(url: str) -> dict[str, int]:
    return dict(sql(url, "SELECT source, count(*) FROM listings GROUP BY source"))  # type: ignore[arg-type]


def _sources_file(path: Path, base_url: str) -> Path:
    replayed, _ = offline_sources(
        [SourceConfig(name) for name in SOURCES], demo_replay(DAY, DAY), base_url
    )
    return write_sources(replayed, path)


def test_a_seeded_third_of_requests_failing_loses_nothing_and_closes_nothing(
    tmp_path: Path, sqlite_url: str
) -> None:
    catalog = demo_replay(DAY, DAY).catalog
    with ReplayServer(catalog) as clean:
        first = crawl(
            CrawlOptions(sqlite_url, _sources_file(tmp_path / "clean.toml", clean.base_url)),
            seen_at=T0,
        )
    assert [result.status for result in first.results] == ["ok"] * len(SOURCES)
    fetched = {result.source: result.fetched for result in first.results}
    stored = _per_source(sqlite_url)
    faults = 0
    for seed in (1, 2, 3):
        with ReplayServer(catalog, fault_rate=0.3, seed=seed) as faulty:
            report = crawl(
                CrawlOptions(
                    sqlite_url, _sources_file(tmp_path / f"faulty{seed}.toml", faulty.base_url)
                ),
                seen_at=T0 + timedelta(hours=seed),
            )
            faults += faulty.faults_served
        assert _per_source(sqlite_url) == stored  # nothing lost, nothing invented
        assert sql(sqlite_url, "SELECT count(*) FROM listings WHERE closed_at IS NOT NULL") == [
            (0,)
        ]
        for result in report.results:  # an ok run saw all its source serves; else it says why
            if result.status == "ok":
                assert result.fetched == fetched[result.source], result
            else:
                assert result.status == "failed"
                assert result.message
    assert sql(sqlite_url, "SELECT count(*) FROM crawl_runs WHERE status = 'running'") == [(0,)]
    assert faults > 0


def _small_sources(path: Path) -> Path:
    # the demo replay crawls every board it serves, whatever boards are configured
    path.write_text("".join(f'[[source]]\ntype = "{name}"\n\n' for name in SOURCES), "utf-8")
    return path


def _run(url: str, workdir: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "SCRAPY_SETTINGS_MODULE": "tests.fast_settings", "PYTHONPATH": str(ROOT)}
    env.pop("JOBRADAR_DATABASE_URL", None)
    command = [sys.executable, "-m", "jobradar", "run", "--offline", "--demo", "--db", url]
    command += ["--sources", str(_small_sources(workdir / "sources.toml")), "--out", "reports"]
    return subprocess.Popen(
        command,
        cwd=workdir,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        text=True,
        start_new_session=True,
    )


def _wait_for_a_crawl(url: str, process: subprocess.Popen[str], deadline: float = 120) -> None:
    ends = time.monotonic() + deadline
    while time.monotonic() < ends and process.poll() is None:
        with contextlib.suppress(Exception):  # the store may still be being created
            if sql(url, "SELECT count(*) FROM crawl_runs")[0][0]:
                return
        time.sleep(0.1)
    raise AssertionError("no crawl started")


@pytest.fixture(scope="module")
def never_killed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """What a run of the small demo market stores when nothing goes wrong."""
    workdir = tmp_path_factory.mktemp("clean")
    url = f"sqlite:///{workdir / 'clean.db'}"
    process = _run(url, workdir)
    assert process.wait(timeout=600) == 0
    return {
        "listings": _per_source(url),
        "closed": sql(url, "SELECT count(*) FROM listings WHERE closed_at IS NOT NULL")[0][0],
        "snapshots": sql(url, "SELECT DISTINCT snapshot_date FROM salary_index ORDER BY 1"),
    }


@pytest.mark.parametrize("seed", [7])
def test_kill_9_mid_run_leaves_a_store_the_next_run_completes(
    seed: int, tmp_path: Path, never_killed: dict[str, object]
) -> None:
    url = f"sqlite:///{tmp_path / 'killed.db'}"
    process = _run(url, tmp_path)
    _wait_for_a_crawl(url, process)
    time.sleep(random.Random(seed).uniform(0.0, 6.0))
    os.killpg(process.pid, signal.SIGKILL)  # the parent and its crawl children, at once
    process.wait(timeout=30)
    assert sql(url, "PRAGMA integrity_check") == [("ok",)]
    again = _run(url, tmp_path)
    assert again.wait(timeout=600) == 0
    assert sql(url, "SELECT count(*) FROM refreshes WHERE status = 'running'") == [(0,)]
    assert sql(url, "SELECT count(*) FROM crawl_runs WHERE status = 'running'") == [(0,)]
    assert sql(url, "SELECT count(*) FROM refreshes WHERE status = 'killed'") >= [(1,)]
    assert _per_source(url) == never_killed["listings"]
    assert (
        sql(url, "SELECT DISTINCT snapshot_date FROM salary_index ORDER BY 1")
        == never_killed["snapshots"]
    )


def test_sigterm_stops_the_child_crawls_and_records_every_run(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'stopped.db'}"
    process = _run(url, tmp_path)
    _wait_for_a_crawl(url, process)
    time.sleep(1.0)
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=60) != 0
    assert sql(url, "SELECT count(*) FROM refreshes WHERE status = 'running'") == [(0,)]
    assert sql(url, "SELECT count(*) FROM crawl_runs WHERE status = 'running'") == [(0,)]
    assert sql(url, "SELECT status FROM refreshes ORDER BY id DESC LIMIT 1") == [("killed",)]
    with pytest.raises(ProcessLookupError):  # no crawl child outlived it
        os.killpg(process.pid, 0)
