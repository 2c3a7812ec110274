"""`jobradar schedule`: one blocking APScheduler 3.x process running the daily refresh.

The job is a cron job with a fixed id, coalescing missed runs into one, never two at
once, and a misfire grace of hours (a refresh delayed by a busy machine still runs).
On start, if the run history shows that a scheduled time passed with no refresh since
(the scheduler was down), one catch-up refresh runs at once, however many days were missed.
"""

from __future__ import annotations

import logging
from datetime import datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.cron import CronTrigger
from sqlalchemy import Engine

from jobradar.errors import JobradarError
from jobradar.scheduler.jobs import CrawlOptions, Publisher, RefreshResult, refresh
from jobradar.store.lock import RefreshRunningError
from jobradar.store.runs import last_refresh

log = logging.getLogger(__name__)

JOB_ID = "jobradar-daily-refresh"
CATCH_UP_ID = "jobradar-catch-up"
MISFIRE_GRACE = timedelta(hours=6)


class ScheduleError(JobradarError, ValueError):
    """A wrong `--at` or `--timezone`."""


def parse_at(value: str) -> time:
    try:
        hours, minutes = value.split(":")
        return time(int(hours), int(minutes))
    except ValueError:
        raise ScheduleError(f"--at {value!r} is not a time of day (HH:MM, 24-hour)") from None


def parse_timezone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ScheduleError(
            f"--timezone {name!r} is not an IANA time zone (e.g. UTC, Europe/Berlin)"
        ) from None


def last_scheduled(now: datetime, at: time, zone: ZoneInfo) -> datetime:
    """The latest daily time `at` in `zone` that is not after `now`."""
    local = now.astimezone(zone)
    today = datetime.combine(local.date(), at, tzinfo=zone)
    return today if today <= local else today - timedelta(days=1)


def needs_catch_up(engine: Engine, now: datetime, at: time, zone: ZoneInfo) -> bool:
    """Whether a scheduled refresh was missed: the history has refreshes, none since the last slot.

    A store with no refresh at all has missed nothing: its first refresh is the next
    scheduled one (or a `jobradar run`).
    """
    latest = last_refresh(engine)
    return latest is not None and latest.started_at < last_scheduled(now, at, zone)


def daily_refresh(
    options: CrawlOptions, out_dir: Path, publish: Publisher, trigger: str
) -> RefreshResult | None:
    """The scheduled job: one refresh; None when another refresh held the lock (logged)."""
    try:
        result = refresh(options, out_dir, publish, trigger=trigger)
    except RefreshRunningError as busy:
        log.warning("%s refresh skipped: %s", trigger, busy)
        return None
    log.info("%s refresh of %s: %s", trigger, result.day, result.status)
    return result


def build_scheduler(
    options: CrawlOptions,
    out_dir: Path,
    publish: Publisher,
    *,
    engine: Engine,
    at: time,
    zone: ZoneInfo,
    now: datetime | None = None,
) -> BlockingScheduler:
    """The scheduler with the daily job, and a catch-up run when one was missed."""
    scheduler = BlockingScheduler(timezone=zone)
    scheduler.add_job(
        daily_refresh,
        CronTrigger(hour=at.hour, minute=at.minute, timezone=zone),
        args=[options, out_dir, publish, "schedule"],
        id=JOB_ID,
        name="daily refresh",
        coalesce=True,
        max_instances=1,
        misfire_grace_time=int(MISFIRE_GRACE.total_seconds()),
        replace_existing=True,
    )
    current = now or datetime.now(zone)
    if needs_catch_up(engine, current, at, zone):
        log.info("a scheduled refresh was missed: catching up once now")
        scheduler.add_job(
            daily_refresh,
            args=[options, out_dir, publish, "catch-up"],
            id=CATCH_UP_ID,
            name="catch-up refresh",
        )
    return scheduler
