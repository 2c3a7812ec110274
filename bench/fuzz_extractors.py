"""Every extractor over many hostile inputs: how many raise, and the slowest per megabyte.

The inputs are tests/hostile.py's: small hostile postings, HTML nested thousands deep,
and (one in `--big-every`) a posting grown to 100 kB or 1 MB. Hypothesis draws them; with
HYPOTHESIS_PROFILE=explore (the default here) they are fresh random ones each run.
Nothing stops at the first exception: each is counted and the first few are shown.
Run: python -m bench.fuzz_extractors [--inputs 200000]
"""

from __future__ import annotations

import argparse
import dataclasses
import gc
import json
import os
import sys
import time
import traceback
from collections import Counter
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, settings

from tests.hostile import Posting, big_text, hostile_text, postings, run_every_extractor, warm_up

RETIME_ABOVE = 0.1  # CPU seconds


def _forget_inputs() -> None:
    """Empty jobradar's per-input caches, so that a second timing pays what the first did
    (the small caches of compiled patterns and the loaded tables stay)."""
    for module in [m for name, m in sys.modules.items() if name.startswith("jobradar.")]:
        for value in vars(module).values():
            info = getattr(value, "cache_info", None)
            if callable(info) and (info().maxsize or 0) >= 1000:
                value.cache_clear()


class Timing:
    """The CPU seconds every extractor takes on an input, timed twice when slow."""

    def __init__(self) -> None:
        self.retimed = 0
        self.collected = 0  # of the retimed, those with a full collection in their first time
        self.slowest_first = 0.0  # the slowest first timing, before any second one
        self._full_collections = 0
        gc.callbacks.append(self._count)

    def _count(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start" and info["generation"] == 2:
            self._full_collections += 1

    def seconds(self, posting: Posting) -> float:
        before = self._full_collections
        seconds = run_every_extractor(posting)
        self.slowest_first = max(self.slowest_first, seconds)
        if seconds > RETIME_ABOVE:
            # A pause of the collector over hypothesis' own growing heap (or of the machine)
            # can land in any input's time; an input slow in itself is slow the second time.
            self.retimed += 1
            self.collected += self._full_collections != before
            _forget_inputs()
            seconds = min(seconds, run_every_extractor(posting))
        return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inputs", type=int, default=200_000)
    parser.add_argument("--big-every", type=int, default=2000, help="one big input in this many")
    parser.add_argument(
        "--slowest-out", type=Path, help="write the slowest input here (JSON), to replay it"
    )
    args = parser.parse_args()
    derandomize = os.environ.get("HYPOTHESIS_PROFILE", "explore") != "explore"
    errors: Counter[str] = Counter()
    shown: list[str] = []
    seen = {"inputs": 0, "bytes": 0}
    timing = Timing()
    slowest = (0.0, 0.0, "")  # (seconds per MB bound used, seconds, what)
    slowest_posting: Posting | None = None
    warm_up()  # one-time loads are not any input's time
    started = time.monotonic()

    def fuzz(posting: Posting) -> None:
        nonlocal slowest, slowest_posting
        seen["inputs"] += 1
        seen["bytes"] += posting.size
        try:
            seconds = timing.seconds(posting)
        except Exception as exc:  # noqa: BLE001 (counted and shown: the point of the run)
            errors[f"{type(exc).__name__}: {str(exc)[:80]}"] += 1
            if len(shown) < 5:
                shown.append(f"{posting!r:.300}\n{traceback.format_exc()}")
            return
        per_mb = seconds / max(1.0, posting.size / 1_000_000)
        if per_mb > slowest[0]:
            slowest = (per_mb, seconds, f"{posting.size:,} characters, {posting.fmt}")
            slowest_posting = posting
        if seen["inputs"] % 20_000 == 0:
            print(f"  {seen['inputs']:,} inputs, {sum(errors.values())} exceptions", flush=True)

    big = args.inputs // args.big_every
    for strategy, count in ((postings(big_text), big), (postings(hostile_text), args.inputs - big)):

        def run(posting: Posting) -> None:  # a fresh function: hypothesis marks what it wraps
            fuzz(posting)

        # The body never raises, so hypothesis only generates: no shrinking, no replay.
        given(posting=strategy)(
            settings(
                max_examples=count,
                derandomize=derandomize,
                database=None,
                deadline=None,
                phases=[Phase.generate],
                suppress_health_check=list(HealthCheck),
            )(run)
        )()

    print(
        f"{seen['inputs']:,} inputs ({seen['bytes'] / 1e6:,.0f} MB) in "
        f"{time.monotonic() - started:,.0f} s; exceptions: {sum(errors.values())}"
    )
    for error, count in errors.most_common():
        print(f"  {count} × {error}")
    for example in shown:
        print(example)
    print(
        f"{timing.retimed} inputs over {RETIME_ABOVE} CPU s timed twice, the faster kept "
        f"({timing.collected} of them had a full garbage collection in their first time; "
        f"the slowest first time {timing.slowest_first:.3f} s)"
    )
    print(
        f"slowest: {slowest[1]:.3f} CPU s ({slowest[0]:.3f} s per MB, at least 1 MB counted) "
        f"on {slowest[2]}"
    )
    if args.slowest_out and slowest_posting is not None:
        fields = dataclasses.asdict(slowest_posting)
        args.slowest_out.write_text(json.dumps(fields, ensure_ascii=True), encoding="utf-8")
        print(f"the slowest input: {args.slowest_out}")


if __name__ == "__main__":
    main()
