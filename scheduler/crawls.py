"""Crawling sources, each in its own child process (the Twisted reactor cannot restart).

The parent opens each crawl's run record, starts `python -m scrapy crawl SOURCE`
with the record's id, reads the child's progress lines, enforces a timeout, and
afterwards trusts only the record: a child that died without writing its outcome
gets a failed record here. One failed source never stops the others.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from jobradar.store.engine import DATABASE_URL_ENV
from jobradar.store.runs import RunCounts, counts_of, fail_unfinished_run, get_run, start_run

PROGRESS_PREFIX = "jobradar-progress "
DEFAULT_TIMEOUT = 30 * 60.0  # a source that needs half an hour is stuck
# Sources are different hosts, so crawling a few at once is no less polite to any of
# them; each child is mostly waiting on the network or on its start-up.
PARALLEL_CRAWLS = 3
POLL_SECONDS = 0.5  # how often a running child is checked for the end or a stop
STOP_GRACE = 15.0  # seconds a stopped child gets to close its spider and record its run
Progress = Callable[[str, Mapping[str, Any]], None]
# A number of the stats Scrapy dumps at the end of a crawl's log: "'name': 1.5,"
_LOGGED_STAT = re.compile(r"'([^']+)': ([0-9.]+(?:e-?[0-9]+)?),?$", re.MULTILINE)


@dataclass(kw_only=True)
class CrawlResult(RunCounts):
    """What one source's crawl did, as its run record says."""

    source: str
    run_id: int
    status: str
    exit_code: int
    message: str | None = None
    seconds: float = 0.0
    log: Path | None = None


def _child_command(source: str, settings: Mapping[str, Any]) -> list[str]:
    command = [sys.executable, "-m", "scrapy", "crawl", source]
    for name, value in settings.items():
        if value is not None:
            command += ["-s", f"{name}={value}"]
    return command


def _child_env(database_url: str) -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("SCRAPY_SETTINGS_MODULE", "jobradar.crawler.settings")  # from any directory
    env["PYTHONUNBUFFERED"] = "1"
    # in the environment, not on the command line, where `ps` would show its password
    env[DATABASE_URL_ENV] = database_url
    return env


def crawl_source(
    engine: Engine,
    source: str,
    *,
    database_url: str,
    sources_file: Path,
    seen_at: datetime,
    refresh_id: int | None = None,
    settings: Mapping[str, Any] | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    log_dir: Path | None = None,
    progress: Progress | None = None,
    stop: threading.Event | None = None,
) -> CrawlResult:
    """Crawl one source in a child process and return what its run record says.

    When `stop` is set (the refresh was interrupted), the child is asked to stop, then
    killed if it does not, and its run is recorded as killed.
    """
    run_id = start_run(engine, source, seen_at, refresh_id, None)
    child_settings = {
        "JOBRADAR_RUN_ID": run_id,
        "JOBRADAR_REFRESH_ID": refresh_id,
        "JOBRADAR_SOURCES": str(sources_file),
        "JOBRADAR_SEEN_AT": seen_at.isoformat(),
        "JOBRADAR_PROGRESS": "True",
        **(settings or {}),
    }
    log_path = None
    if log_dir is not None:
        log_dir.mkdir(parents=True, exist_ok=True)
        log_path = log_dir / f"{source}.log"
    started = time.monotonic()
    with Path(log_path or os.devnull).open("w", encoding="utf-8") as log:
        child = subprocess.Popen(
            _child_command(source, child_settings),
            stdout=subprocess.PIPE,
            stderr=log,
            env=_child_env(database_url),
            text=True,
        )
        exit_code = _follow(child, source, timeout, progress, stop or threading.Event())
    seconds = time.monotonic() - started
    if stop is not None and stop.is_set():
        fail_unfinished_run(
            engine, run_id, exit_code or -15, "interrupted: the refresh was stopped", "killed"
        )
        exit_code = exit_code or -15
    elif exit_code is None:
        fail_unfinished_run(engine, run_id, -9, f"timed out after {timeout:.0f}s; killed")
        exit_code = -9
    else:
        fail_unfinished_run(
            engine, run_id, exit_code, f"crawl process exited with {exit_code} before finishing"
        )
    run = get_run(engine, run_id)
    assert run is not None
    return CrawlResult(
        source=source,
        run_id=run_id,
        status=run.status,
        exit_code=exit_code,
        **counts_of(run),
        message=run.message,
        seconds=round(seconds, 1),
        log=log_path,
    )


def _follow(
    child: subprocess.Popen[str],
    source: str,
    timeout: float,
    progress: Progress | None,
    stop: threading.Event,
) -> int | None:
    """Relay progress lines until the child exits; None if it had to be killed."""
    assert child.stdout is not None
    stream = child.stdout

    def relay() -> None:
        for line in stream:
            if line.startswith(PROGRESS_PREFIX) and progress is not None:
                progress(source, json.loads(line[len(PROGRESS_PREFIX) :]))

    reader = threading.Thread(target=relay, daemon=True)
    reader.start()
    deadline = time.monotonic() + timeout
    try:
        while (code := child.poll()) is None:
            if stop.is_set():
                return _stop(child)
            if time.monotonic() > deadline:
                child.kill()
                child.wait()
                return None
            stop.wait(POLL_SECONDS)
        return code
    finally:
        reader.join(timeout=5)


def _stop(child: subprocess.Popen[str]) -> int | None:
    """Ask a child crawl to stop (Scrapy closes its spider on SIGTERM); kill it if it lingers."""
    child.terminate()
    try:
        return child.wait(timeout=STOP_GRACE)
    except subprocess.TimeoutExpired:
        child.kill()
        child.wait()
        return None


def crawl_all(
    engine: Engine,
    sources: Sequence[str],
    parallel: int = PARALLEL_CRAWLS,
    **options: Any,
) -> list[CrawlResult]:
    """Crawl the sources, a few at a time; a failure is recorded and the others go on.

    Results come back in the order of `sources`. If this thread is interrupted (Ctrl-C,
    SIGTERM), every running child is stopped and its run recorded before it goes on.
    """
    stop = threading.Event()
    with ThreadPoolExecutor(max_workers=max(1, parallel)) as pool:
        futures = [
            pool.submit(crawl_source, engine, source, stop=stop, **options) for source in sources
        ]
        try:
            return [future.result() for future in futures]
        except BaseException:
            stop.set()
            for future in futures:
                future.cancel()
            raise


def logged_stats(log: Path) -> dict[str, float]:
    """The numbers of the stats Scrapy dumped at the end of a crawl's log (a crawl's own
    time, its steps' CPU seconds…); none when the crawl ended before dumping them."""
    text = log.read_text(encoding="utf-8")
    dump = text.rfind("Dumping Scrapy stats:")
    return (
        {} if dump == -1 else {key: float(value) for key, value in _LOGGED_STAT.findall(text, dump)}
    )
