"""The salary index: pay percentiles per role and seniority among active listings.

Method (written out in every report):
- listings active on the date (first seen by its end, not closed by then), each
  cross-source duplicate counted once, remote and hybrid listings only;
- employer-posted base pay only (no board estimates), one annualised figure per
  listing: the midpoint of its range, or its one stated bound;
- USD view: every salary converted with the ECB rate stored with it; EUR and GBP
  views: only salaries posted in that currency, not converted;
- p25 / median / p75 per role × seniority, per role, and overall, with
  `n_with_salary` and the disclosure rate beside every figure; a cell with fewer
  than 5 salaries has no percentiles (never 0);
- `change_30d`: relative change of the median against 30 days earlier, when both
  days have at least 5 salaries.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from typing import Any

import numpy as np
from sqlalchemy import Engine, select
from sqlmodel import Session, col

from jobradar.classifier.taxonomy import (
    PERIODS,
    ROLE_SLUGS,
    SENIORITIES,
    annualise,
    midpoint,
)
from jobradar.store.models import SalaryIndexRow
from jobradar.store.queries import active_listings

MIN_SALARIES = 5
METHOD = [
    "- Listings active on the date: first seen by its end and not closed by then.",
    "- Each job counted once: a listing that duplicates another source's listing of the same job is left out.",
    "- Remote and hybrid listings only; onsite listings and listings that do not say are not in the index.",
    "- Employer-posted base pay only: no job-board estimates, equity, bonus, commission or OTE-only figures.",
    "- One yearly figure per listing: the midpoint of its range, or the one bound it states, "
    "annualised as hour × 2080, day × 260, week × 52, month × 12.",
    "- USD view: each salary converted at the ECB reference rate of the day it was posted (stored with it); "
    "EUR and GBP views: salaries posted in that currency, unconverted.",
    "- Percentiles p25 / median / p75 per role × seniority, per role and overall; "
    "30-day change = relative change of the median, when both days have 5+ salaries.",
]
CURRENCIES = ("USD", "EUR", "GBP")
WORK_MODES: dict[str, tuple[str, ...]] = {
    "remote+hybrid": ("remote", "hybrid"),
    "remote": ("remote",),
    "hybrid": ("hybrid",),
}
CHANGE_DAYS = 30


@dataclass
class IndexCell:
    role: str
    seniority: str
    n_listings: int
    n_with_salary: int
    disclosure_rate: float
    p25: float | None
    median: float | None
    p75: float | None
    change_30d: float | None = None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def listing_pay(row: Any, currency: str) -> float | None:
    """One yearly figure for a listing in the view's currency, or None."""
    if currency == "USD":
        return midpoint(row.annual_usd_min, row.annual_usd_max)
    if row.salary_currency != currency or row.salary_period not in PERIODS:
        return None
    value = midpoint(row.salary_min, row.salary_max)
    return None if value is None else annualise(value, row.salary_period)


def _cell(role: str, seniority: str, listings: int, pays: Sequence[float]) -> IndexCell:
    n = len(pays)
    quartiles: list[float | None] = [None, None, None]
    if n >= MIN_SALARIES:
        quartiles = [round(float(q)) for q in np.percentile(pays, [25, 50, 75])]
    return IndexCell(
        role=role,
        seniority=seniority,
        n_listings=listings,
        n_with_salary=n,
        disclosure_rate=round(n / listings, 4) if listings else 0.0,
        p25=quartiles[0],
        median=quartiles[1],
        p75=quartiles[2],
    )


_COLUMNS = (
    "role",
    "seniority",
    "remote_type",
    "annual_usd_min",
    "annual_usd_max",
    "salary_min",
    "salary_max",
    "salary_currency",
    "salary_period",
)


def cells(rows: Iterable[Any], currency: str) -> list[IndexCell]:
    """Index cells from listing rows: role × seniority, then role "all", then "all"/"all"."""
    listings: dict[tuple[str, str], int] = defaultdict(int)
    pays: dict[tuple[str, str], list[float]] = defaultdict(list)
    for row in rows:
        pay = listing_pay(row, currency)
        for key in ((row.role, row.seniority), (row.role, "all"), ("all", "all")):
            listings[key] += 1
            if pay is not None:
                pays[key].append(pay)
    result = []
    for role in (*ROLE_SLUGS, "all"):
        for seniority in (*SENIORITIES, "all"):
            if listings.get((role, seniority)):
                result.append(
                    _cell(role, seniority, listings[(role, seniority)], pays[(role, seniority)])
                )
    if not result:
        result.append(_cell("all", "all", 0, []))
    return result


def compute_index(
    engine: Engine, day: date, currency: str = "USD", work_mode: str = "remote+hybrid"
) -> list[IndexCell]:
    """The index for `day` computed from the listings (no change figures)."""
    rows = [
        row
        for row in active_listings(engine, day, columns=_COLUMNS)
        if row.remote_type in WORK_MODES[work_mode]
    ]
    return cells(rows, currency)


def stored_index(
    engine: Engine, day: date, currency: str, work_mode: str
) -> list[IndexCell] | None:
    """The snapshot of `day`, if one was taken."""
    query = select(SalaryIndexRow).where(
        col(SalaryIndexRow.snapshot_date) == day,
        col(SalaryIndexRow.currency) == currency,
        col(SalaryIndexRow.work_mode) == work_mode,
    )
    with Session(engine) as session:
        rows = list(session.scalars(query))
    if not rows:
        return None
    return [
        IndexCell(
            r.role,
            r.seniority,
            r.n_listings,
            r.n_with_salary,
            r.disclosure_rate,
            r.p25,
            r.median,
            r.p75,
            r.change_30d,
        )
        for r in rows
    ]


def with_change(
    engine: Engine, day: date, current: list[IndexCell], currency: str, work_mode: str
) -> list[IndexCell]:
    """Add `change_30d` to each cell, from the snapshot (or listings) 30 days earlier."""
    earlier_day = day - timedelta(days=CHANGE_DAYS)
    earlier = stored_index(engine, earlier_day, currency, work_mode)
    if earlier is None:
        earlier = compute_index(engine, earlier_day, currency, work_mode)
    before = {(cell.role, cell.seniority): cell for cell in earlier}
    for cell in current:
        old = before.get((cell.role, cell.seniority))
        if (
            old is not None
            and old.median
            and cell.median is not None
            and old.n_with_salary >= MIN_SALARIES
            and cell.n_with_salary >= MIN_SALARIES
        ):
            cell.change_30d = round(cell.median / old.median - 1, 4)
    return current


def salary_index(
    engine: Engine, day: date, currency: str = "USD", work_mode: str = "remote+hybrid"
) -> list[IndexCell]:
    """The index of `day`: its snapshot if one exists, else computed now; with 30-day change."""
    cells_of_day = stored_index(engine, day, currency, work_mode)
    if cells_of_day is not None:
        return cells_of_day
    return with_change(
        engine, day, compute_index(engine, day, currency, work_mode), currency, work_mode
    )
