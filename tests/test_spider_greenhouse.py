"""Greenhouse: every job of a board maps to a whole item; the pay block is kept raw."""

from __future__ import annotations

import html
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from parsel import Selector

from jobradar.crawler.spiders.greenhouse import GreenhouseSpider, _unescaped
from tests.conftest import answer_every_try, recorded, recording, run_spider

pytestmark = pytest.mark.data

BOARD = recording(
    "greenhouse/greenhouse_anthropic_jobs_content_2026-07-14_4items_aws-job-streamer.json"
)
URL = "https://boards-api.greenhouse.io/v1/boards/anthropic/jobs?content=true"


def test_every_job_of_the_board_becomes_an_item() -> None:
    items, stats, _ = run_spider(
        GreenhouseSpider, BOARD.read_bytes(), URL, context={"board": "anthropic"}
    )
    assert [item["source_id"] for item in items] == [
        str(j["id"]) for j in json.loads(BOARD.read_bytes())["jobs"]
    ]
    assert stats["jobradar/pages"] == 1


def test_a_job_maps_to_the_whole_item() -> None:
    job = next(j for j in json.loads(BOARD.read_bytes())["jobs"] if j["id"] == 5215052008)
    items, _, _ = run_spider(
        GreenhouseSpider, BOARD.read_bytes(), URL, context={"board": "anthropic"}
    )
    item = next(i for i in items if i["source_id"] == "5215052008")
    content = html.unescape(job["content"])
    assert item == {
        "source": "greenhouse",
        "source_id": "5215052008",
        "board": "anthropic",
        "url": "https://job-boards.greenhouse.io/anthropic/jobs/5215052008",
        "title": job["title"],
        "company": job["company_name"],
        "location_raw": "San Francisco, CA | New York City, NY | Seattle, WA",
        "workplace_raw": "On-Site",
        "description": content,
        "description_format": "html",
        "posted_at": "2026-05-11T17:58:31-04:00",
        "pay_structured": {
            "kind": "pay_text",
            "text": Selector(text=content).css("div.content-pay-transparency").get(),
        },
        "source_record": {key: value for key, value in job.items() if key != "content"},
    }
    assert "$265,000" in item["pay_structured"]["text"]


def test_a_board_listed_without_content_still_maps() -> None:
    body = recorded("/v1/boards/waymo/jobs?content=true")
    items, _, _ = run_spider(
        GreenhouseSpider, body, URL.replace("anthropic", "waymo"), context={"board": "waymo"}
    )
    assert len(items) == len(json.loads(body)["jobs"])
    assert all(item["description"] == "" and item["pay_structured"] is None for item in items)


def test_an_answer_without_jobs_is_malformed() -> None:
    items, stats, _ = answer_every_try(
        GreenhouseSpider, b'{"error": "not found"}', URL, context={"board": "anthropic"}
    )
    assert items == []
    assert stats["jobradar/malformed"] == 1


_PIECES = [
    "&lt;",
    "&gt;",
    "&quot;",
    "&#39;",
    "&amp;",
    "&",
    "&lt",
    "lt;",
    "#39;",
    ";",
    "p",
    "&nbsp;",
]


@settings(max_examples=500, deadline=None)
@given(content=st.lists(st.sampled_from(_PIECES), max_size=10).map("".join))
def test_content_is_unescaped_as_html_unescape_does(content: str) -> None:
    assert _unescaped(content) == html.unescape(content)


@pytest.mark.parametrize(
    ("content", "found"),
    [
        ('<div class="content-pay-transparency"><p>$100k</p></div>', True),
        ('<div class="content-pay&#45;transparency"><p>$100k</p></div>', True),
        ('<div class="content&#x2D;pay-transparency"><p>$100k</p></div>', True),
        ("<p>We&#x27;re hiring</p>", False),
        ("<p>content-pay&#x27;transparency</p>", False),
    ],
)
def test_the_pay_block_is_found_however_its_class_is_spelled(content: str, found: bool) -> None:
    record = {"id": 1, "title": "Engineer", "absolute_url": "https://example.com/1"}
    escaped = html.escape(content, quote=False)
    items, _, _ = run_spider(
        GreenhouseSpider,
        json.dumps({"jobs": [{**record, "content": escaped}]}),
        URL,
        context={"board": "anthropic"},
    )
    expected = Selector(text=content).css("div.content-pay-transparency").get()
    assert (expected is not None) is found
    pay = items[0]["pay_structured"]
    assert pay == ({"kind": "pay_text", "text": expected} if found else None)
