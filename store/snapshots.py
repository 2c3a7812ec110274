"""Daily snapshots: role counts and salary-index rows per date, so history outlives listings.

A snapshot of a date replaces any earlier snapshot of that date in one transaction, so
re-running a day leaves exactly one set of rows for it.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from jobradar.classifier.taxonomy import ROLE_SLUGS
from jobradar.store.models import Listing, RoleCount, SalaryIndexRow
from jobradar.store.queries import ListingFilter, active_on, canonical, facet_counts
from jobradar.store.salary_index import CURRENCIES, WORK_MODES, compute_index, with_change
from sqlalchemy import Engine, delete, func, select
from sqlmodel import Session


def take_snapshot(engine: Engine, day: date) -> int:
    """Snapshot `day` from the listings; returns the number of salary-index rows."""
    with engine.connect() as connection:
        fx_date = connection.execute(
            select(func.max(Listing.fx_date)).where(active_on(day), canonical())
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
                        **cell.as_dict(),
                    )
                )
    with Session(engine) as session, session.begin():
        session.execute(delete(RoleCount).where(RoleCount.snapshot_date == day))
        session.execute(delete(SalaryIndexRow).where(SalaryIndexRow.snapshot_date == day))
        session.add_all([*counts, *index])
    return len(index)


def has_snapshot(engine: Engine, day: date) -> bool:
    query = select(func.count()).where(SalaryIndexRow.snapshot_date == day)
    with engine.connect() as connection:
        return bool(connection.execute(query).scalar_one())


def snapshot_dates(engine: Engine) -> set[date]:
    """Every date that has a snapshot."""
    query = select(SalaryIndexRow.snapshot_date).distinct()
    with engine.connect() as connection:
        return set(connection.execute(query).scalars())


def snapshot_role_counts(
    engine: Engine, day: date, facets: ListingFilter | None = None
) -> dict[str, int] | None:
    """Role counts of `day` from its snapshot (None when there is none)."""
    if not has_snapshot(engine, day):
        return None
    facets = facets or ListingFilter()
    query = select(RoleCount.role, func.sum(RoleCount.count)).where(RoleCount.snapshot_date == day)
    for column, wanted in (
        (RoleCount.remote_type, facets.remote_types),
        (RoleCount.source, facets.sources),
        (RoleCount.seniority, facets.seniorities),
        (RoleCount.role, facets.roles),
    ):
        if wanted:
            query = query.where(column.in_(list(wanted)))
    with engine.connect() as connection:
        found: dict[str, int] = defaultdict(
            int, connection.execute(query.group_by(RoleCount.role)).all()
        )
    return {role: int(found[role]) for role in ROLE_SLUGS}


def history(
    engine: Engine, until: date, days: int, currency: str = "USD", work_mode: str = "remote+hybrid"
) -> list[SalaryIndexRow]:
    """The per-role ("all" seniority) index rows of the snapshots in the `days` up to `until`."""
    query = (
        select(SalaryIndexRow)
        .where(
            SalaryIndexRow.snapshot_date > until - timedelta(days=days),
            SalaryIndexRow.snapshot_date <= until,
            SalaryIndexRow.currency == currency,
            SalaryIndexRow.work_mode == work_mode,
            SalaryIndexRow.seniority == "all",
        )
        .order_by(SalaryIndexRow.snapshot_date)
    )
    with Session(engine) as session:
        return list(session.scalars(query))


def work_mode_shares(engine: Engine, until: date, days: int) -> list[tuple[date, int, int, int]]:
    """(date, remote, hybrid, all listings) of each snapshot in the `days` up to `until`."""
    query = (
        select(RoleCount.snapshot_date, RoleCount.remote_type, func.sum(RoleCount.count))
        .where(
            RoleCount.snapshot_date > until - timedelta(days=days),
            RoleCount.snapshot_date <= until,
        )
        .group_by(RoleCount.snapshot_date, RoleCount.remote_type)
    )
    per_day: dict[date, dict[str, int]] = defaultdict(dict)
    with engine.connect() as connection:
        for day, mode, count in connection.execute(query).all():
            per_day[day][mode] = int(count)
    return [
        (day, modes.get("remote", 0), modes.get("hybrid", 0), sum(modes.values()))
        for day, modes in sorted(per_day.items())
    ]
