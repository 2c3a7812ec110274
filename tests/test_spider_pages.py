"""JobPosting pages (JSON-LD) and the We Work Remotely RSS feed."""

from __future__ import annotations

import tomllib

import pytest
from parsel import Selector

from jobradar.crawler.sources import DEFAULT_SOURCES
from jobradar.crawler.spiders.jobposting import JobpostingSpider
from jobradar.crawler.spiders.weworkremotely import WeworkremotelySpider
from tests.conftest import recorded, run_spider

pytestmark = pytest.mark.data


def test_a_jobposting_in_a_graph_with_an_escaped_script_type_maps_whole() -> None:
    body = recorded("jsonld_html/builtinsf_anthropic_tpm-infrastructure_8419332_2026-06.html")
    assert b'type="application/ld&#x2B;json"' in body
    url = "https://www.builtinsf.com/job/technical-program-manager-infrastructure/8419332"
    [item], _, _ = run_spider(JobpostingSpider, body, url)
    company = item["source_record"]["hiringOrganization"]["name"]
    assert {
        key: value for key, value in item.items() if key not in {"description", "source_record"}
    } == {
        "source": "jobposting",
        "source_id": "8419332",
        "board": None,
        "url": url,
        "title": "Technical Program Manager, Infrastructure",
        "company": company,
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
    assert item["description"].startswith(f"<p><b><strong>About {company}")
    assert item["source_record"]["@type"] == "JobPosting"


def test_a_plain_jobposting_with_telecommute_and_two_countries() -> None:
    body = recorded("jsonld_html/builtinsf_lumaai_tpm-research_8638596_2026-06.html")
    [item], _, _ = run_spider(
        JobpostingSpider,
        body,
        "https://www.builtinsf.com/job/technical-program-manager-research/8638596",
    )
    assert item["workplace_raw"] == "TELECOMMUTE"
    assert len(item["location_requirements"]) == 2


def test_a_page_without_jobposting_is_counted_not_an_error() -> None:
    body = recorded(
        "jsonld_html/greenhouse-hosted_anthropic_tpm-infrastructure_5111783008_2026-06.html"
    )
    items, stats, _ = run_spider(
        JobpostingSpider, body, "http://job-boards.greenhouse.io/anthropic/jobs/5111783008"
    )
    assert items == []
    assert stats["jobradar/pages_without_jobposting"] == 1
    assert "jobradar/malformed" not in stats


def test_a_wwr_item_splits_company_and_title() -> None:
    body = recorded(
        "weworkremotely/wwr_remote-jobs_rss_2026-07-10_4items_remote-jobs-collector.xml"
    )
    items, _, _ = run_spider(
        WeworkremotelySpider,
        body,
        "https://weworkremotely.com/remote-jobs.rss",
        feed="https://weworkremotely.com/remote-jobs.rss",
    )
    assert len(items) == 4
    first = items[0]
    # The feed's own first <item>: its <title> is "Company: Job title".
    entry = Selector(text=body.decode(), type="xml").xpath("//channel/item[1]")
    company, title = (entry.xpath("title/text()").get() or "").split(": ")
    assert company
    assert title
    assert (first["company"], first["title"]) == (company, title)
    assert first["url"] == entry.xpath("link/text()").get()
    assert first["url"].startswith("https://weworkremotely.com/remote-jobs/")
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
