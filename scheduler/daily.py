"""`jobradar schedule`: one blocking APScheduler 3.x process running the daily refresh.

The job is a cron job with a fixed id, coalescing missed runs into one, never two at
once, and a misfire grace of hours (a refresh delayed by a busy machine still runs).
On start, if the run history shows that a scheduled time passed with no refresh since
(the scheduler was down), one catch-up refresh runs at once, however many days were missed.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.cron import CronTrigger
from jobradar.store.runs import last_refresh
from sqlalchemy import Engine

log = logging.getLogger(__name__)

JOB_ID = "jobradar-daily-refresh"
CATCH_UP_ID = "jobradar-catch-up"
MISFIRE_GRACE = timedelta(hours=6)


class ScheduleError(ValueError):
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


def build_scheduler(
    job: Callable[[str], object],
    engine: Engine,
    at: time,
    zone: ZoneInfo,
    now: datetime | None = None,
) -> BlockingScheduler:
    """The scheduler with the daily job, and a catch-up run when one was missed."""
    scheduler = BlockingScheduler(timezone=zone)
    scheduler.add_job(
        job,
        CronTrigger(hour=at.hour, minute=at.minute, timezone=zone),
        args=["schedule"],
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
        scheduler.add_job(job, args=["catch-up"], id=CATCH_UP_ID, name="catch-up refresh")
    return scheduler
