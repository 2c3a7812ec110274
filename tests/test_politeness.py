"""Politeness and health: settings, robots.txt, retries with backoff, request caps, polling limits,
loud failures on empty or degraded crawls."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from scrapy import Request
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response
from scrapy.settings import Settings
from scrapy.utils.misc import load_object
from scrapy.utils.test import get_crawler
from sqlalchemy import select
from sqlmodel import Session

import jobradar.crawler.settings as project
from jobradar.crawler.extensions import polling_limit_reached
from jobradar.crawler.health import assess
from jobradar.crawler.middlewares import (
    BackoffRetryMiddleware,
    RequestCapMiddleware,
    retry_after_seconds,
)
from jobradar.crawler.replay import Catalog, ReplayServer
from jobradar.crawler.spiders.remotive import RemotiveSpider
from jobradar.scheduler.jobs import CrawlOptions, crawl
from jobradar.store.engine import open_store
from jobradar.store.models import CrawlRun
from jobradar.store.runs import start_run
from jobradar.store.types import utc_now
from tests.conftest import make_spider, recording, write_catalog


def test_the_settings_are_polite() -> None:
    assert project.ROBOTSTXT_OBEY is True
    assert "+https://" in project.USER_AGENT
    assert project.AUTOTHROTTLE_ENABLED is True
    assert project.DOWNLOAD_DELAY >= 1
    assert project.CONCURRENT_REQUESTS_PER_DOMAIN <= 2
    assert {429, 500, 502, 503, 504} <= set(project.RETRY_HTTP_CODES)
    assert project.DOWNLOADER_MIDDLEWARES["jobradar.crawler.middlewares.BackoffRetryMiddleware"]


def test_every_non_default_setting_says_why() -> None:
    source = Path(project.__file__).read_text().splitlines()
    for number, line in enumerate(source):
        if (
            line
            and line[0].isupper()
            and "=" in line
            and not line.startswith(
                (
                    "DOWNLOADER_MIDDLEWARES",
                    "ITEM_PIPELINES",
                    "EXTENSIONS",
                    "BOT_NAME",
                    "SPIDER_MODULES",
                    "NEWSPIDER_MODULE",
                    "LOG_LEVEL",
                    "RETRY_HTTP_CODES",
                )
            )
        ):
            said = "#" in line or source[number - 1].lstrip().startswith("#")
            assert said, f"crawler/settings.py:{number + 1} has no one-line why: {line}"


def test_no_scraped_line_is_built_for_each_item() -> None:
    formatter = load_object(project.LOG_FORMATTER)()
    spider = RemotiveSpider.from_crawler(get_crawler(RemotiveSpider))
    assert formatter.scraped({"title": "x"}, None, spider) is None
    assert formatter.dropped({"title": "x"}, ValueError("bad"), None, spider) is not None


@pytest.mark.parametrize(("header", "seconds"), [(b"7", 7.0), (None, None), (b"soon", None)])
def test_retry_after_is_read(header: bytes | None, seconds: float | None) -> None:
    assert retry_after_seconds(header) == seconds


def test_backoff_doubles_and_honours_retry_after() -> None:
    middleware = BackoffRetryMiddleware(
        Settings({"RETRY_ENABLED": True, "RETRY_BACKOFF_BASE": 2.0, "RETRY_BACKOFF_MAX": 60.0})
    )
    first = Request("https://example.com/api")
    later = Request("https://example.com/api", meta={"retry_times": 3})
    assert middleware._delay(first, None) == 2.0
    assert middleware._delay(later, None) == 16.0
    throttled = Response("https://example.com/api", status=429, headers={"Retry-After": "30"})
    assert middleware._delay(first, throttled) == 30.0
    assert middleware._delay(Request("https://x", meta={"retry_times": 9}), None) == 60.0


def test_the_request_cap_refuses_requests_beyond_the_budget() -> None:
    crawler = get_crawler(RemotiveSpider, {"JOBRADAR_MAX_REQUESTS": 2})
    crawler.spider = make_spider(RemotiveSpider)
    crawler.stats = crawler.spider.crawler.stats
    cap = RequestCapMiddleware(crawler)
    cap.process_request(Request("https://remotive.com/robots.txt"))  # robots.txt does not count
    cap.process_request(Request("https://remotive.com/a"))
    cap.process_request(Request("https://remotive.com/b"))
    with pytest.raises(IgnoreRequest):
        cap.process_request(Request("https://remotive.com/c"))
    assert crawler.stats.get_value("jobradar/request_cap_reached") == 1


def test_remotive_polling_limit_counts_the_last_24_hours(sqlite_url: str) -> None:
    engine = open_store(sqlite_url)
    spider = make_spider(RemotiveSpider)
    for hours in (30, 20, 10, 5):
        start_run(engine, "remotive", utc_now() - timedelta(hours=hours), None, None)
    current = start_run(engine, "remotive", utc_now(), None, None)
    assert polling_limit_reached(engine, spider, current) is None  # three in the last day
    start_run(engine, "remotive", utc_now() - timedelta(hours=1), None, None)
    assert "at most 4 runs a day" in (polling_limit_reached(engine, spider, current) or "")
    spider.config = type(spider.config)("remotive", base_url="http://127.0.0.1:9")
    assert polling_limit_reached(engine, spider, current) is None  # a mirror is not the source


def test_an_empty_crawl_fails() -> None:
    outcome = assess({"jobradar/stored": 0}, "finished")
    assert outcome.status == "failed"
    assert outcome.message == "no listings"
    assert outcome.exit_code == 1


def test_errors_or_a_bad_finish_fail_a_crawl() -> None:
    assert (
        assess({"jobradar/stored": 10, "httperror/response_ignored_count": 1}, "finished").status
        == "failed"
    )
    assert assess({"jobradar/stored": 10}, "shutdown").status == "failed"
    assert (
        assess({"jobradar/stored": 10, "jobradar/with_description": 10}, "finished").status == "ok"
    )


def test_coverage_below_half_its_usual_share_fails_a_crawl() -> None:
    stats = {"jobradar/stored": 100, "jobradar/with_salary": 10, "jobradar/with_description": 95}
    ok = assess(stats, "finished", {"salary": 0.18, "description": 0.9})
    assert ok.status == "ok"
    bad = assess(stats, "finished", {"salary": 0.30, "description": 0.9})
    assert bad.status == "failed"
    assert "salary coverage 10%" in (bad.message or "")


@pytest.mark.data
@pytest.mark.slow
@pytest.mark.usefixtures("child_env")
def test_robots_txt_is_obeyed(tmp_path: Path, sqlite_url: str) -> None:
    robots = tmp_path / "robots.txt"
    robots.write_text("User-agent: *\nDisallow: /\n", encoding="utf-8")
    catalog = Catalog.load(
        write_catalog(
            tmp_path / "catalog",
            [
                {
                    "source": "remoteok",
                    "path": "/api",
                    "file": recording("remoteok/remoteok_api_2026-03-17_resume-helper.json"),
                },
                {
                    "source": "robots",
                    "path": "/robots.txt",
                    "file": robots,
                    "content_type": "text/plain",
                },
            ],
        )
    )
    with ReplayServer(catalog) as server:
        sources = tmp_path / "sources.toml"
        sources.write_text(
            f'[[source]]\ntype = "remoteok"\nbase_url = "{server.base_url}"\n', encoding="utf-8"
        )
        report = crawl(CrawlOptions(sqlite_url, sources))
        assert "/api" not in server.requests
    [result] = report.results
    assert result.status == "failed"
    assert result.fetched == 0


@pytest.mark.data
@pytest.mark.slow
@pytest.mark.usefixtures("child_env")
def test_a_throttling_source_is_retried_then_failed(tmp_path: Path, sqlite_url: str) -> None:
    catalog = Catalog.load(
        write_catalog(
            tmp_path / "catalog",
            [
                {
                    "source": "remoteok",
                    "path": "/api",
                    "file": recording("remoteok/remoteok_api_2026-03-17_resume-helper.json"),
                },
            ],
        )
    )
    with ReplayServer(catalog, faults={"remoteok": "429"}) as server:
        sources = tmp_path / "sources.toml"
        sources.write_text(
            f'[[source]]\ntype = "remoteok"\nbase_url = "{server.base_url}"\n', encoding="utf-8"
        )
        report = crawl(CrawlOptions(sqlite_url, sources))
        tries = [target for target in server.requests if target == "/api"]
    assert len(tries) == 3  # the first try and RETRY_TIMES=2 retries (tests.fast_settings)
    assert report.results[0].status == "failed"
    with Session(open_store(sqlite_url)) as session:
        assert session.scalars(select(CrawlRun.errors)).one() >= 1
