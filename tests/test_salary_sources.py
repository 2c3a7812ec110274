"""Pay as each source states it, read from recorded responses through the real pipeline steps.

Every case is one recorded listing: the spider maps it, then the validate, clean-text,
location and salary steps run as in a crawl. Expected values were read off the
recording by hand (the source record is quoted in each case's reason).
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from jobradar.classifier.salary import find_salary
from jobradar.crawler.items import ListingItem
from jobradar.crawler.pipelines.clean_text import CleanTextPipeline
from jobradar.crawler.pipelines.derive import DerivePipeline
from jobradar.crawler.pipelines.validate import ValidatePipeline
from jobradar.crawler.registry import spider_classes
from tests.conftest import make_spider, recorded, run_spider
from tests.spider_fixtures import FIXTURES

pytestmark = pytest.mark.data

YEAR = "year"
# (spider, recording, board, source id, expected (min, max, currency, period) or None, why)
CASES: list[
    tuple[str, str, str | None, str, tuple[float | None, float | None, str, str] | None, str]
] = [
    (
        "greenhouse",
        "greenhouse/greenhouse_warp_jobs_content_2026-08-14_4items_sift.json",
        "warp",
        "4324888004",
        (165000, 260000, "USD", "year"),
        "the posted range, not an earlier user count ('over 750k' people): a bound word "
        "('over') vouches only for an amount marked as money",
    ),
    (
        "remoteok",
        "remoteok/remoteok_api_2026-03-17_resume-helper.json",
        None,
        "1130788",
        None,
        "salary_min/max 0 means unknown",
    ),
    (
        "jobicy",
        "jobicy/jobicy_v2_remote-jobs_2026-07-10_trimmed-snapshot_remote-jobs-collector.json",
        None,
        "146002",
        (151000, None, "USD", YEAR),
        "salaryMin 151000 only, yearly: a 'from' figure",
    ),
    (
        "himalayas",
        "himalayas/himalayas_jobs_api_2026-07-10_trimmed-snapshot_remote-jobs-collector.json",
        None,
        "https://himalayas.app/companies/mindrift/jobs/portfolio-manager-freelance-ai-trainer-169480136",
        (50, 50, "USD", "hour"),
        "minSalary = maxSalary = 50, salaryPeriod hourly",
    ),
    (
        "himalayas",
        "himalayas/himalayas_jobs_api_2026-07-10_trimmed-snapshot_remote-jobs-collector.json",
        None,
        "https://himalayas.app/companies/nvidia/jobs/senior-system-software-engineer-nvsci",
        (184000, 356500, "USD", YEAR),
        "184000–356500, salaryPeriod annual",
    ),
    (
        "lever",
        "lever/lever_matchgroup_postings_2026-07-18_2items_tech-salary-radar.json",
        "matchgroup",
        "3414ba28-35f7-45d3-8e13-35c883959635",
        (150000, 180000, "USD", YEAR),
        "salaryRange per-year-salary USD 150000–180000",
    ),
    (
        "ashby",
        "ashby/ashby_ramp_job-board_includeCompensation_2026-07-15_4items_multiple-ranges_aws-job-streamer.json",
        "ramp",
        "0907ae2a-5334-4d64-9a76-cc9428224546",
        (212000, 291000, "USD", YEAR),
        "two 'Target Base Salary' tiers: the first (SF/NY) wins",
    ),
    (
        "ashby",
        "ashby/ashby_ramp_job-board_includeCompensation_2026-07-15_4items_multiple-ranges_aws-job-streamer.json",
        "ramp",
        "03e2d4e1-73ad-4f09-a058-2eb9ce34c2bc",
        None,
        "every tier is 'OTE … 75/25 Split': on-target earnings, not base pay",
    ),
    (
        "ashby",
        "ashby/ashby_linear_job-board_includeCompensation_2026-07-18_2items_tech-salary-radar.json",
        "linear",
        "d3bc1ced-3ce4-4086-a050-555055dbb1ff",
        None,
        "compensation block with no tiers",
    ),
    (
        "greenhouse",
        "greenhouse/greenhouse_anthropic_jobs_content_2026-07-14_4items_aws-job-streamer.json",
        "anthropic",
        "5215052008",
        None,
        "a sales job whose pay block says the range is OTE; the description repeats the block",
    ),
    (
        "greenhouse",
        "greenhouse/greenhouse_anthropic_jobs_content_2026-07-14_4items_aws-job-streamer.json",
        "anthropic",
        "5023394008",
        (3850, 3850, "USD", "week"),
        "Fellows programme: '$3,850 USD / week' in the pay block",
    ),
    (
        "greenhouse",
        "greenhouse/greenhouse_anthropic_jobs_content_2026-07-14_4items_aws-job-streamer.json",
        "anthropic",
        "5311686008",
        None,
        "no pay stated anywhere ('competitive compensation')",
    ),
    (
        "remotive",
        "remotive/remotive_api_2026-07-18_all.json",
        None,
        "1919265",
        (90, 150, "USD", "hour"),
        "salary field '$90 - $150 /hour'",
    ),
    (
        "remotive",
        "remotive/remotive_api_2026-07-18_all.json",
        None,
        "2091068",
        (150000, 230000, "USD", YEAR),
        "salary field '$150k - $230k'",
    ),
    (
        "remotive",
        "remotive/remotive_api_2026-07-18_all.json",
        None,
        "2086540",
        None,
        "salary field 'OTE $25k - $35k': on-target earnings only",
    ),
    (
        "remotive",
        "remotive/remotive_api_2026-07-18_all.json",
        None,
        "2090903",
        (18, 22, "USD", "hour"),
        "salary field '$18 - $22/hr'",
    ),
    (
        "jobposting",
        "jsonld_html/builtinsf_anthropic_tpm-infrastructure_8419332_2026-06.html",
        None,
        None,
        (290000, 365000, "USD", YEAR),
        "JSON-LD baseSalary MonetaryAmount, QuantitativeValue 290000–365000, unitText YEAR",
    ),
    (
        "jobposting",
        "jsonld_html/builtinsf_lumaai_tpm-research_8638596_2026-06.html",
        None,
        None,
        None,
        "no baseSalary and no pay in the text",
    ),
]


def _annotated(spider: str, path: str, board: str | None, source_id: str | None) -> ListingItem:
    _, url, kwargs = FIXTURES[spider]
    if board is not None:
        url = url.replace(str(kwargs["context"]["board"]), board)
        kwargs = {**kwargs, "context": {**kwargs["context"], "board": board}}
    items, _, _ = run_spider(spider_classes()[spider], recorded(path), url, **kwargs)
    chosen = [item for item in items if source_id is None or item["source_id"] == source_id]
    assert len(chosen) == 1, f"{source_id} not in {path}"
    crawler = make_spider(spider_classes()[spider]).crawler
    item: Any = chosen[0]
    for step in (ValidatePipeline, CleanTextPipeline, DerivePipeline):
        item = step(crawler).process_item(item)
    return item


def _pay(item: ListingItem) -> tuple[Any, ...] | None:
    """The salary the crawl's derive step stored: (min, max, currency, period), or None."""
    tags = item.tags
    if tags["salary_currency"] is None:
        return None
    return tags["salary_min"], tags["salary_max"], tags["salary_currency"], tags["salary_period"]


@pytest.mark.parametrize(
    "case", CASES, ids=[f"{case[0]}-{case[3] or case[1].split('/')[-1]}"[:60] for case in CASES]
)
def test_pay_as_the_source_states_it(case: tuple[Any, ...]) -> None:
    spider, path, board, source_id, expected, why = case
    assert _pay(_annotated(spider, path, board, source_id)) == expected, why


def test_structured_pay_is_marked_and_converted() -> None:
    tags = _annotated(
        "lever",
        "lever/lever_matchgroup_postings_2026-07-18_2items_tech-salary-radar.json",
        "matchgroup",
        "3414ba28-35f7-45d3-8e13-35c883959635",
    ).tags
    assert tags["salary_origin"] == "structured"
    assert (tags["annual_usd_min"], tags["annual_usd_max"], tags["fx_rate"]) == (
        150000,
        180000,
        1.0,
    )


def test_a_remoteok_record_with_one_bound_keeps_it() -> None:
    # RemoteOK writes 0 for the bound it does not know; the other is still posted pay.
    salary = find_salary(
        title="Engineer",
        text="",
        reference=date(2026, 3, 17),
        pay_structured={"kind": "remoteok", "salary_min": 90000, "salary_max": 0},
    )
    assert salary is not None
    assert (salary.min, salary.max, salary.currency, salary.period) == (90000, None, "USD", "year")
    assert salary.text == "salary_min=90000"
