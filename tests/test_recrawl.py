"""A re-crawl of unchanged records maps, derives and writes nothing: the spider finds
each record's digest among the store's, and the store only records the sighting."""

from __future__ import annotations

import asyncio
import functools
import json
from datetime import timedelta
from typing import Any

import pytest
from scrapy.utils.test import get_crawler
from sqlalchemy import select, text

from jobradar.crawler.items import ListingItem, SeenRecords
from jobradar.crawler.pipelines import clean_text, derive
from jobradar.crawler.pipelines.clean_text import CleanTextPipeline
from jobradar.crawler.pipelines.derive import DerivePipeline
from jobradar.crawler.pipelines.store import StorePipeline
from jobradar.crawler.pipelines.validate import ValidatePipeline
from jobradar.crawler.replay.demo import market
from jobradar.crawler.spiders.bases import listing
from jobradar.crawler.spiders.greenhouse import GreenhouseSpider
from jobradar.store.engine import open_store
from jobradar.store.listings import SIGHTINGS
from jobradar.store.types import utc_now
from tests.conftest import response_for

SEEN = utc_now().replace(microsecond=0)


def _board() -> tuple[str, dict[str, Any]]:
    """One board of the demo market: its token and its answer."""
    today = SEEN.date()
    response = next(r for r in market(today, today=today).responses if r.source == "greenhouse")
    assert response.board is not None
    return response.board, json.loads(response.body)


def _crawl(
    url: str, board: str, answer: dict[str, Any], day: int, stats: dict[str, Any] | None = None
) -> list[Any]:
    """One crawl of `board` in process, as the crawl child runs it: the spider started (it
    reads what the store knows), one answer parsed, every item through every step; the
    crawl's stats in `stats`."""
    settings = {
        "JOBRADAR_DATABASE_URL": url,
        "JOBRADAR_SEEN_AT": (SEEN + timedelta(days=day)).isoformat(),
        "JOBRADAR_SOURCE": json.dumps({"type": "greenhouse", "boards": [board]}),
    }
    crawler = get_crawler(GreenhouseSpider, settings)
    spider = GreenhouseSpider.from_crawler(crawler)
    crawler.spider = spider

    async def requests() -> list[Any]:
        return [request async for request in spider.start()]

    (request,) = asyncio.run(requests())
    steps = [
        step.from_crawler(crawler)
        for step in (ValidatePipeline, CleanTextPipeline, DerivePipeline, StorePipeline)
    ]
    body = json.dumps(answer).encode()
    outputs = spider.parse(response_for(body, request.url), **request.cb_kwargs)
    items = [
        functools.reduce(lambda item, step: step.process_item(item), steps, output)
        for output in outputs
    ]
    for step in steps:
        step.close_spider()
    if stats is not None:
        stats.update(crawler.stats.get_stats())  # type: ignore[union-attr]
    return items


def _count_writes(url: str) -> None:
    """From now on, count every row written to the listings table (in `writes`)."""
    engine = open_store(url)
    with engine.begin() as connection:
        connection.exec_driver_sql("CREATE TABLE writes (what TEXT)")
        for event in ("INSERT", "UPDATE"):
            connection.exec_driver_sql(
                f"CREATE TRIGGER count_{event.lower()} AFTER {event} ON listings "
                f"BEGIN INSERT INTO writes VALUES ('{event}'); END"
            )


def _writes(url: str) -> int:
    with open_store(url).connect() as connection:
        return connection.execute(text("SELECT count(*) FROM writes")).scalar_one()


def _rows(url: str) -> list[dict[str, Any]]:
    with open_store(url).connect() as connection:
        return [
            dict(row._mapping)
            for row in connection.execute(text("SELECT * FROM listings ORDER BY id"))
        ]


def _must_not_run(*args: Any, **kwargs: Any) -> Any:
    raise AssertionError("an unchanged record was mapped, cleaned or derived")


def test_an_unchanged_recrawl_maps_derives_and_writes_nothing(
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    board, answer = _board()
    first = _crawl(sqlite_url, board, answer, day=0)
    assert first
    assert all(isinstance(item, ListingItem) and item.record_hash for item in first)
    stored = _rows(sqlite_url)
    assert [row["record_hash"] for row in stored] == [item.record_hash for item in first]
    _count_writes(sqlite_url)

    monkeypatch.setattr(GreenhouseSpider, "map", _must_not_run)
    monkeypatch.setattr(clean_text, "clean_description", _must_not_run)
    monkeypatch.setattr(derive, "extract", _must_not_run)
    (again,) = _crawl(sqlite_url, board, answer, day=1)

    assert isinstance(again, SeenRecords)
    assert sorted(again.record_hashes) == sorted(item.record_hash for item in first)
    assert _writes(sqlite_url) == 0
    assert _rows(sqlite_url) == stored
    with open_store(sqlite_url).connect() as connection:
        seen = connection.execute(select(SIGHTINGS.c.last_seen).distinct()).scalars()
        assert list(seen) == [SEEN + timedelta(days=1)]


def test_a_changed_record_is_mapped_and_a_record_of_the_same_facts_is_remembered(
    sqlite_url: str,
) -> None:
    board, answer = _board()
    _crawl(sqlite_url, board, answer, day=0)
    _count_writes(sqlite_url)
    changed, reserved = answer["jobs"][0], answer["jobs"][1]
    changed["title"] += " II"  # a fact: the listing is derived and written again
    reserved["internal_job_id"] = 1  # no fact: only its record digest is written
    items = _crawl(sqlite_url, board, answer, day=1)

    mapped = {item.source_id: item for item in items if isinstance(item, ListingItem)}
    assert set(mapped) == {str(changed["id"]), str(reserved["id"])}
    assert not mapped[str(changed["id"])].unchanged
    assert mapped[str(reserved["id"])].unchanged
    assert _writes(sqlite_url) == 2  # the changed listing, and the other's new digest
    rows = {row["source_id"]: row for row in _rows(sqlite_url)}
    for source_id, item in mapped.items():
        assert rows[source_id]["record_hash"] == item.record_hash

    (again,) = _crawl(sqlite_url, board, answer, day=2)  # now all are known as served
    assert isinstance(again, SeenRecords)
    assert _writes(sqlite_url) == 2


def test_a_record_digest_changes_with_the_record_its_board_and_the_mapping_code(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    spider = GreenhouseSpider.from_crawler(get_crawler(GreenhouseSpider))
    record = {"id": 1, "title": "Engineer", "absolute_url": "https://example.com/1"}
    digest = spider.record_digest(record, "acme")
    assert digest == spider.record_digest(dict(record), "acme")
    assert digest != spider.record_digest(record, "other")
    assert digest != spider.record_digest({**record, "title": "Engineer II"}, "acme")
    monkeypatch.setattr(listing, "_mapping_code", lambda modules: "another version")
    assert digest != spider.record_digest(record, "acme")


def test_each_step_puts_its_cpu_time_in_the_stats(sqlite_url: str) -> None:
    board, answer = _board()
    first: dict[str, Any] = {}
    again: dict[str, Any] = {}
    _crawl(sqlite_url, board, answer, day=0, stats=first)
    _crawl(sqlite_url, board, answer, day=1, stats=again)
    steps = ("validate", "clean_text", "derive", "store")
    assert all(first[f"jobradar/cpu_seconds/{step}"] > 0 for step in steps), first
    # a re-crawl of unchanged records cleans and derives nothing
    for step in ("clean_text", "derive"):
        assert again[f"jobradar/cpu_seconds/{step}"] < first[f"jobradar/cpu_seconds/{step}"] / 10
