"""Daily snapshots: role counts and salary-index rows per date, so history outlives listings.

A snapshot of a date replaces any earlier snapshot of that date in one transaction, so
re-running a day leaves exactly one set of rows for it.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from sqlalchemy import Engine, delete, func, or_, select
from sqlmodel import Session, col

from jobradar.classifier.taxonomy import ROLE_SLUGS
from jobradar.store.models import CrawlRun, Listing, RoleCount, SalaryIndexRow
from jobradar.store.queries import ListingFilter, counted, end_of, facet_counts
from jobradar.store.types import utc_now

# The index cell's figures a snapshot keeps (intervals are the report's, made on the day).
STORED_FIELDS = (
    "role",
    "seniority",
    "n_listings",
    "n_with_salary",
    "disclosure_rate",
    "p25",
    "median",
    "p75",
    "change_30d",
)


def take_snapshot(engine: Engine, day: date) -> int:
    """Snapshot `day` from the listings; returns the number of salary-index rows."""
    # here, not at the top: reading snapshots (`roles`) must not pay numpy's import
    from jobradar.store.salary_index import (  # noqa: PLC0415
        CURRENCIES,
        WORK_MODES,
        compute_index,
        with_change,
    )

    taken_at = utc_now()  # before reading the listings: a crawl while we read makes it stale
    with engine.connect() as connection:
        fx_date = connection.execute(
            select(func.max(col(Listing.fx_date))).where(counted(day))
        ).scalar()
    counts = [
        RoleCount(
            snapshot_date=day, role=role, source=source, remote_type=mode, seniority=level, count=n
        )
        for role, source, mode, level, n in facet_counts(engine, day)
    ]
    index = []
    for currency in CURRENCIES:
        for work_mode in WORK_MODES:
            cells = compute_index(engine, day, currency, work_mode)
            for cell in with_change(engine, day, cells, currency, work_mode):
                index.append(
                    SalaryIndexRow(
                        snapshot_date=day,
                        currency=currency,
                        work_mode=work_mode,
                        fx_date=fx_date,
                        taken_at=taken_at,
                        **{name: getattr(cell, name) for name in STORED_FIELDS},
                    )
                )
    with Session(engine) as session, session.begin():
        session.execute(delete(RoleCount).where(col(RoleCount.snapshot_date) == day))
        session.execute(delete(SalaryIndexRow).where(col(SalaryIndexRow.snapshot_date) == day))
        session.add_all([*counts, *index])
    return len(index)


def snapshot_is_current(engine: Engine, day: date) -> bool:
    """Whether `day` has a snapshot that the listings would give again: no crawl that could
    change that day's listings (one started before the day ended) ran after it was taken.
    A snapshot of a store older than the time of taking (migration 0009) is trusted."""
    taken_query = select(func.count(), func.min(col(SalaryIndexRow.taken_at))).where(
        col(SalaryIndexRow.snapshot_date) == day
    )
    later_crawl = select(col(CrawlRun.id)).where(col(CrawlRun.started_at) < end_of(day)).limit(1)
    with engine.connect() as connection:
        rows, taken = connection.execute(taken_query).one()
        if not rows:
            return False
        if taken is None:
            return True
        later = later_crawl.where(
            or_(col(CrawlRun.finished_at).is_(None), col(CrawlRun.finished_at) > taken)
        )
        return connection.execute(later).first() is None


def has_snapshot(engine: Engine, day: date) -> bool:
    query = select(func.count()).where(col(SalaryIndexRow.snapshot_date) == day)
    with engine.connect() as connection:
        return bool(connection.execute(query).scalar_one())


def snapshot_dates(engine: Engine) -> set[date]:
    """Every date that has a snapshot."""
    query = select(col(SalaryIndexRow.snapshot_date)).distinct()
    with engine.connect() as connection:
        return set(connection.execute(query).scalars())


def snapshot_role_counts(
    engine: Engine, day: date, facets: ListingFilter | None = None
) -> dict[str, int] | None:
    """Role counts of `day` from its snapshot (None when there is none)."""
    if not has_snapshot(engine, day):
        return None
    facets = facets or ListingFilter()
    query = select(col(RoleCount.role), func.sum(col(RoleCount.count))).where(
        col(RoleCount.snapshot_date) == day
    )
    for column, wanted in (
        (col(RoleCount.remote_type), facets.remote_types),
        (col(RoleCount.source), facets.sources),
        (col(RoleCount.seniority), facets.seniorities),
        (col(RoleCount.role), facets.roles),
    ):
        if wanted:
            query = query.where(column.in_(list(wanted)))
    with engine.connect() as connection:
        found: dict[str, int] = defaultdict(
            int, connection.execute(query.group_by(col(RoleCount.role))).all()
        )
    return {role: int(found[role]) for role in ROLE_SLUGS}


def history(
    engine: Engine, until: date, days: int, currency: str = "USD", work_mode: str = "remote+hybrid"
) -> list[SalaryIndexRow]:
    """The per-role ("all" seniority) index rows of the snapshots in the `days` up to `until`."""
    query = (
        select(SalaryIndexRow)
        .where(
            col(SalaryIndexRow.snapshot_date) > until - timedelta(days=days),
            col(SalaryIndexRow.snapshot_date) <= until,
            col(SalaryIndexRow.currency) == currency,
            col(SalaryIndexRow.work_mode) == work_mode,
            col(SalaryIndexRow.seniority) == "all",
        )
        .order_by(col(SalaryIndexRow.snapshot_date))
    )
    with Session(engine) as session:
        return list(session.scalars(query))


def work_mode_shares(engine: Engine, until: date, days: int) -> list[tuple[date, int, int, int]]:
    """(date, remote, hybrid, all listings) of each snapshot in the `days` up to `until`."""
    query = (
        select(
            col(RoleCount.snapshot_date), col(RoleCount.remote_type), func.sum(col(RoleCount.count))
        )
        .where(
            col(RoleCount.snapshot_date) > until - timedelta(days=days),
            col(RoleCount.snapshot_date) <= until,
        )
        .group_by(col(RoleCount.snapshot_date), col(RoleCount.remote_type))
    )
    per_day: dict[date, dict[str, int]] = defaultdict(dict)
    with engine.connect() as connection:
        for day, mode, count in connection.execute(query).all():
            per_day[day][mode] = int(count)
    return [
        (day, modes.get("remote", 0), modes.get("hybrid", 0), sum(modes.values()))
        for day, modes in sorted(per_day.items())
    ]
