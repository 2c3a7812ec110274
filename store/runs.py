"""The crawl-run and refresh records: what ran, when, and how healthy it was."""

from __future__ import annotations

import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Engine, case, desc, func, select, update
from sqlmodel import Session, col

from jobradar.store.models import CrawlJob, CrawlRun, Refresh
from jobradar.store.types import utc_now


@dataclass(kw_only=True)
class RunCounts:
    """What one crawl did to the store, counted (the crawl-runs table has a column each)."""

    fetched: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    closed: int = 0
    errors: int = 0  # failures of the source itself (requests, unreadable responses)
    bad_records: int = 0  # listings skipped one by one (did not fit, invalid, refused)


RUN_COUNTS = tuple(f.name for f in fields(RunCounts))


def counts_of(run: CrawlRun) -> dict[str, int]:
    """A run record's counts, as keyword arguments of `RunCounts` and its kin."""
    return {name: getattr(run, name) for name in RUN_COUNTS}


@dataclass(kw_only=True)
class RunOutcome(RunCounts):
    """The final facts of one crawl, as the crawl process measured them."""

    status: str
    finish_reason: str | None
    coverage: dict[str, float] = field(default_factory=dict)
    message: str | None = None
    exit_code: int | None = None


def start_run(
    engine: Engine, source: str, started_at: datetime, refresh_id: int | None, pid: int | None
) -> int:
    """Record that a crawl of `source` started; returns the run id."""
    with Session(engine) as session:
        run = CrawlRun(source=source, started_at=started_at, refresh_id=refresh_id, pid=pid)
        session.add(run)
        session.commit()
        assert run.id is not None
        return run.id


def finish_run(engine: Engine, run_id: int, outcome: RunOutcome) -> None:
    """Write a crawl's outcome into its run record."""
    with Session(engine) as session:
        run = session.get(CrawlRun, run_id)
        if run is None:
            raise LookupError(f"no crawl run {run_id}")
        for name, value in vars(outcome).items():
            if value is not None or name in {"finish_reason", "message"}:
                setattr(run, name, value)
        run.finished_at = utc_now()
        session.add(run)
        session.commit()


def fail_unfinished_run(
    engine: Engine, run_id: int, exit_code: int, message: str, status: str = "failed"
) -> bool:
    """Mark a run failed (or `status`) if its process ended without writing an outcome.

    Returns True when the run was still open (the child died or was killed).
    """
    with Session(engine) as session:
        run = session.get(CrawlRun, run_id)
        if run is None or run.status != "running":
            if run is not None and run.exit_code is None:
                run.exit_code = exit_code
                session.add(run)
                session.commit()
            return False
        run.status = status
        run.exit_code = exit_code
        run.message = message
        run.finished_at = utc_now()
        session.add(run)
        session.commit()
        return True


def get_run(engine: Engine, run_id: int) -> CrawlRun | None:
    with Session(engine) as session:
        return session.get(CrawlRun, run_id)


def recent_runs(engine: Engine, source: str, limit: int = 10) -> list[CrawlRun]:
    """The newest finished runs of `source`, newest first."""
    query = (
        select(CrawlRun)
        .where(col(CrawlRun.source) == source, col(CrawlRun.status) != "running")
        .order_by(desc(col(CrawlRun.started_at)), desc(col(CrawlRun.id)))
        .limit(limit)
    )
    with Session(engine) as session:
        return list(session.scalars(query))


def last_runs(engine: Engine, sources: Sequence[str]) -> dict[str, CrawlRun]:
    """The newest run of each source that has one."""
    latest: dict[str, CrawlRun] = {}
    with Session(engine) as session:
        query = select(CrawlRun).where(col(CrawlRun.source).in_(list(sources)))
        for run in session.scalars(query.order_by(col(CrawlRun.started_at), col(CrawlRun.id))):
            latest[run.source] = run
    return latest


def median_coverage(
    engine: Engine, source: str, before_run: int, window: int = 7
) -> dict[str, float]:
    """Median field coverage of the last `window` successful runs before `before_run`."""
    query = (
        select(CrawlRun)
        .where(
            col(CrawlRun.source) == source,
            col(CrawlRun.status) == "ok",
            col(CrawlRun.id) < before_run,
        )
        .order_by(desc(col(CrawlRun.id)))
        .limit(window)
    )
    with Session(engine) as session:
        runs = list(session.scalars(query))
    fields: dict[str, list[float]] = {}
    for run in runs:
        for name, value in run.coverage.items():
            fields.setdefault(name, []).append(value)
    return {name: statistics.median(values) for name, values in fields.items()}


def start_refresh(
    engine: Engine, trigger: str, started_at: datetime, pid: int, origin: str = "live"
) -> int:
    with Session(engine) as session:
        refresh = Refresh(trigger=trigger, started_at=started_at, pid=pid, origin=origin)
        session.add(refresh)
        session.commit()
        assert refresh.id is not None
        return refresh.id


def finish_refresh(engine: Engine, refresh_id: int, **values: Any) -> None:
    with Session(engine) as session:
        refresh = session.get(Refresh, refresh_id)
        if refresh is None:
            raise LookupError(f"no refresh {refresh_id}")
        for name, value in values.items():
            setattr(refresh, name, value)
        refresh.finished_at = utc_now()
        session.add(refresh)
        session.commit()


def last_successful_refresh(engine: Engine) -> Refresh | None:
    query = (
        select(Refresh)
        .where(col(Refresh.status).in_(["ok", "partial"]))
        .order_by(desc(col(Refresh.started_at)))
        .limit(1)
    )
    with Session(engine) as session:
        return session.scalars(query).first()


def last_refresh(engine: Engine) -> Refresh | None:
    """The latest refresh that started, whatever became of it."""
    with Session(engine) as session:
        return session.scalars(
            select(Refresh).order_by(desc(col(Refresh.started_at))).limit(1)
        ).first()


def data_origin(engine: Engine, day: date) -> str | None:
    """What the latest refresh of `day` (or of an earlier day) that did not fail crawled."""
    end_of_day = datetime.combine(day + timedelta(days=1), time(), tzinfo=UTC)
    query = (
        select(col(Refresh.origin))
        .where(col(Refresh.started_at) < end_of_day, col(Refresh.status) != "failed")
        .order_by(desc(col(Refresh.started_at)), desc(col(Refresh.id)))
        .limit(1)
    )
    with engine.connect() as connection:
        return connection.execute(query).scalar()


def runs_since(engine: Engine, source: str, since: datetime, excluding_run: int) -> int:
    """How many crawls of `source` started since `since` (not counting skipped ones)."""
    query = select(func.count()).where(
        col(CrawlRun.source) == source,
        col(CrawlRun.started_at) >= since,
        col(CrawlRun.id) != excluding_run,
        col(CrawlRun.status) != "skipped",
    )
    with Session(engine) as session:
        return int(session.scalar(query) or 0)


def reconcile_unfinished(
    engine: Engine, now: datetime, longest_crawl: timedelta
) -> tuple[int, int]:
    """Record refreshes and crawl runs still marked running as killed; returns how many.

    Call it holding the refresh lock: no refresh of this store is running then, so a
    record that says so belongs to a process that died (`kill -9`, a lost machine). A
    crawl started on its own (`jobradar crawl`) is killed only once it has run longer
    than any crawl may.
    """
    message = "killed: its process ended without recording an outcome"
    with engine.begin() as connection:
        refreshes = connection.execute(
            update(Refresh)
            .where(col(Refresh.status) == "running")
            .values(status="killed", finished_at=now, message=message)
        ).rowcount
        runs = connection.execute(
            update(CrawlRun)
            .where(
                col(CrawlRun.status) == "running",
                col(CrawlRun.refresh_id).is_not(None)
                | (col(CrawlRun.started_at) < now - longest_crawl),
            )
            .values(status="killed", finished_at=now, message=message)
        ).rowcount
    return refreshes or 0, runs or 0


def start_job(engine: Engine, run_id: int, shard: int, boards: Sequence[str], attempt: int) -> int:
    """Record a Scrapyd job about to be scheduled for one shard of a run; returns its id."""
    with Session(engine) as session:
        job = CrawlJob(
            run_id=run_id, shard=shard, boards=list(boards), attempt=attempt, scheduled_at=utc_now()
        )
        session.add(job)
        session.commit()
        assert job.id is not None
        return job.id


def update_job(engine: Engine, job_id: int, **values: Any) -> None:
    """Set columns of a job record (its node and Scrapyd id, a lost or failed status)."""
    with engine.begin() as connection:
        connection.execute(update(CrawlJob).where(col(CrawlJob.id) == job_id).values(**values))


def finish_job(
    engine: Engine, job_id: int, stats: Mapping[str, float], finish_reason: str, message: str | None
) -> None:
    """A job's crawl ended: its stats, for the refresh to merge into the run record.

    A job already given up as lost keeps that status (its rescheduled attempt counts).
    """
    with engine.begin() as connection:
        connection.execute(
            update(CrawlJob)
            .where(col(CrawlJob.id) == job_id)
            .values(
                status=case((col(CrawlJob.status) == "lost", "lost"), else_="done"),
                stats=dict(stats),
                finish_reason=finish_reason,
                message=message,
                finished_at=utc_now(),
            )
        )


def get_job(engine: Engine, job_id: int) -> CrawlJob | None:
    with Session(engine) as session:
        return session.get(CrawlJob, job_id)
