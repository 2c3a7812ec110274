"""Hand-written expectations on real Hacker News comments, from another project.

corpus/hn_salary_cases_akurilin.json of the data directory (akurilin/whoishiringreport,
MIT): each case
is a "Who is hiring?" comment and what its author expects an extractor to find. jobradar
reads the comment as its Hacker News spider does (first line as title, the comment as
text) and is held to every salary and remote expectation the file states for the
comment's first role, or for all its roles.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest

from jobradar.classifier.annotate import Facts, extract
from jobradar.classifier.text import description_text
from tests.conftest import DATA, data_params

pytestmark = pytest.mark.data

CASES = (
    json.loads(DATA.hn_cases.read_text(encoding="utf-8"))["test_cases"] if DATA is not None else []
)


def _expectations(case: dict[str, Any]) -> dict[str, Any]:
    expected = case["expected"]
    first = (expected.get("roles") or [{}])[0].get("expect", {})
    return {**expected.get("all_roles", {}), **first}


@pytest.mark.parametrize(
    "case", data_params([pytest.param(case, id=case["name"]) for case in CASES])
)
def test_hn_comment(case: dict[str, Any]) -> None:
    text = description_text((case.get("comment") or {}).get("content") or "", "html")
    result = extract(Facts(title=text.split("\n", 1)[0], text=text, reference=date(2025, 6, 2)))
    expect = _expectations(case)
    salary = result.salary
    if "salary_min" in expect:
        assert (salary.min if salary else None) == expect["salary_min"]
    if "salary_max" in expect:
        assert (salary.max if salary else None) == expect["salary_max"]
    if "salary_currency" in expect:
        assert salary is not None
        assert salary.currency == expect["salary_currency"]
    if "salary_min_gte" in expect:
        assert salary is not None
        assert salary.min is not None
        assert salary.min >= expect["salary_min_gte"]
    if "salary_max_lte" in expect:
        assert salary is not None
        assert salary.max is not None
        assert salary.max <= expect["salary_max_lte"]
    if expect.get("is_remote") is True:
        assert result.work_mode.remote_type == "remote"
    if "is_remote_in" in expect and True not in expect["is_remote_in"]:
        assert result.work_mode.remote_type != "remote"


def test_the_file_states_salary_and_remote_expectations() -> None:
    stated = [_expectations(case) for case in CASES]
    assert sum("salary_min" in e for e in stated) >= 5
    assert sum("is_remote" in e or "is_remote_in" in e for e in stated) >= 6
