"""The salary index on a small store: one job per employer and title, implausible pay left
out and counted, the currency views, and seeded bootstrap intervals."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import Engine
from sqlmodel import Session

from jobradar.classifier.taxonomy import PLAUSIBLE_ANNUAL_USD
from jobradar.store.models import Listing
from jobradar.store.salary_index import (
    MIN_SALARIES,
    bootstrap_intervals,
    compute_index,
    index_jobs,
)
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
