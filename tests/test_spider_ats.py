"""Lever and Ashby boards map to whole items; structured pay and work mode are kept raw."""

from __future__ import annotations

import json

import pytest

from jobradar.crawler.spiders.ashby import AshbySpider
from jobradar.crawler.spiders.lever import LeverSpider
from tests.conftest import answer_every_try, make_spider, recorded, run_spider

pytestmark = pytest.mark.data

LEVER = "https://api.lever.co/v0/postings/matchgroup?mode=json"
ASHBY = "https://api.ashbyhq.com/posting-api/job-board/ramp?includeCompensation=true"


def test_a_lever_posting_maps_to_the_whole_item() -> None:
    body = recorded("lever/lever_matchgroup_postings_2026-07-18_2items_tech-salary-radar.json")
    record = next(p for p in json.loads(body) if p.get("salaryRange"))
    items, _, _ = run_spider(LeverSpider, body, LEVER, context={"board": "matchgroup"})
    item = next(i for i in items if i["source_id"] == record["id"])
    lists = [f"<h3>{b['text']}</h3><ul>{b['content']}</ul>" for b in record["lists"]]
    assert item == {
        "source": "lever",
        "source_id": "3414ba28-35f7-45d3-8e13-35c883959635",
        "board": "matchgroup",
        "url": "https://jobs.lever.co/matchgroup/3414ba28-35f7-45d3-8e13-35c883959635",
        "title": "Android Engineer III",
        "company": "matchgroup",
        "location_raw": "New York, New York",
        "location_requirements": ["US"],
        "workplace_raw": "hybrid",
        "description": "\n".join([record["description"], *lists, record["additional"]]),
        "description_format": "html",
        "posted_at": record["createdAt"],
        "pay_structured": {
            "kind": "lever",
            "salaryRange": {
                "interval": "per-year-salary",
                "currency": "USD",
                "min": 150000,
                "max": 180000,
            },
        },
        "source_record": {
            key: value
            for key, value in record.items()
            if key
            not in {
                "description",
                "descriptionPlain",
                "lists",
                "additional",
                "additionalPlain",
                "opening",
                "openingPlain",
                "descriptionBody",
                "descriptionBodyPlain",
            }
        },
    }


def test_lever_boards_on_the_eu_host() -> None:
    spider = make_spider(LeverSpider)
    spider.config = type(spider.config)("lever", boards=("mistral",), options={"eu": True})
    [(url, context)] = list(spider.requests())
    assert url == "https://api.eu.lever.co/v0/postings/mistral?mode=json"
    assert context == {"board": "mistral"}


def test_a_lever_answer_that_is_not_an_array_is_malformed() -> None:
    items, stats, _ = answer_every_try(
        LeverSpider,
        b'{"ok": false, "error": "Document not found"}',
        LEVER,
        context={"board": "matchgroup"},
    )
    assert items == []
    assert stats["jobradar/malformed"] == 1


def test_an_ashby_job_maps_to_the_whole_item_with_its_compensation_raw() -> None:
    body = recorded(
        "ashby/ashby_ramp_job-board_includeCompensation_2026-07-15_4items_multiple-ranges_aws-job-streamer.json"
    )
    record = json.loads(body)["jobs"][0]
    items, _, _ = run_spider(AshbySpider, body, ASHBY, context={"board": "ramp"})
    assert items[0] == {
        "source": "ashby",
        "source_id": "03e2d4e1-73ad-4f09-a058-2eb9ce34c2bc",
        "board": "ramp",
        "url": "https://jobs.ashbyhq.com/ramp/03e2d4e1-73ad-4f09-a058-2eb9ce34c2bc",
        "title": "Technical Consultant, Mid-Market",
        "company": "ramp",
        "location_raw": "Remote (US); San Francisco, CA; New York, NY (HQ)",
        "location_requirements": ["United States"],
        "workplace_raw": "Remote",
        "description": record["descriptionHtml"],
        "description_format": "html",
        "posted_at": "2026-07-07T20:47:09.753+00:00",
        "pay_structured": {"kind": "ashby", "compensation": record["compensation"]},
        "source_record": {
            k: v for k, v in record.items() if k not in {"descriptionHtml", "descriptionPlain"}
        },
    }


def test_ashby_reads_workplace_type_not_is_remote_and_skips_unlisted_jobs() -> None:
    data = json.loads(recorded("ashby/ashby_linear_job-board_2026-04-19_19items_plytools.json"))
    disagreeing = [
        job for job in data["jobs"] if job.get("isRemote") and job.get("workplaceType") != "Remote"
    ]
    data["jobs"][0]["isListed"] = False
    items, stats, _ = run_spider(
        AshbySpider, json.dumps(data), ASHBY.replace("ramp", "linear"), context={"board": "linear"}
    )
    assert len(items) == len(data["jobs"]) - 1
    assert stats["jobradar/skipped_records"] == 1
    for job in disagreeing:
        item = next(i for i in items if i["source_id"] == job["id"])
        assert item["workplace_raw"] == job["workplaceType"]
