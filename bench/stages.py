"""Per-stage cost of one crawled listing, in process: record digest → spider map → validate →
clean text → derive → store row, on the same Greenhouse jobs as `bench.ingest` (the demo market's).

Each stage runs over every listing in turn, its input prepared by the stages before it;
times are CPU microseconds per listing, best of `--repeat` passes (the least disturbed
by other processes). The database write and Scrapy's own overhead are `bench.ingest`'s.

Run: python -m bench.stages [--listings 2000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import copy
import json
import time
from collections.abc import Callable, Sequence
from types import SimpleNamespace
from typing import Any

from scrapy.settings import Settings
from scrapy.statscollectors import MemoryStatsCollector

from jobradar.classifier.text import clean_description
from jobradar.crawler.pipelines.clean_text import CleanTextPipeline
from jobradar.crawler.pipelines.derive import DerivePipeline
from jobradar.crawler.pipelines.store import listing_row
from jobradar.crawler.pipelines.validate import ValidatePipeline
from jobradar.crawler.replay.demo import market
from jobradar.crawler.spiders.greenhouse import GreenhouseSpider
from jobradar.store.types import utc_now


def _records(listings: int) -> list[dict[str, Any]]:
    """`listings` Greenhouse job records, cloned from the demo market's under new ids."""
    today = utc_now().date()
    templates = [
        record
        for response in market(today, today=today).responses
        if response.source == "greenhouse"
        for record in json.loads(response.body)["jobs"]
    ]
    records = []
    for n in range(listings):
        record = dict(templates[n % len(templates)])
        record["id"] = 7_000_000_000 + n
        records.append(record)
    return records


def _best(run: Callable[[Any], Any], inputs: Sequence[Any], repeat: int, fresh: bool) -> float:
    """CPU µs per input, best of `repeat` passes; `fresh` hands each pass deep copies."""
    best = float("inf")
    for _ in range(repeat):
        batch = [copy.deepcopy(value) for value in inputs] if fresh else list(inputs)
        started = time.process_time()
        for value in batch:
            run(value)
        best = min(best, time.process_time() - started)
    return 1e6 * best / len(inputs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--listings", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    crawler: Any = SimpleNamespace(settings=Settings({"STATS_DUMP": False}))
    crawler.stats = MemoryStatsCollector(crawler)
    spider = GreenhouseSpider()
    spider.crawler = crawler
    validate = ValidatePipeline(crawler)
    validate._known = {}  # a first crawl: the store knows no listing
    clean, derive = CleanTextPipeline(crawler), DerivePipeline(crawler)

    records = _records(args.listings)
    context = {"board": "bench"}
    fields = [spider.map(record, context) for record in records]
    valid = [validate.step(value) for value in fields]
    cleaned = [clean.step(copy.deepcopy(item)) for item in valid]
    derived = [derive.step(copy.deepcopy(item)) for item in cleaned]

    stages: list[tuple[str, Callable[[Any], Any], Sequence[Any], bool]] = [
        ("record digest", lambda record: spider.record_digest(record, "bench"), records, False),
        ("spider map", lambda record: spider.map(record, context), records, False),
        ("validate", validate.step, fields, False),
        (
            "  of which text",
            lambda item: clean_description(item.description, item.description_format),
            valid,
            False,
        ),
        ("clean text", clean.step, valid, True),
        ("derive", derive.step, cleaned, True),
        ("store row", listing_row, derived, False),
    ]
    total = 0.0
    print(f"{args.listings} Greenhouse listings, CPU µs per listing (best of {args.repeat}):")
    for name, run, inputs, fresh in stages:
        cost = _best(run, inputs, args.repeat, fresh)
        if not name.startswith(" "):
            total += cost
        print(f"  {name:16} {cost:8.0f}")
    print(f"  {'total':16} {total:8.0f}  ({1e6 / total:,.0f} listings/s per core)")


if __name__ == "__main__":
    main()
