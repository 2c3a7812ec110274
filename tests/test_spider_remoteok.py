"""RemoteOK: the feed maps to whole items; the legal notice and spam records are skipped."""

from __future__ import annotations

import json

from crawler.spiders.remoteok import RemoteokSpider
from tests.conftest import recording, run_spider

FEED = recording("remoteok/api_2026-03-17.json")
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
        "url": "https://remoteOK.com/remote-jobs/remote-data-center-site-start-up-manager-serverfarm-1130785",
        "title": "Data Center Site Start Up Manager",
        "company": "Serverfarm",
        "location_raw": "Remote, USA",
        "workplace_raw": "remote-only board",
        "description": record["description"],
        "description_format": "html",
        "posted_at": 1773532804,
        "pay_structured": {"kind": "remoteok", "salary_min": 0, "salary_max": 0},
        "source_record": {key: value for key, value in record.items() if key != "description"},
    }


def test_a_later_feed_with_its_notice_first_maps_every_post() -> None:
    body = recording("remoteok/spam_2026-08-03.json").read_bytes()
    items, stats, _ = run_spider(RemoteokSpider, body, URL)
    assert [item["title"] for item in items] == [
        "Compatibility",
        "These 10 things on your cv could be the reason you are not getting hired",
        "Menu",
        "Failure Breeds Success",
    ]
    assert stats["jobradar/skipped_records"] == 1


def test_a_response_that_is_not_json_is_counted_as_malformed() -> None:
    items, stats, _ = run_spider(RemoteokSpider, b"<html>maintenance</html>", URL)
    assert items == []
    assert stats["jobradar/malformed"] == 1
