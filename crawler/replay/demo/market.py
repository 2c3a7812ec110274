"""One replay day of the demo market: every source's answers and the truth behind them."""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, date, datetime, time, timedelta

from jobradar.crawler.replay.demo import ats, hn
from jobradar.crawler.replay.demo.records import DemoDay, DemoListing, DemoResponse
from jobradar.crawler.replay.demo.shapes import BOARD_SHAPES, newest_first
from jobradar.crawler.replay.demo.text import COMPANIES
from jobradar.crawler.replay.demo.universe import Job, open_jobs

HISTORY_OFFSETS = (45, 30, 15, 0)  # days before today that are replayed, oldest first
BOARDS = {
    source: sorted(company.token for company in COMPANIES if company.ats == source)
    for source in ("greenhouse", "lever", "ashby")
}


def history_days(today: date) -> list[date]:
    """The replay dates, oldest first: today-45, today-30, today-15, today."""
    return [today - timedelta(days=offset) for offset in HISTORY_OFFSETS]


def market(day: date, *, today: date, seed: int = 2026) -> DemoDay:
    """Every response the demo serves on `day`, and the listings they hold.

    Deterministic: the same (day, today, seed) gives byte-identical bodies. `today`
    anchors the pay drift; a day after it would post jobs from the future and is refused.
    """
    if day > today:
        raise ValueError(f"replay day {day} is after today ({today})")
    jobs = open_jobs(day, today, seed)
    by_source: dict[str, list[Job]] = defaultdict(list)
    for job in jobs:
        by_source[job.source].append(job)
    moment = max((job.opened for job in jobs), default=datetime.combine(day, time(), UTC))
    responses: list[DemoResponse] = []
    for source, shape in BOARD_SHAPES.items():
        responses += shape(by_source[source], moment)
    responses += ats.greenhouse(by_source["greenhouse"], BOARDS["greenhouse"])
    responses += ats.lever(by_source["lever"], BOARDS["lever"])
    responses += ats.ashby(by_source["ashby"], BOARDS["ashby"])
    responses += ats.jobposting(by_source["jobposting"])
    responses += hn.responses(day, seed)
    listings = [_listing(job) for job in jobs] + _hn_listings(day, seed)
    return DemoDay(
        day=day,
        responses=responses,
        listings=listings,
        boards={source: list(tokens) for source, tokens in BOARDS.items()},
        page_urls=[ats.page_path(job) for job in newest_first(by_source["jobposting"])],
    )


def _listing(job: Job) -> DemoListing:
    original = job.original
    return DemoListing(
        source=job.source,
        source_id=job.source_id,
        board=job.board,
        title=job.title,
        company=job.company.name,
        role=job.role.slug,
        remote_type=job.mode,
        salary=job.salary,
        duplicate_of=(original.source, original.source_id) if original else None,
    )


def _hn_listings(day: date, seed: int) -> list[DemoListing]:
    return [
        DemoListing(
            source="hackernews",
            source_id=str(post.object_id),
            board=None,  # a thread is not a board: the post's id is its key
            title=" ".join(post.header.split()),
            company=post.company.name,
            role=post.roles[0].slug,
            remote_type=post.mode,
            salary=post.pay.truth() if post.pay else None,
        )
        for post in hn.posts_on(day, seed)
    ]
