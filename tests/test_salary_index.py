"""The salary index on a small store: one job per employer and title, implausible pay left
out and counted, the currency views, seeded bootstrap intervals, the index computed in the
database cell by cell as it is job by job, and a current snapshot read instead of computing."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import Engine
from sqlmodel import Session

from jobradar.classifier.taxonomy import PLAUSIBLE_ANNUAL_USD, ROLE_SLUGS, SENIORITIES
from jobradar.store.models import Listing
from jobradar.store.runs import RunOutcome, finish_run, start_run
from jobradar.store.salary_index import (
    CURRENCIES,
    MIN_SALARIES,
    WORK_MODES,
    bootstrap_intervals,
    cells,
    compute_index,
    computed_index,
    index_jobs,
    make_cell,
    salary_index,
    stored_index,
)
from jobradar.store.snapshots import STORED_FIELDS, snapshot_is_current, take_snapshot
from jobradar.store.types import utc_now

NOW = utc_now()


def _listing(n: int, company: str, title: str, pay: float | None, **extra: Any) -> Listing:
    fields: dict[str, Any] = {
        "source": "greenhouse",
        "source_id": str(n),
        "board": company.lower(),
        "url": f"https://example.com/{n}",
        "title": title,
        "company": company,
        "company_key": company.lower(),
        "title_key": title.lower(),
        "first_seen": NOW - timedelta(days=1),
        "remote_type": "remote",
        "role": "mlops",
        "seniority": "senior",
    }
    if pay is not None:
        fields |= {
            "salary_min": pay,
            "salary_max": pay,
            "salary_currency": "USD",
            "salary_period": "year",
            "annual_usd_min": pay,
            "annual_usd_max": pay,
        }
    return Listing(**(fields | extra))


def _store(engine: Engine, listings: list[Listing]) -> None:
    with Session(engine) as session:
        session.add_all(listings)
        session.commit()


def _cell(engine: Engine, role: str = "mlops", currency: str = "USD") -> Any:
    cells = compute_index(engine, NOW.date(), currency)
    return next(c for c in cells if (c.role, c.seniority) == (role, "all"))


def test_one_employers_job_in_many_places_counts_once(engine: Engine) -> None:
    # Acme posts one MLOps job in 12 cities, each a listing with its own city's pay;
    # four other employers post one job each.
    cities = [
        _listing(i, "Acme", "Senior MLOps Engineer", 300_000 + i * 1000, location_raw=f"City {i}")
        for i in range(12)
    ]
    others = [
        _listing(100 + i, f"Other{i}", "Senior MLOps Engineer", 100_000 + i * 10_000)
        for i in range(4)
    ]
    _store(engine, [*cities, *others])
    cell = _cell(engine)
    assert (cell.n_listings, cell.n_with_salary) == (5, 5)
    # Acme's job counts once, at the mean of its cities' figures (305,500): the top of five
    assert cell.median == 120_000
    assert cell.p75 == 130_000
    acme = [job for job in index_jobs(engine, NOW.date()) if job.listings == 12]
    assert len(acme) == 1
    assert acme[0].pay == 305_500


def test_same_title_at_two_employers_and_two_titles_at_one_are_separate_jobs(
    engine: Engine,
) -> None:
    _store(
        engine,
        [
            _listing(1, "Acme", "MLOps Engineer", 150_000),
            _listing(2, "Beta", "MLOps Engineer", 150_000),
            _listing(3, "Acme", "Staff MLOps Engineer", 150_000),
            # no employer key: never merged with anything
            _listing(4, "Gamma", "MLOps Engineer", 150_000, company_key=None),
            _listing(5, "Delta", "MLOps Engineer", 150_000, company_key=None),
        ],
    )
    assert _cell(engine).n_listings == 5


def test_implausible_pay_is_left_out_and_counted(engine: Engine) -> None:
    low, high = PLAUSIBLE_ANNUAL_USD
    plausible = [_listing(i, f"Co{i}", "MLOps Engineer", 120_000 + i) for i in range(MIN_SALARIES)]
    implausible = [
        _listing(10, "Tiny", "MLOps Engineer", low / 10),  # a monthly figure read as yearly
        _listing(11, "Huge", "MLOps Engineer", high * 5),  # a total package, or a typo
    ]
    unpaid = [_listing(12, "Quiet", "MLOps Engineer", None)]
    _store(engine, [*plausible, *implausible, *unpaid])
    cell = _cell(engine)
    assert cell.n_listings == MIN_SALARIES + 3
    assert cell.n_with_salary == MIN_SALARIES
    assert cell.n_implausible == 2
    assert cell.p75 is not None
    assert cell.p75 < 130_000
    overall = _cell(engine, "all")
    assert overall.n_implausible == 2


def test_a_currency_view_uses_pay_posted_in_it_annualised(engine: Engine) -> None:
    euro = {
        "salary_currency": "EUR",
        "salary_period": "month",
        "annual_usd_min": 90_000.0,
        "annual_usd_max": 90_000.0,
    }
    _store(
        engine,
        [
            *(
                _listing(i, f"Eu{i}", "MLOps Engineer", 7000 + i * 100, **euro)
                for i in range(MIN_SALARIES)
            ),
            _listing(50, "Us", "MLOps Engineer", 200_000),
        ],
    )
    cell = _cell(engine, currency="EUR")
    assert (cell.n_listings, cell.n_with_salary) == (6, 5)
    assert cell.median == 7200 * 12
    assert _cell(engine, currency="USD").n_with_salary == 6


def test_bootstrap_intervals_are_seeded_and_hold_their_percentile() -> None:
    pays = [50_000 + 7919 * i % 150_000 for i in range(40)]
    first, second = bootstrap_intervals(pays), bootstrap_intervals(pays)
    assert first == second
    assert set(first) == {"p25", "median", "p75"}
    for low, high in first.values():
        assert low <= high
    median_low, median_high = first["median"]
    assert median_low < sorted(pays)[20] < median_high
    assert bootstrap_intervals(pays[: MIN_SALARIES - 1]) == {}
    many = [float(i) for i in range(100_000)]
    low, high = bootstrap_intervals(many)["median"]
    assert low < len(many) / 2 < high
    assert high - low < len(many) / 20


def _mixed_market(engine: Engine) -> None:
    """Jobs in several roles and seniorities: paid, unpaid, implausible, a job in many
    places, pay in other currencies."""
    low, high = PLAUSIBLE_ANNUAL_USD
    listings = []
    for n in range(240):
        pay: float | None = 60_000 + (n * 7919) % 180_000 + n / 7  # not round numbers
        if n % 5 == 0:
            pay = None
        elif n % 23 == 0:
            pay = high * 3
        elif n % 29 == 0:
            pay = low / 3
        extra: dict[str, Any] = {
            "role": ("mlops", "ml-infrastructure", "data-engineering", "other")[n % 4],
            "seniority": ("senior", "staff", "unspecified")[n % 3],
            "remote_type": "onsite" if n % 17 == 0 else ("remote", "hybrid")[n % 8 // 4],
        }
        for currency, every in (("EUR", (11, 23)), ("GBP", (19, 29))):
            if pay is not None and any(n % k == 0 for k in every):
                extra |= {"salary_currency": currency, "salary_period": "month"}
                extra["salary_min"] = pay / 14
        if n % 13 == 0:
            extra["company_key"] = None
        # the same title at one employer: one job, many listings; implausible pay: a job alone
        title = f"Engineer {n % 6}" if n % 23 and n % 29 else f"Odd {n}"
        listings.append(_listing(n, f"Co{n % 40}", title, pay, **extra))
    _store(engine, listings)


def _cells_one_job_at_a_time(jobs: list[Any]) -> list[dict[str, Any]]:
    """The cells as the index defines them, job by job (the reference for the column path)."""
    grouped: dict[tuple[str, str], list[Any]] = {}
    for job in jobs:
        for key in ((job.role, job.seniority), (job.role, "all"), ("all", "all")):
            grouped.setdefault(key, []).append(job)
    return [
        make_cell(role, seniority, grouped[(role, seniority)], intervals=True).as_dict()
        for role in (*ROLE_SLUGS, "all")
        for seniority in (*SENIORITIES, "all")
        if (role, seniority) in grouped
    ]


@pytest.mark.parametrize(
    ("currency", "work_mode"), [(c, m) for c in CURRENCIES for m in WORK_MODES]
)
def test_the_index_computed_cell_by_cell_is_the_index_job_by_job(
    engine: Engine, currency: str, work_mode: str
) -> None:
    _mixed_market(engine)
    jobs = index_jobs(engine, NOW.date(), currency, work_mode)
    assert any(job.listings > 1 for job in jobs)
    assert any(job.implausible for job in jobs)
    computed = compute_index(engine, NOW.date(), currency, work_mode, intervals=True)
    assert [cell.as_dict() for cell in computed] == _cells_one_job_at_a_time(jobs)
    assert [cell.as_dict() for cell in cells(jobs, intervals=True)] == _cells_one_job_at_a_time(
        jobs
    )


def test_a_current_snapshot_is_read_and_gives_what_computing_gives(engine: Engine) -> None:
    _mixed_market(engine)
    day = NOW.date()
    assert not snapshot_is_current(engine, day)
    computed = [cell.as_dict() for cell in computed_index(engine, day)]
    take_snapshot(engine, day)
    assert snapshot_is_current(engine, day)
    stored = stored_index(engine, day, "USD", "remote+hybrid")
    assert stored is not None
    read = [cell.as_dict() for cell in salary_index(engine, day)]
    # a snapshot keeps the figures, not the implausible counts or intervals
    kept = [{name: cell[name] for name in STORED_FIELDS} for cell in computed]
    assert [{name: cell[name] for name in STORED_FIELDS} for cell in read] == kept
    assert [cell.as_dict() for cell in stored] == read


def test_a_crawl_after_the_snapshot_makes_it_stale(engine: Engine) -> None:
    _mixed_market(engine)
    day = NOW.date()
    take_snapshot(engine, day)
    before = next(c for c in salary_index(engine, day) if c.role == c.seniority == "all")
    run = start_run(engine, "greenhouse", utc_now(), None, None)
    _store(engine, [_listing(1000 + i, f"New{i}", "MLOps Engineer", 500_000) for i in range(9)])
    assert not snapshot_is_current(engine, day)  # a crawl still running writes listings
    finish_run(engine, run, RunOutcome(status="ok", finish_reason="finished"))
    assert not snapshot_is_current(engine, day)
    after = next(c for c in salary_index(engine, day) if c.role == c.seniority == "all")
    assert after.n_listings == before.n_listings + 9
    # a crawl that started after the day ended changes nothing of it
    take_snapshot(engine, day)
    later = start_run(engine, "greenhouse", utc_now() + timedelta(days=2), None, None)
    finish_run(engine, later, RunOutcome(status="ok", finish_reason="finished"))
    assert snapshot_is_current(engine, day)
