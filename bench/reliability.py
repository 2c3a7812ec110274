"""Crash figures: `kill -9` of a refresh at seeded moments, and SIGTERM, many times over.

The CI suite kills one refresh and stops one (tests/test_reliability.py); this runs the
same checks `--kills` and `--terms` times, each on a fresh store of the small demo market,
and prints what it found: the store's integrity, rows left `running` after the next
start, and whether the next run ended with the same listings as a run never killed.

Run: python -m bench.reliability [--kills 10] [--terms 3]
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import tempfile
import time
from pathlib import Path

from tests.test_reliability import _per_source, _run, _wait_for_a_crawl, sql


def _clean(folder: Path) -> dict[str, int]:
    url = f"sqlite:///{folder / 'clean.db'}"
    assert _run(url, folder).wait(timeout=600) == 0
    return _per_source(url)


def kill_and_rerun(folder: Path, seed: int, expected: dict[str, int]) -> str:
    url = f"sqlite:///{folder / f'killed-{seed}.db'}"
    process = _run(url, folder)
    _wait_for_a_crawl(url, process)
    time.sleep(random.Random(seed).uniform(0.0, 6.0))  # noqa: S311 (a seeded moment)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=30)
    integrity = sql(url, "PRAGMA integrity_check")[0][0]
    finished = _run(url, folder).wait(timeout=600)
    running = sql(url, "SELECT count(*) FROM refreshes WHERE status = 'running'")[0][0]
    running += sql(url, "SELECT count(*) FROM crawl_runs WHERE status = 'running'")[0][0]
    same = _per_source(url) == expected
    return f"integrity {integrity}, next run exit {finished}, running rows {running}, same {same}"


def terminate(folder: Path, seed: int) -> str:
    url = f"sqlite:///{folder / f'stopped-{seed}.db'}"
    process = _run(url, folder)
    _wait_for_a_crawl(url, process)
    time.sleep(random.Random(seed).uniform(0.5, 4.0))  # noqa: S311 (a seeded moment)
    process.send_signal(signal.SIGTERM)
    code = process.wait(timeout=60)
    running = sql(url, "SELECT count(*) FROM crawl_runs WHERE status = 'running'")[0][0]
    try:
        os.killpg(process.pid, 0)
        orphans = "children left behind"
    except ProcessLookupError:
        orphans = "no child left"
    return f"exit {code}, running crawl runs {running}, {orphans}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=10)
    parser.add_argument("--terms", type=int, default=3)
    args = parser.parse_args()
    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "tests.fast_settings")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        expected = _clean(folder)
        for seed in range(args.kills):
            print(f"kill -9 #{seed + 1}: {kill_and_rerun(folder, seed, expected)}")
        for seed in range(args.terms):
            print(f"SIGTERM #{seed + 1}: {terminate(folder, seed)}")


if __name__ == "__main__":
    main()
