"""RemoteOK: the feed maps to whole items; the legal notice and spam records are skipped."""

from __future__ import annotations

import json

import pytest

from jobradar.crawler.spiders.remoteok import RemoteokSpider
from tests.conftest import answer_every_try, recorded, recording, run_spider

pytestmark = pytest.mark.data

FEED = recording("remoteok/remoteok_api_2026-03-17_resume-helper.json")
URL = "https://remoteok.com/api"


def test_every_job_record_becomes_an_item_and_the_legal_notice_does_not() -> None:
    records = json.loads(FEED.read_bytes())
    items, stats, _ = run_spider(RemoteokSpider, FEED.read_bytes(), URL)
    jobs = [r for r in records if "id" in r and r.get("position")]
    assert len(items) == len(jobs) == 96
    assert stats["jobradar/skipped_records"] == len(records) - len(
        jobs
    )  # the notice and a blank position
    assert all(item["source"] == "remoteok" for item in items)


def test_a_record_maps_to_the_whole_item() -> None:
    records = {r.get("id"): r for r in json.loads(FEED.read_bytes())}
    items, _, _ = run_spider(RemoteokSpider, FEED.read_bytes(), URL)
    item = next(i for i in items if i["source_id"] == "1130785")
    record = records["1130785"]
    assert item == {
        "source": "remoteok",
        "source_id": "1130785",
        "url": record["url"],
        "title": record["position"],
        "company": record["company"],
        "location_raw": "Remote, USA",
        "workplace_raw": "remote-only board",
        "description": record["description"],
        "description_format": "html",
        "posted_at": 1773532804,
        "pay_structured": {"kind": "remoteok", "salary_min": 0, "salary_max": 0},
        "source_record": {key: value for key, value in record.items() if key != "description"},
    }


def test_a_later_feed_with_its_notice_first_maps_every_post() -> None:
    body = recorded("remoteok/remoteok_api_2026-08-03_4items-spam-posts_JobSearchAggregator.json")
    notice, *posts = json.loads(body)
    items, stats, _ = run_spider(RemoteokSpider, body, URL)
    assert "id" not in notice
    assert len(posts) == 4
    assert [item["title"] for item in items] == [post["position"] for post in posts]
    assert stats["jobradar/skipped_records"] == 1


def test_a_response_that_is_not_json_is_counted_as_malformed() -> None:
    items, stats, tries = answer_every_try(RemoteokSpider, b"<html>maintenance</html>", URL)
    assert items == []
    assert tries > 1  # retried first: a garbled answer may be a passing fault
    assert stats["jobradar/malformed"] == 1
