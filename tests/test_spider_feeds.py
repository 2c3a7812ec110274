"""Remotive, Jobicy and Himalayas: recorded feeds map to whole items; paging stops in time."""

from __future__ import annotations

import json

import pytest
from scrapy import Request

from jobradar.crawler.spiders.himalayas import HimalayasSpider
from jobradar.crawler.spiders.jobicy import JobicySpider
from jobradar.crawler.spiders.remotive import RemotiveSpider
from tests.conftest import recorded, run_spider

pytestmark = pytest.mark.data


def test_remotive_maps_each_job_and_keeps_the_salary_text_raw() -> None:
    body = recorded("remotive/remotive_api_2026-07-18_all.json")
    jobs = json.loads(body)["jobs"]
    items, _, _ = run_spider(RemotiveSpider, body, "https://remotive.com/api/remote-jobs")
    assert len(items) == len(jobs) == 42
    record = jobs[8]
    assert items[8] == {
        "source": "remotive",
        "source_id": str(record["id"]),
        "url": record["url"],
        "title": record["title"],
        "company": record["company_name"],
        "location_raw": record["candidate_required_location"],
        "workplace_raw": "remote-only board",
        "description": record["description"],
        "description_format": "html",
        "posted_at": record["publication_date"],
        "salary_raw": "$31,2k- $52k",
        "source_record": {key: value for key, value in record.items() if key != "description"},
    }
    assert RemotiveSpider.max_runs_per_day == 4


def test_jobicy_keeps_the_structured_pay_block_when_it_has_one() -> None:
    body = recorded(
        "jobicy/jobicy_v2_remote-jobs_2026-07-10_trimmed-snapshot_remote-jobs-collector.json"
    )
    jobs = json.loads(body)["jobs"]
    items, _, _ = run_spider(JobicySpider, body, "https://jobicy.com/api/v2/remote-jobs?count=100")
    assert [item["source_id"] for item in items] == [str(job["id"]) for job in jobs]
    with_pay = [item for item in items if item["pay_structured"]]
    assert [item["pay_structured"] for item in with_pay] == [
        {"kind": "jobicy", "salaryMin": 151000, "salaryCurrency": "USD", "salaryPeriod": "yearly"}
    ]
    record = jobs[0]
    assert items[0] == {
        "source": "jobicy",
        "source_id": "145880",
        "url": record["url"],
        "title": "Senior Software Engineer (Contract)",
        "company": record["companyName"],
        "location_raw": "Germany",
        "workplace_raw": "remote-only board",
        "description": record["jobDescription"],
        "description_format": "html",
        "posted_at": "2026-07-10T20:00:05+00:00",
        "pay_structured": None,
        "source_record": {key: value for key, value in record.items() if key != "jobDescription"},
    }


def test_jobicy_unescapes_industry_names() -> None:
    body = recorded("jobicy/jobicy_v2_remote-jobs_2026-08-03_5items_JobSearchAggregator.json")
    items, _, _ = run_spider(JobicySpider, body, "https://jobicy.com/api/v2/remote-jobs?count=100")
    industries = {value for item in items for value in item["source_record"].get("jobIndustry", [])}
    assert all("&amp;" not in value for value in industries)


def test_himalayas_maps_salary_fields_and_expiry() -> None:
    body = recorded("himalayas/himalayas_jobs_api_limit3_2026-03-28_agent-job-research.json")
    items, _, spider = run_spider(
        HimalayasSpider,
        body,
        "https://himalayas.app/jobs/api?limit=20&offset=0",
        context={"page": 1},
    )
    philippines = next(
        item
        for item in items
        if item["pay_structured"] and item["pay_structured"]["currency"] == "PHP"
    )
    assert philippines["pay_structured"] == {
        "kind": "himalayas",
        "minSalary": 600000,
        "maxSalary": 660000,
        "currency": "PHP",
    }
    assert all(item["expires_at"] for item in items)
    assert all(item["source_id"].startswith("https://himalayas.app/") for item in items)
    [follow] = spider.follow_requests
    assert isinstance(follow, Request)
    assert follow.url == "https://himalayas.app/jobs/api?limit=20&offset=3"


def test_himalayas_stops_when_a_page_repeats_itself() -> None:
    body = recorded("himalayas/himalayas_jobs_api_limit3_2026-03-28_agent-job-research.json")
    url = "https://himalayas.app/jobs/api?limit=20&offset=0"
    _, _, spider = run_spider(HimalayasSpider, body, url, context={"page": 1})
    _, stats, spider = run_spider(spider, body, spider.follow_requests[0].url, context={"page": 2})
    assert spider.follow_requests == []
    assert stats["jobradar/truncated"] == 1


def test_himalayas_stops_at_max_pages() -> None:
    body = recorded(
        "himalayas/himalayas_jobs_api_2026-07-10_trimmed-snapshot_remote-jobs-collector.json"
    )
    _, stats, spider = run_spider(
        HimalayasSpider,
        body,
        "https://himalayas.app/jobs/api?limit=20&offset=0",
        context={"page": 10},
    )
    assert spider.follow_requests == []
    assert stats["jobradar/truncated"] == 1
