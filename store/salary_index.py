"""The salary index: pay percentiles per role and seniority among active listings.

Method (written out in every report):
- listings active on the date (first seen by its end, not closed by then), each
  cross-source duplicate counted once, remote and hybrid listings only;
- one job per employer and title: an employer's job posted in many places (one
  listing per city) counts once, with the mean of its listings' figures;
- a yearly figure outside the plausible range (taxonomy's `PLAUSIBLE_ANNUAL_USD`) is
  left out and counted in `n_implausible`;
- employer-posted base pay only (no board estimates), one annualised figure per
  listing: the midpoint of its range, or its one stated bound;
- USD view: every salary converted with the ECB rate stored with it; EUR and GBP
  views: only salaries posted in that currency, not converted;
- p25 / median / p75 per role × seniority, per role, and overall, with
  `n_with_salary` and the disclosure rate beside every figure; a cell with fewer
  than 5 salaries has no percentiles (never 0); on request, 95 % bootstrap intervals
  of each percentile (seeded, so a report is reproducible);
- `change_30d`: relative change of the median against 30 days earlier, when both
  days have at least 5 salaries.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from typing import Any, NamedTuple

import numpy as np
from sqlalchemy import (
    Engine,
    Integer,
    String,
    Text,
    and_,
    case,
    cast,
    func,
    literal_column,
    select,
)
from sqlmodel import Session, col

from jobradar.classifier.taxonomy import (
    AI_INFRA_ROLES,
    AI_ML_ROLES,
    ANNUAL_FACTOR,
    PERIODS,
    PLAUSIBLE_ANNUAL_USD,
    ROLE_SLUGS,
    SENIORITIES,
    annualise,
    midpoint,
)
from jobradar.store.models import Listing, SalaryIndexRow
from jobradar.store.queries import counted
from jobradar.store.snapshots import snapshot_is_current

MIN_SALARIES = 5
METHOD = [
    "- Listings active on the date: first seen by its end and not closed by then.",
    "- Each job counted once: a listing that duplicates another source's listing of the same job is left out.",
    "- Remote and hybrid listings only; onsite listings and listings that do not say are not in the index.",
    "- One job per employer and title: a job one employer posts in many places (a listing per city) "
    "counts once, with the mean of its listings' pay; listing counts in the index are such jobs.",
    f"- Implausible yearly pay (under ${PLAUSIBLE_ANNUAL_USD[0]:,.0f} or over ${PLAUSIBLE_ANNUAL_USD[1]:,.0f} "
    "in USD) is left out of the figures and counted.",
    "- Employer-posted base pay only: no job-board estimates, equity, bonus, commission or OTE-only figures.",
    "- One yearly figure per listing: the midpoint of its range, or the one bound it states, "
    "annualised as hour × 2080, day × 260, week × 52, month × 12.",
    "- USD view: each salary converted at the ECB reference rate of the day it was posted (stored with it); "
    "EUR and GBP views: salaries posted in that currency, unconverted.",
    "- Percentiles p25 / median / p75 per role × seniority, per role and overall, each with a 95 % "
    "bootstrap interval (1,000 resamples drawn from a fixed seed); "
    "30-day change = relative change of the median, when both days have 5+ salaries.",
]
CURRENCIES = ("USD", "EUR", "GBP")
WORK_MODES: dict[str, tuple[str, ...]] = {
    "remote+hybrid": ("remote", "hybrid"),
    "remote": ("remote",),
    "hybrid": ("hybrid",),
}
CHANGE_DAYS = 30
# The report's headline groups of roles (taxonomy.py): AI/ML is every role but `other`.
GROUPS: dict[str, tuple[str, ...]] = {
    "ai-ml": AI_ML_ROLES,
    "ai-infra": AI_INFRA_ROLES,
    "other": ("other",),
}


Interval = tuple[float, float]
BOOTSTRAP_RESAMPLES = 1000
BOOTSTRAP_SEED = 2026
QUANTILES = (("p25", 25.0), ("median", 50.0), ("p75", 75.0))


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
    n_implausible: int = 0  # jobs whose only figures were implausible, left out
    # "p25" / "median" / "p75" -> its 95 % bootstrap interval, when asked for
    intervals: dict[str, Interval] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


class Job(NamedTuple):  # a tuple: a large store makes hundreds of thousands of them
    """One employer's job in one cell: its listings (one per place) counted once."""

    role: str
    seniority: str
    listings: int
    pay: float | None  # the mean of its listings' plausible yearly figures
    implausible: bool  # it stated pay, but only implausible figures


def listing_pay(row: Any, currency: str) -> float | None:
    """One yearly figure for a listing in the view's currency, or None."""
    if currency == "USD":
        return midpoint(row.annual_usd_min, row.annual_usd_max)
    if row.salary_currency != currency or row.salary_period not in PERIODS:
        return None
    value = midpoint(row.salary_min, row.salary_max)
    return None if value is None else annualise(value, row.salary_period)


def plausible(yearly_usd: float | None) -> bool:
    low, high = PLAUSIBLE_ANNUAL_USD
    return yearly_usd is not None and low <= yearly_usd <= high


def bootstrap_intervals(pays: Sequence[float], seed: int = BOOTSTRAP_SEED) -> dict[str, Interval]:
    """95 % bootstrap intervals of p25 / median / p75: the 2.5th and 97.5th percentiles of
    each over 1,000 seeded resamples.

    A resample's q-quantile is its k-th smallest value (k = ceil(q·n)), which is the value at
    the k-th smallest of n indices drawn with replacement; that index's position is
    distributed as n·Beta(k, n + 1 − k). Drawing it directly is the same bootstrap at a cost
    that does not grow with n (no resample is built).
    """
    values = np.sort(np.asarray(pays, dtype=float))
    n = len(values)
    if n < MIN_SALARIES:
        return {}
    rng = np.random.default_rng(seed)
    result: dict[str, Interval] = {}
    for name, q in QUANTILES:
        k = min(max(math.ceil(q / 100 * n), 1), n)
        drawn = (rng.beta(k, n + 1 - k, BOOTSTRAP_RESAMPLES) * n).astype(int)
        low, high = np.percentile(values[np.minimum(drawn, n - 1)], [2.5, 97.5])
        result[name] = (round(float(low)), round(float(high)))
    return result


def make_cell(role: str, seniority: str, jobs: Sequence[Job], intervals: bool = False) -> IndexCell:
    """The figures of one cell from its jobs."""
    return _figures(
        role,
        seniority,
        listings=len(jobs),
        pays=np.array([job.pay for job in jobs if job.pay is not None], dtype=float),
        implausible=sum(1 for job in jobs if job.implausible),
        intervals=intervals,
    )


def _figures(
    role: str, seniority: str, *, listings: int, pays: Any, implausible: int, intervals: bool
) -> IndexCell:
    """A cell from its counts and its jobs' pays (any order: percentiles sort them)."""
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
        n_implausible=implausible,
        intervals=bootstrap_intervals(pays) if intervals else {},
    )


class CellJobs(NamedTuple):
    """The jobs of one role × seniority: how many, how many only implausibly paid, and
    the pays of the others (any order: percentiles sort them)."""

    jobs: int
    implausible: int
    pays: Any  # a numpy array of floats


def cells(jobs: Iterable[Job], intervals: bool = False) -> list[IndexCell]:
    """Index cells from jobs: role × seniority, then role "all", then "all"/"all"."""
    return _assemble(_groups_of(jobs), intervals)


def _groups_of(jobs: Iterable[Job]) -> dict[tuple[str, str], CellJobs]:
    grouped: dict[tuple[str, str], list[Job]] = defaultdict(list)
    for job in jobs:
        grouped[(job.role, job.seniority)].append(job)
    return {
        key: CellJobs(
            len(found),
            sum(1 for job in found if job.implausible),
            np.array([job.pay for job in found if job.pay is not None], dtype=float),
        )
        for key, found in grouped.items()
    }


def _gathered(chosen: Iterable[CellJobs]) -> CellJobs:
    """The jobs of several role × seniority groups together."""
    listed = list(chosen)
    return CellJobs(
        sum(group.jobs for group in listed),
        sum(group.implausible for group in listed),
        np.concatenate([group.pays for group in listed]) if listed else np.array([]),
    )


def _cell(role: str, seniority: str, group: CellJobs, intervals: bool) -> IndexCell:
    return _figures(
        role,
        seniority,
        listings=group.jobs,
        pays=group.pays,
        implausible=group.implausible,
        intervals=intervals,
    )


def _assemble(groups: dict[tuple[str, str], CellJobs], intervals: bool) -> list[IndexCell]:
    """The cells of `cells` from each role × seniority's jobs: a role's "all" and "all"/"all"
    gather the role × seniority groups they hold."""
    everything = dict(groups)
    for role in {role for role, _ in groups}:
        everything[(role, "all")] = _gathered(g for (of, _), g in groups.items() if of == role)
    everything[("all", "all")] = _gathered(groups.values())
    result = [
        _cell(role, seniority, group, intervals)
        for role in (*ROLE_SLUGS, "all")
        for seniority in (*SENIORITIES, "all")
        if (group := everything.get((role, seniority))) is not None and group.jobs
    ]
    if not result:
        result.append(make_cell("all", "all", []))
    return result


def _midpoint_sql(low: Any, high: Any) -> Any:
    return (func.coalesce(low, high) + func.coalesce(high, low)) / 2.0


def _pay_sql(currency: str) -> Any:
    """The yearly figure of `listing_pay`, as SQL."""
    if currency == "USD":
        return _midpoint_sql(col(Listing.annual_usd_min), col(Listing.annual_usd_max))
    factor = case(
        {period: float(ANNUAL_FACTOR[period]) for period in PERIODS},
        value=col(Listing.salary_period),
        else_=None,
    )
    return case(
        (
            col(Listing.salary_currency) == currency,
            _midpoint_sql(col(Listing.salary_min), col(Listing.salary_max)) * factor,
        ),
        else_=None,
    )


# The listings the salary index reads, written inline (never as bound parameters): the
# index of the jobs (migration 0008) holds only these, and SQLite uses a partial index, or
# an index on an expression, only for a query that spells the same terms.
INDEXED_MODES: Any = literal_column("('remote', 'hybrid')")


def job_query(day: date, currency: str, work_mode: str) -> Any:
    """One row per employer's job (role, seniority, employer, title) of the index's listings:
    grouped in the database, so only jobs, not listings, reach Python. The rows come in
    the order of the index of the jobs (migration 0008), which the database reads alone."""
    pay = _pay_sql(currency)
    usd = _midpoint_sql(col(Listing.annual_usd_min), col(Listing.annual_usd_max))
    low, high = PLAUSIBLE_ANNUAL_USD
    judged = func.coalesce(usd, pay)  # a currency view's pay is judged by its USD figure
    fits = judged.between(low, high)
    plausible_pay = case((and_(pay.is_not(None), fits), pay), else_=None)
    implausible = case((and_(pay.is_not(None), ~fits), 1), else_=0)
    employer = func.coalesce(
        col(Listing.company_key), literal_column("'#'") + cast(col(Listing.id), String)
    )
    title = func.coalesce(col(Listing.title_key), col(Listing.title))
    return (
        select(
            col(Listing.role),
            col(Listing.seniority),
            func.count().label("listings"),
            func.avg(plausible_pay).label("pay"),
            func.max(implausible).label("bad"),
        )
        .where(
            counted(day),
            col(Listing.remote_type).op("IN")(INDEXED_MODES),
            col(Listing.remote_type).in_(WORK_MODES[work_mode]),
        )
        .group_by(col(Listing.role), col(Listing.seniority), employer, title)
    )


def index_jobs(
    engine: Engine, day: date, currency: str = "USD", work_mode: str = "remote+hybrid"
) -> list[Job]:
    """The jobs of the index of `day` (see `job_query`)."""
    with engine.connect() as connection:
        rows = connection.execute(job_query(day, currency, work_mode)).all()
    return [
        Job(
            role,
            seniority,
            int(listings),
            None if pay is None else float(pay),
            bool(bad) and pay is None,
        )
        for role, seniority, listings, pay, bad in rows
    ]


# A REAL leaves SQLite as text rounded to 15 digits: each pay leaves it as two exact
# integers instead, its whole part and its fraction in units of 2**-52 (exact for any
# pay of 1 or more, whose fraction has at most 52 bits). PostgreSQL writes a double as
# the shortest text that reads back as the same double.
FRACTION_UNITS = 2.0**52


def cell_query(dialect: str, day: date, currency: str, work_mode: str) -> Any:
    """One row per role × seniority of the index of `day`: its jobs, its implausibly paid
    jobs, its smallest pay, and its jobs' pays as text (`FRACTION_UNITS`): hundreds of
    thousands of jobs stay in the database, a few dozen rows reach Python."""
    jobs = job_query(day, currency, work_mode).subquery("jobs")
    pay = jobs.c.pay
    if dialect == "sqlite":
        whole = cast(pay, Integer)  # pays are positive: the cast truncates to the floor
        fraction = cast((pay - whole) * FRACTION_UNITS, Integer)
        pays = [func.group_concat(whole), func.group_concat(fraction)]
    else:
        pays = [func.string_agg(cast(pay, Text), literal_column("','"))]
    return select(
        jobs.c.role,
        jobs.c.seniority,
        func.count(),
        func.sum(case((and_(jobs.c.bad == 1, pay.is_(None)), 1), else_=0)),
        func.min(pay),
        *pays,
    ).group_by(jobs.c.role, jobs.c.seniority)


def _numbers(text: str | None) -> Any:
    return np.array([float(part) for part in text.split(",")] if text else [], dtype=float)


def index_groups(
    engine: Engine, day: date, currency: str = "USD", work_mode: str = "remote+hybrid"
) -> dict[tuple[str, str], CellJobs] | None:
    """Each role × seniority's jobs in the index of `day` (`cell_query`); None when a pay
    under 1 could not leave SQLite exactly."""
    dialect = engine.dialect.name
    with engine.connect() as connection:
        rows = connection.execute(cell_query(dialect, day, currency, work_mode)).all()
    groups = {}
    for role, seniority, jobs, implausible, lowest, *pays in rows:
        if dialect == "sqlite" and lowest is not None and lowest < 1:
            return None
        groups[(role, seniority)] = CellJobs(int(jobs), int(implausible or 0), _pays(*pays))
    return groups


def _pays(text: str | None, fractions: str | None = None) -> Any:
    """The pays `cell_query` wrote: as text, or (SQLite) as whole parts and fractions."""
    pays = _numbers(text)
    return pays if fractions is None else pays + _numbers(fractions) / FRACTION_UNITS


def compute_index(
    engine: Engine,
    day: date,
    currency: str = "USD",
    work_mode: str = "remote+hybrid",
    intervals: bool = False,
) -> list[IndexCell]:
    """The index for `day` computed from the listings (no change figures)."""
    groups = index_groups(engine, day, currency, work_mode)
    if groups is None:
        return cells(index_jobs(engine, day, currency, work_mode), intervals)
    return _assemble(groups, intervals)


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


def computed_index(
    engine: Engine, day: date, currency: str = "USD", work_mode: str = "remote+hybrid"
) -> list[IndexCell]:
    """The index of `day` computed from the listings now, with its 30-day change."""
    return with_change(
        engine, day, compute_index(engine, day, currency, work_mode), currency, work_mode
    )


def salary_index(
    engine: Engine, day: date, currency: str = "USD", work_mode: str = "remote+hybrid"
) -> list[IndexCell]:
    """The index of `day`: its snapshot if it is current (`snapshot_is_current`), else
    computed now; with 30-day change."""
    if snapshot_is_current(engine, day):
        cells_of_day = stored_index(engine, day, currency, work_mode)
        if cells_of_day is not None:
            return cells_of_day
    return computed_index(engine, day, currency, work_mode)


def headline_cells(
    groups: dict[tuple[str, str], CellJobs], intervals: bool = True
) -> list[IndexCell]:
    """One cell per headline group of roles (`GROUPS`) and one for all roles, seniority "all"."""
    return [
        _cell(
            name, "all", _gathered(g for (role, _), g in groups.items() if role in roles), intervals
        )
        for name, roles in GROUPS.items()
    ] + [_cell("all", "all", _gathered(groups.values()), intervals)]


def report_index(
    engine: Engine, day: date, currency: str = "USD", work_mode: str = "remote+hybrid"
) -> tuple[list[IndexCell], list[IndexCell]]:
    """The index of `day` as `salary_index` gives it (its snapshot while current), each cell
    with its bootstrap intervals and implausible count where today's listings give the same
    cell, and the headline groups."""
    groups = index_groups(engine, day, currency, work_mode)
    if groups is None:
        groups = _groups_of(index_jobs(engine, day, currency, work_mode))
    computed = _assemble(groups, intervals=True)
    index = None
    if snapshot_is_current(engine, day):
        index = stored_index(engine, day, currency, work_mode)
    if index is None:  # no current snapshot of the day: what the listings give now
        return with_change(engine, day, computed, currency, work_mode), headline_cells(groups)
    fresh = {(c.role, c.seniority): c for c in computed}
    for cell in index:
        twin = fresh.get((cell.role, cell.seniority))
        if twin and (twin.n_with_salary, twin.median) == (cell.n_with_salary, cell.median):
            cell.intervals, cell.n_implausible = twin.intervals, twin.n_implausible
    return index, headline_cells(groups)
