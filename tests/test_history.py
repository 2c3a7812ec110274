"""History over ~40 simulated days under a frozen clock: snapshots, 30-day change,
suppression of thin cells, roles by date after listings closed, and one catch-up.

Each day replays a snapshot of a real recorded feed (RemoteOK's API, parsed by the
spider and tagged by the crawler's own pipeline steps) into the store the way a clean
crawl does (upsert, close what the snapshot no longer lists, tag roles), then takes the
day's snapshot as the daily refresh does. Child-process crawls are covered by the
end-to-end tests; here the days matter, not the transport.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from sqlalchemy import Engine

from jobradar.classifier.roles import load_role_model
from jobradar.crawler.pipelines.clean_text import CleanTextPipeline
from jobradar.crawler.pipelines.derive import DerivePipeline
from jobradar.crawler.pipelines.store import listing_row
from jobradar.crawler.pipelines.validate import ValidatePipeline
from jobradar.crawler.sources import sources_path
from jobradar.crawler.spiders.remoteok import RemoteokSpider
from jobradar.report import build_report, render, write_reports
from jobradar.scheduler import stages
from jobradar.scheduler.daily import (
    CATCH_UP_ID,
    JOB_ID,
    build_scheduler,
    daily_refresh,
    needs_catch_up,
)
from jobradar.scheduler.jobs import CrawlOptions
from jobradar.store.engine import open_store
from jobradar.store.listings import close_missing, upsert_listings
from jobradar.store.queries import ListingFilter, role_counts
from jobradar.store.runs import finish_refresh, start_refresh
from jobradar.store.salary_index import salary_index
from jobradar.store.snapshots import snapshot_role_counts, take_snapshot
from tests.conftest import recording, run_spider

pytestmark = pytest.mark.data

FEED = recording("remoteok/remoteok_api_2026-03-17_resume-helper.json")
URL = "https://remoteok.com/api"
DAY0 = date(2026, 9, 1)
DAYS = 40
MISSED = 20  # the scheduler was down on this day
RAISE_FROM = 25  # from this day on, every posted range is 10 % higher
AT = time(6, 0)
MODEL = load_role_model()


@dataclass
class Feed:
    """The recorded feed as the spider yields it, and the crawler's own steps after it."""

    items: list[dict[str, Any]]
    steps: list[Any]

    def rows(self, items: list[dict[str, Any]]) -> list[dict[str, Any]]:
        rows = []
        for raw in items:
            item = raw
            for step in self.steps:
                item = step.process_item(item)
            rows.append(listing_row(item))
        return rows


@pytest.fixture(scope="module")
def feed() -> Feed:
    items, _, spider = run_spider(RemoteokSpider, FEED.read_bytes(), URL)
    steps = (ValidatePipeline, CleanTextPipeline, DerivePipeline)
    return Feed(items, [step(spider.crawler) for step in steps])


def _on_day(feed: Feed, n: int) -> list[dict[str, Any]]:
    """Day n's snapshot: the feed less a rolling tenth of its jobs, ranges raised late on,
    through the crawler's steps as that day's crawl would run them."""
    items = []
    for i, original in enumerate(feed.items):
        if i % 10 == n % 10:
            continue
        item = dict(original)
        pay = item["pay_structured"] or {}
        if n >= RAISE_FROM and pay.get("salary_min"):
            item["pay_structured"] = {
                **pay,
                "salary_min": round(pay["salary_min"] * 1.1),
                "salary_max": round(pay["salary_max"] * 1.1) if pay.get("salary_max") else None,
            }
        items.append(item)
    return feed.rows(items)


def _refresh_day(engine: Engine, feed: Feed, n: int) -> None:
    day = DAY0 + timedelta(days=n)
    now = datetime.combine(day, AT, tzinfo=UTC)
    with time_machine.travel(now, tick=False):
        refresh_id = start_refresh(engine, "schedule", now, 1)
        upsert_listings(engine, _on_day(feed, n), now)
        close_missing(engine, "remoteok", now, now)
        stages.tag(engine, MODEL)  # roles are tagged after each crawl, as a refresh does
        take_snapshot(engine, day)
        finish_refresh(engine, refresh_id, status="ok", snapshot_date=day)


@pytest.fixture(scope="module")
def history(feed: Feed, tmp_path_factory: pytest.TempPathFactory) -> Engine:
    engine = open_store(f"sqlite:///{tmp_path_factory.mktemp('history') / 'h.db'}")
    for n in range(DAYS):
        if n != MISSED:
            _refresh_day(engine, feed, n)
    return engine


def test_every_refreshed_day_has_its_snapshot_and_the_missed_day_has_none(history: Engine) -> None:
    for n in range(DAYS):
        counts = snapshot_role_counts(history, DAY0 + timedelta(days=n))
        assert (counts is None) == (n == MISSED)


def test_role_counts_of_a_past_day_survive_listings_closing(history: Engine, feed: Feed) -> None:
    day5 = DAY0 + timedelta(days=5)
    counts = snapshot_role_counts(history, day5)
    assert counts is not None
    assert sum(counts.values()) == len(_on_day(feed, 5))
    # the same day recomputed from listings now differs: jobs dropped on day 5 reappeared
    # later with a first_seen before day 5, so only the snapshot keeps that day's truth
    assert role_counts(history, day5) != counts
    remote = snapshot_role_counts(history, day5, ListingFilter(remote_types=["remote"]))
    assert remote is not None
    assert sum(remote.values()) == sum(1 for r in _on_day(feed, 5) if r["remote_type"] == "remote")


def test_re_running_a_day_replaces_its_rows(history: Engine, feed: Feed) -> None:
    day = DAY0 + timedelta(days=DAYS - 1)
    before = salary_index(history, day)
    with time_machine.travel(datetime.combine(day, time(9, 0), tzinfo=UTC), tick=False):
        take_snapshot(history, day)
    after = salary_index(history, day)
    assert [cell.as_dict() for cell in after] == [cell.as_dict() for cell in before]


def test_change_30d_reflects_the_raise_and_needs_five_salaries_on_both_days(
    history: Engine,
) -> None:
    last = DAY0 + timedelta(days=DAYS - 1)  # day 39 against day 9: ranges 10 % higher
    cells = {(c.role, c.seniority): c for c in salary_index(history, last)}
    overall = cells[("all", "all")]
    before = next(
        c
        for c in salary_index(history, last - timedelta(days=30))
        if c.role == c.seniority == "all"
    )
    assert overall.n_with_salary >= 5
    assert before.n_with_salary >= 5
    assert overall.median is not None
    assert before.median is not None
    assert overall.change_30d == round(overall.median / before.median - 1, 4)
    assert overall.change_30d > 0.03  # the feed's ranges rose 10 %; text-only pay did not
    for cell in cells.values():
        if cell.n_with_salary < 5:
            assert (cell.p25, cell.median, cell.p75, cell.change_30d) == (None, None, None, None)
    early = {(c.role, c.seniority): c for c in salary_index(history, DAY0 + timedelta(days=20))}
    assert all(c.change_30d is None for c in early.values())  # nothing 30 days before


def test_thin_roles_are_named_with_their_n_never_listed_empty(history: Engine) -> None:
    last = DAY0 + timedelta(days=DAYS - 1)
    thin = [
        c
        for c in salary_index(history, last)
        if c.n_with_salary < 5 and c.seniority == "all" and c.role != "all"
    ]
    assert thin, "the recorded feed has roles with fewer than five salaries"
    report = build_report(history, last)
    markdown, page = render(report, "md"), render(report, "html")
    for cell in thin:
        named = f"{report.role_name(cell.role)} ({cell.n_with_salary} of {cell.n_listings} jobs)"
        assert named in page
    for text in (markdown, page):
        assert "—(n=" not in text
        assert "Fewer than 5 salaries, so no percentiles:" in text
    rows = json.loads(render(report, "json"))["rows"]
    assert all(row["median"] is None for row in rows if row["n_with_salary"] < 5)
    assert "$0" not in markdown


def test_the_trend_charts_draw_the_recorded_days(history: Engine) -> None:
    report = build_report(history, DAY0 + timedelta(days=DAYS - 1))
    assert len({row.snapshot_date for row in report.history}) == DAYS - 1
    assert len(report.shares) == DAYS - 1
    page = render(report, "html")
    assert page.count("<polyline") >= 3  # medians of several roles and the two shares


def test_a_missed_day_is_caught_up_once(history: Engine, feed: Feed) -> None:
    zone = ZoneInfo("UTC")
    # the scheduler comes back on day 40 at 09:00, after 06:00 passed with no refresh
    back = datetime.combine(DAY0 + timedelta(days=DAYS), time(9, 0), tzinfo=UTC)
    assert needs_catch_up(history, back, AT, zone)
    options = CrawlOptions(database_url="sqlite://", sources_file=sources_path(None))
    scheduler = build_scheduler(
        options, Path("reports"), write_reports, engine=history, at=AT, zone=zone, now=back
    )
    assert sorted(job.id for job in scheduler.get_jobs()) == sorted([CATCH_UP_ID, JOB_ID])
    daily = scheduler.get_job(JOB_ID)
    assert (daily.coalesce, daily.max_instances) == (True, 1)
    assert daily.func is daily_refresh  # a module-level job function, stored by reference
    assert daily.misfire_grace_time >= 3600
    _refresh_day(history, feed, DAYS)  # the catch-up refresh runs and is recorded
    again = build_scheduler(
        options,
        Path("reports"),
        write_reports,
        engine=history,
        at=AT,
        zone=zone,
        now=back + timedelta(minutes=5),
    )
    assert [job.id for job in again.get_jobs()] == [JOB_ID]
    # before 06:00 the next morning nothing is due either; after it, the daily job runs it
    assert not needs_catch_up(history, back + timedelta(hours=20), AT, zone)


def test_a_new_store_has_nothing_to_catch_up(engine: Engine) -> None:
    now = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)
    assert not needs_catch_up(engine, now, AT, ZoneInfo("UTC"))
