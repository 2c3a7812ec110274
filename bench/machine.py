"""What every speed benchmark shares: one core, a best-of-N option, and how fast the core is."""

from __future__ import annotations

import argparse
import os
import time

import threadpoolctl

from jobradar.datadir import require_data_dir


def reference_loop() -> float:
    """CPU seconds for ten million additions in a Python loop: how fast this machine is today.

    A current desktop or server core takes about 0.5 s; shared virtual machines, two to
    four times that. Throughput figures scale with it.
    """
    started = time.process_time()
    total = 0
    for number in range(10_000_000):
        total += number
    return time.process_time() - started


def one_core_run(description: str) -> argparse.Namespace:
    """Parse `--repeat` and `--data-dir` (into `args.corpus`), pin this process to one core,
    and print the reference loop's time."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--repeat", type=int, default=3, help="best of this many passes")
    parser.add_argument("--data-dir", help="the corpus's data directory (default: ../shared)")
    args = parser.parse_args()
    args.corpus = require_data_dir(args.data_dir).corpus()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    # BLAS started a thread per core when numpy was imported; pinned to one core they
    # would take turns on it, and CPU time would count their spinning (fit time x2.4).
    threadpoolctl.threadpool_limits(limits=1)
    best = min(reference_loop() for _ in range(3))
    print(f"reference loop: {best:.2f} s (a current core: about 0.5 s)")
    return args
