"""Properties the extractors keep on any input (hypothesis).

Salary: never raises; a salary found has min ≤ max, a known period, an ISO currency
code, and annual USD figures inside the sanity bounds. Work mode, seniority and skills:
never raise and answer inside the taxonomy. Inputs are arbitrary text, text built from
the pieces pay is written with (signs, numbers, multipliers, joiners, periods, the words
that make a figure not pay), and arbitrary structured pay blocks of every kind.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from jobradar.classifier.remote import detect_work_mode
from jobradar.classifier.salary import Salary, find_salary
from jobradar.classifier.salary.structured import STRUCTURED_KINDS
from jobradar.classifier.salary.text import ANNUAL_USD_BOUNDS
from jobradar.classifier.seniority import detect_seniority
from jobradar.classifier.skills import SKILLS, extract_skills
from jobradar.classifier.taxonomy import PERIODS, REMOTE_TYPES, SENIORITIES
from tests.hostile import PAY_KEYS

PIECES = [
    "$",
    "£",
    "€",
    "₹",
    "C$",
    "A$",
    "HK$",
    "USD",
    "EUR",
    "GBP",
    "INR",
    "CAD",
    " ",
    " ",
    "\n",
    "|",
    "120",
    "120,000",
    "1,20,000",
    "85.5",
    "45",
    "200000",
    "9",
    "3",
    "k",
    "K",
    "M",
    "L",
    "LPA",
    "lakh",
    "crore",
    " - ",
    "–",
    " to ",
    "up to ",
    "from ",
    "+",
    " per hour",
    "/hr",
    " p.a.",
    " a year",
    " per annum",
    " monthly",
    " per day",
    " weekly",
    "salary",
    "base pay",
    "bonus",
    "equity",
    "OTE",
    "funding",
    "raised",
    "401(k)",
    "valuation",
    "users",
    "between ",
    " and ",
    "(",
    ")",
    ":",
]
money_like = st.lists(st.sampled_from(PIECES), max_size=25).map("".join)
any_text = st.one_of(st.text(max_size=300), money_like)
json_value = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(10**12), 10**12)
    | st.floats(allow_nan=True)
    | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4)
    ),
    max_leaves=12,
)
pay_block = st.builds(
    lambda kind, fields: {**fields, "kind": kind},
    st.sampled_from([*STRUCTURED_KINDS, "unknown"]),
    st.dictionaries(
        st.sampled_from(PAY_KEYS),
        json_value,
        max_size=5,
    ),
)


def _check(salary: Salary | None) -> None:
    if salary is None:
        return
    low, high = ANNUAL_USD_BOUNDS
    assert salary.min is not None or salary.max is not None
    if salary.min is not None and salary.max is not None:
        assert salary.min <= salary.max
    assert salary.period in PERIODS
    assert len(salary.currency) == 3
    assert salary.currency.isalpha()
    assert salary.currency.isupper()
    for annual in (salary.annual_usd_min, salary.annual_usd_max):
        assert annual is None or low <= annual <= high
    if salary.annual_usd_min is not None and salary.annual_usd_max is not None:
        assert salary.annual_usd_min <= salary.annual_usd_max


@settings(max_examples=400, deadline=None)
@given(title=st.text(max_size=80), text=any_text, raw=st.none() | any_text)
def test_salary_from_text_keeps_its_invariants(title: str, text: str, raw: str | None) -> None:
    _check(find_salary(title=title, text=text, reference=date(2026, 6, 1), salary_raw=raw))


@settings(max_examples=400, deadline=None)
@given(block=pay_block, location_currency=st.sampled_from([None, "USD", "EUR", "INR", "XYZ"]))
def test_salary_from_any_structured_block_keeps_its_invariants(
    block: dict[str, Any], location_currency: str | None
) -> None:
    _check(
        find_salary(
            title="Engineer",
            text="",
            reference=date(2026, 6, 1),
            pay_structured=block,
            location_currency=location_currency,
        )
    )


@settings(max_examples=300, deadline=None)
@given(
    title=st.text(max_size=80),
    text=any_text,
    location=st.none() | st.text(max_size=60),
    workplace=st.none() | st.text(max_size=20),
)
def test_work_mode_seniority_and_skills_answer_inside_the_taxonomy(
    title: str, text: str, location: str | None, workplace: str | None
) -> None:
    mode = detect_work_mode(title=title, text=text, location=location, workplace=workplace)
    assert mode.remote_type in REMOTE_TYPES
    assert all(len(code) == 2 and code.isupper() for code in mode.countries)
    assert detect_seniority(title, text) in SENIORITIES
    assert set(extract_skills(f"{title}\n{text}")) <= set(SKILLS)
