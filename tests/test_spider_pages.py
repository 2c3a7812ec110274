"""JobPosting pages (JSON-LD) and the We Work Remotely RSS feed."""

from __future__ import annotations

import tomllib

from crawler.sources import DEFAULT_SOURCES
from crawler.spiders.jobposting import JobpostingSpider
from crawler.spiders.weworkremotely import WeworkremotelySpider
from tests.conftest import recording, run_spider


def test_a_jobposting_in_a_graph_with_an_escaped_script_type_maps_whole() -> None:
    body = recording("jsonld/builtinsf_anthropic_8419332.html").read_bytes()
    assert b'type="application/ld&#x2B;json"' in body
    url = "https://www.builtinsf.com/job/technical-program-manager-infrastructure/8419332"
    [item], _, _ = run_spider(JobpostingSpider, body, url)
    assert {
        key: value for key, value in item.items() if key not in {"description", "source_record"}
    } == {
        "source": "jobposting",
        "source_id": "8419332",
        "board": None,
        "url": url,
        "title": "Technical Program Manager, Infrastructure",
        "company": "Anthropic",
        "location_raw": "San Francisco, California, USA",
        "location_requirements": ["USA"],
        "workplace_raw": None,
        "description_format": "html",
        "posted_at": "2026-06-13",
        "expires_at": "2026-07-13T00:05:00+00:00",
        "pay_structured": {
            "kind": "jsonld",
            "baseSalary": {
                "@type": "MonetaryAmount",
                "currency": "USD",
                "value": {
                    "@type": "QuantitativeValue",
                    "minValue": 290000,
                    "maxValue": 365000,
                    "unitText": "YEAR",
                },
            },
        },
    }
    assert item["description"].startswith("<p><b><strong>About Anthropic")
    assert item["source_record"]["@type"] == "JobPosting"


def test_a_plain_jobposting_with_telecommute_and_two_countries() -> None:
    body = recording("jsonld/builtinsf_lumaai_8638596.html").read_bytes()
    [item], _, _ = run_spider(
        JobpostingSpider,
        body,
        "https://www.builtinsf.com/job/technical-program-manager-research/8638596",
    )
    assert item["workplace_raw"] == "TELECOMMUTE"
    assert len(item["location_requirements"]) == 2


def test_a_page_without_jobposting_is_counted_not_an_error() -> None:
    body = recording("jsonld/greenhouse_anthropic_5111783008.html").read_bytes()
    items, stats, _ = run_spider(
        JobpostingSpider, body, "http://job-boards.greenhouse.io/anthropic/jobs/5111783008"
    )
    assert items == []
    assert stats["jobradar/pages_without_jobposting"] == 1
    assert "jobradar/malformed" not in stats


def test_a_wwr_item_splits_company_and_title() -> None:
    body = recording("weworkremotely/remote-jobs_2026-07-10.rss").read_bytes()
    items, _, _ = run_spider(
        WeworkremotelySpider,
        body,
        "https://weworkremotely.com/remote-jobs.rss",
        feed="https://weworkremotely.com/remote-jobs.rss",
    )
    assert len(items) == 4
    first = items[0]
    assert (first["company"], first["title"]) == ("Mathmo", "Maths Coach")
    assert first["url"] == "https://weworkremotely.com/remote-jobs/mathmo-maths-coach"
    assert first["posted_at"] == "Fri, 10 Jul 2026 22:45:30 +0000"
    assert first["location_raw"] == "Anywhere in the World, London"
    assert "Headquarters" in first["description"]


def test_wwr_ships_disabled_because_of_its_terms() -> None:
    sources = tomllib.loads(DEFAULT_SOURCES.read_text())["source"]
    [wwr] = [source for source in sources if source["type"] == "weworkremotely"]
    assert wwr["enabled"] is False
    assert "forbid" in (
        WeworkremotelySpider.__module__
        and __import__(WeworkremotelySpider.__module__, fromlist=["x"]).__doc__
    )
