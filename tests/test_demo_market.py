"""The demo market: deterministic, in each source's real shape, with history and honest truth.

Every source's answers are fed to its real spider, following the requests the spider
makes (pages, boards, the HN thread); the items must be exactly the generator's
listings. jobradar's own extractors then read each item as the crawl pipelines would,
and must agree with the generator's truth about salary and remote type.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Callable
from datetime import date, timedelta
from itertools import pairwise
from statistics import mean
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest
from scrapy import Spider

from jobradar.classifier.annotate import Facts, extract
from jobradar.classifier.roles import load_role_model
from jobradar.classifier.text import description_text
from jobradar.crawler.items import ListingItem, to_utc_datetime
from jobradar.crawler.replay.demo import DemoDay, DemoListing, DemoResponse, history_days, market
from jobradar.crawler.spiders.ashby import AshbySpider
from jobradar.crawler.spiders.greenhouse import GreenhouseSpider
from jobradar.crawler.spiders.hackernews import HackernewsSpider
from jobradar.crawler.spiders.himalayas import HimalayasSpider
from jobradar.crawler.spiders.jobicy import JobicySpider
from jobradar.crawler.spiders.jobposting import JobpostingSpider
from jobradar.crawler.spiders.lever import LeverSpider
from jobradar.crawler.spiders.remoteok import RemoteokSpider
from jobradar.crawler.spiders.remotive import RemotiveSpider
from tests.conftest import make_spider, run_spider

TODAY = date(2026, 9, 30)
SOURCES = (
    "remoteok",
    "remotive",
    "himalayas",
    "jobicy",
    "hackernews",
    "greenhouse",
    "lever",
    "ashby",
    "jobposting",
)
LEVEL_WORDS = {"Junior", "Associate", "Senior", "Sr.", "Staff", "Principal", "Lead"}
PAGE_HOST = "https://careers.demo.example"  # any host: the replay serves pages by path


@pytest.fixture(scope="module")
def days() -> list[DemoDay]:
    return [market(day, today=TODAY) for day in history_days(TODAY)]


@pytest.fixture(scope="module")
def crawled(days: list[DemoDay]) -> list[dict[str, list[dict[str, Any]]]]:
    """Each day's items, per source, as the real spiders map them."""
    return [crawl(day) for day in days]


# ---- feeding the demo to the spiders ----


def answer(day: DemoDay, url: str) -> DemoResponse:
    """The response the replay server gives `url`: same path, its query keys present."""
    parts = urlsplit(url)
    query = dict(parse_qsl(parts.query))
    found = [
        r
        for r in day.responses
        if r.path == parts.path and all(query.get(k) == v for k, v in r.query.items())
    ]
    assert found, f"the demo serves nothing at {url}"
    return max(found, key=lambda response: len(response.query))


def follow(
    spider_cls: type[Spider], day: DemoDay, url: str, callback: str = "parse", **kwargs: Any
) -> list[dict[str, Any]]:
    """Items of a spider fed from `url` on, following every request it makes."""
    spider = make_spider(spider_cls)
    queue: list[tuple[str, str, dict[str, Any]]] = [(url, callback, kwargs)]
    items: list[dict[str, Any]] = []
    while queue:
        target, name, arguments = queue.pop(0)
        got, stats, spider = run_spider(
            spider, answer(day, target).body, target, callback=name, **arguments
        )
        assert "jobradar/malformed" not in stats, f"{spider.name}: malformed answer at {target}"
        items += got
        queue += [
            (request.url, request.callback.__name__, request.cb_kwargs)
            for request in spider.follow_requests  # type: ignore[attr-defined]
        ]
    return items


def crawl(day: DemoDay) -> dict[str, list[dict[str, Any]]]:
    items: dict[str, list[dict[str, Any]]] = {
        "remoteok": follow(RemoteokSpider, day, RemoteokSpider.endpoint),
        "remotive": follow(RemotiveSpider, day, RemotiveSpider.endpoint),
        "jobicy": follow(JobicySpider, day, JobicySpider.endpoint),
        "himalayas": follow(
            HimalayasSpider,
            day,
            HimalayasSpider.endpoint.format(limit=20, offset=0),
            context={"page": 1},
        ),
        "hackernews": follow(HackernewsSpider, day, HackernewsSpider.endpoint, "parse_threads"),
        "jobposting": [
            item
            for path in day.page_urls
            for item in follow(JobpostingSpider, day, PAGE_HOST + path, public_url=PAGE_HOST + path)
        ],
    }
    ats: dict[str, type[Spider]] = {
        "greenhouse": GreenhouseSpider,
        "lever": LeverSpider,
        "ashby": AshbySpider,
    }
    for source, spider_cls in ats.items():
        endpoint: str = spider_cls.endpoint  # type: ignore[attr-defined]
        items[source] = [
            item
            for board in day.boards[source]
            for item in follow(
                spider_cls, day, endpoint.format(board=board), context={"board": board}
            )
        ]
    return items


def by_source(listings: list[DemoListing]) -> dict[str, list[DemoListing]]:
    grouped: dict[str, list[DemoListing]] = defaultdict(list)
    for listing in listings:
        grouped[listing.source].append(listing)
    return grouped


def derived(item: dict[str, Any]) -> tuple[dict[str, Any] | None, str]:
    """Salary and remote type as jobradar's pipelines derive them from the item."""
    listing = ListingItem.model_validate(item)
    text = description_text(listing.description, listing.description_format)
    found = extract(
        Facts(
            title=listing.title,
            text=text,
            location=listing.location_raw,
            workplace=listing.workplace_raw,
            location_requirements=listing.location_requirements,
            salary_raw=listing.salary_raw,
            pay_structured=listing.pay_structured,
            reference=listing.posted_at.date() if listing.posted_at else TODAY,
        )
    )
    salary = found.salary
    pay = None
    if salary is not None:
        pay = {"min": salary.min, "max": salary.max, "currency": salary.currency,
               "period": salary.period}  # fmt: skip
    return pay, found.work_mode.remote_type


def same_pay(found: dict[str, Any] | None, truth: dict[str, Any] | None) -> bool:
    if found is None or truth is None:
        return found is truth
    return all(found[key] == truth[key] for key in ("min", "max", "currency", "period"))


def agreement(
    days: list[DemoDay],
    crawled: list[dict[str, list[dict[str, Any]]]],
    judge: Callable[[DemoListing, dict[str, Any]], bool],
) -> tuple[float, list[str]]:
    """The share of listings (over all days) where `judge` accepts the item, and misses."""
    total, misses = 0, []
    for day, items in zip(days, crawled, strict=True):
        for source, listings in by_source(day.listings).items():
            by_id = {item["source_id"]: item for item in items[source]}
            for listing in listings:
                total += 1
                if not judge(listing, by_id[listing.source_id]):
                    misses.append(f"{source} {listing.source_id} {listing.title!r}")
    return 1 - len(misses) / total, misses


# ---- tests ----


def test_the_same_arguments_give_the_same_bytes_and_another_seed_another_market() -> None:
    day = history_days(TODAY)[1]
    first, again = market(day, today=TODAY), market(day, today=TODAY)
    assert [(r.path, dict(r.query), r.body) for r in first.responses] == [
        (r.path, dict(r.query), r.body) for r in again.responses
    ]
    assert first.listings == again.listings
    other = market(day, today=TODAY, seed=7)
    bodies = {(r.path, tuple(sorted(r.query.items()))): r.body for r in first.responses}
    changed = [
        r for r in other.responses if bodies.get((r.path, tuple(sorted(r.query.items())))) != r.body
    ]
    assert len(changed) >= len(bodies) // 2
    assert {x.title for x in other.listings} != {x.title for x in first.listings}


def test_each_request_has_exactly_one_answer(days: list[DemoDay]) -> None:
    for day in days:
        keys = Counter((r.path, tuple(sorted(r.query.items()))) for r in day.responses)
        assert [key for key, count in keys.items() if count > 1] == []
        assert {r.source for r in day.responses} == set(SOURCES)


def test_every_source_parses_into_exactly_the_generated_listings(
    days: list[DemoDay], crawled: list[dict[str, list[dict[str, Any]]]]
) -> None:
    for day, items in zip(days, crawled, strict=True):
        truth = by_source(day.listings)
        for source in SOURCES:
            expected = sorted((x.source_id, x.title, x.board) for x in truth[source])
            got = sorted((i["source_id"], i["title"], i.get("board")) for i in items[source])
            assert got == expected, f"{day.day} {source}"
            assert len(got) >= 3, f"{day.day} {source}: too few listings to be a market"


def test_the_market_is_the_size_the_product_expects(days: list[DemoDay]) -> None:
    for day in days:
        assert 350 <= len(day.listings) <= 500
        assert len({x.company for x in day.listings}) >= 35
        assert len(day.boards["greenhouse"]) >= 5
        assert len(day.boards["lever"]) >= 3
        assert len(day.boards["ashby"]) >= 3
        assert 3 <= len(day.page_urls) <= 20


def test_four_days_of_history_with_jobs_opening_and_closing(
    days: list[DemoDay], crawled: list[dict[str, list[dict[str, Any]]]]
) -> None:
    assert [day.day for day in days] == sorted(day.day for day in days)
    assert (days[-1].day - days[0].day).days >= 30
    for before, after in pairwise(days):
        old = {(x.source, x.source_id) for x in before.listings if x.source != "hackernews"}
        new = {(x.source, x.source_id) for x in after.listings if x.source != "hackernews"}
        assert 0.1 <= len(old - new) / len(old) <= 0.3, "share of listings closed"
        assert 0.1 <= len(new - old) / len(new) <= 0.3, "share of listings opened"


def test_no_posting_is_dated_after_its_replay_day(
    days: list[DemoDay], crawled: list[dict[str, list[dict[str, Any]]]]
) -> None:
    for day, items in zip(days, crawled, strict=True):
        for source, source_items in items.items():
            for item in source_items:
                posted = to_utc_datetime(item["posted_at"], allow_future=True)
                assert posted is not None, f"{source} {item['source_id']} has no posted date"
                assert posted.date() <= day.day, f"{source} {item['source_id']}"
                assert posted.date() > day.day - timedelta(days=210)
                if item.get("expires_at"):  # a served listing has not expired yet
                    expires = to_utc_datetime(item["expires_at"], allow_future=True)
                    assert expires is not None
                    assert expires.date() > day.day, f"{source} {item['source_id']}"


def test_a_listing_on_two_days_is_the_same_item(
    days: list[DemoDay], crawled: list[dict[str, list[dict[str, Any]]]]
) -> None:
    shared = 0
    for earlier, later in pairwise(crawled):
        for source in SOURCES:
            before = {item["source_id"]: item for item in earlier[source]}
            for item in later[source]:
                if item["source_id"] in before:
                    shared += 1
                    assert item == before[item["source_id"]], f"{source} {item['source_id']}"
    assert shared > 500


def test_mostly_ai_and_ml_roles_with_enough_salaries_for_an_index(
    days: list[DemoDay],
) -> None:
    for day in days:
        roles = Counter(x.role for x in day.listings)
        assert 1 - roles["other"] / len(day.listings) >= 0.6
        assert roles["other"] / len(day.listings) >= 0.15
        salaried = Counter(x.role for x in day.listings if x.salary is not None)
        indexed = [role for role, n in salaried.items() if role != "other" and n >= 8]
        assert len(indexed) >= 5, salaried
        assert 0.5 <= sum(salaried.values()) / len(day.listings) <= 0.7


def test_salaries_drift_up_over_the_history(days: list[DemoDay]) -> None:
    """Like for like (role, level word, currency, period), the last day pays a few % more."""

    def pay_by_kind(day: DemoDay) -> dict[tuple[str, ...], list[float]]:
        kinds: dict[tuple[str, ...], list[float]] = defaultdict(list)
        for listing in day.listings:
            pay = listing.salary
            if pay is None or pay["max"] is None or listing.source == "hackernews":
                continue
            first_word = listing.title.split()[0]
            level = first_word if first_word in LEVEL_WORDS else ""
            kinds[(listing.role, level, pay["currency"], pay["period"])].append(pay["max"])
        return kinds

    first, last = pay_by_kind(days[0]), pay_by_kind(days[-1])
    weighted = [
        (mean(last[kind]) / mean(first[kind]), min(len(first[kind]), len(last[kind])))
        for kind in first.keys() & last.keys()
    ]
    drift = sum(ratio * n for ratio, n in weighted) / sum(n for _, n in weighted)
    assert 1.005 < drift < 1.1


def test_duplicates_point_at_the_same_job_on_another_source(days: list[DemoDay]) -> None:
    for day in days:
        listed = {(x.source, x.source_id): x for x in day.listings}
        copies = [x for x in day.listings if x.duplicate_of is not None]
        assert len(copies) >= 0.02 * len(day.listings)
        for copy in copies:
            assert copy.duplicate_of is not None
            original = listed[copy.duplicate_of]
            assert original.source != copy.source
            assert (original.company, original.title) == (copy.company, copy.title)


def test_hacker_news_mixes_posts_with_replies_and_a_job_seeker(days: list[DemoDay]) -> None:
    for day in days:
        hits = [
            hit
            for response in day.responses
            if response.source == "hackernews" and "page" in response.query
            for hit in json.loads(response.body)["hits"]
        ]
        listed = {x.source_id for x in day.listings if x.source == "hackernews"}
        seekers = {h["objectID"] for h in hits if h["comment_text"].startswith("SEEKING")}
        replies = {h["objectID"] for h in hits if h["parent_id"] != h["story_id"]}
        several = [
            h for h in hits if h["objectID"] in listed and "also hiring" in h["comment_text"]
        ]
        assert len(seekers) == 1
        assert replies
        assert not (seekers | replies) & listed
        assert len(several) >= 2


def test_jobradar_reads_the_salary_the_generator_posted(
    days: list[DemoDay], crawled: list[dict[str, list[dict[str, Any]]]]
) -> None:
    share, misses = agreement(
        days, crawled, lambda listing, item: same_pay(derived(item)[0], listing.salary)
    )
    assert share >= 0.97, misses[:20]


def test_jobradar_reads_the_remote_type_the_generator_wrote(
    days: list[DemoDay], crawled: list[dict[str, list[dict[str, Any]]]]
) -> None:
    share, misses = agreement(
        days, crawled, lambda listing, item: derived(item)[1] == listing.remote_type
    )
    assert share >= 0.97, misses[:20]


def test_the_shipped_role_model_reads_the_roles_the_generator_meant(
    days: list[DemoDay], crawled: list[dict[str, list[dict[str, Any]]]]
) -> None:
    """Titles name their role the way the taxonomy's typical titles do."""
    model = load_role_model()
    truth, titles, texts = [], [], []
    for day, items in zip(days, crawled, strict=True):
        for source, listings in by_source(day.listings).items():
            by_id = {item["source_id"]: item for item in items[source]}
            for listing in listings:
                item = ListingItem.model_validate(by_id[listing.source_id])
                truth.append(listing.role)
                titles.append(item.title)
                texts.append(description_text(item.description, item.description_format))
    predicted = [role for role, _ in model.predict(titles, texts)]
    misses = [(t, r, p) for t, r, p in zip(titles, truth, predicted, strict=True) if r != p]
    assert 1 - len(misses) / len(truth) >= 0.95, misses[:20]


def test_a_day_after_today_is_refused() -> None:
    with pytest.raises(ValueError, match="after today"):
        market(TODAY + timedelta(days=1), today=TODAY)
