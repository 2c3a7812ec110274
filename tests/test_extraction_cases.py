"""The extractors on a table of real labelled postings (tests/fixtures/extraction_cases.jsonl).

Each case runs the full posting, read by id from the data directory's corpus, through
`extract` and compares
one field with the human reference label. The table and how it was chosen:
tests/fixtures/make_extraction_cases.py. Cases jobradar is known to get wrong carry
`known_miss` (why) and are strict xfails: fixing one turns the suite red until the
mark is removed.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from jobradar.classifier.annotate import extract
from jobradar.classifier.corpus import Corpus, facts
from jobradar.classifier.evaluate import same_salary
from tests.conftest import data_params

pytestmark = pytest.mark.data

CASES = Path(__file__).parent / "fixtures" / "extraction_cases.jsonl"


def _cases() -> list[Any]:
    params = []
    for line in CASES.read_text(encoding="utf-8").splitlines():
        case = json.loads(line)
        marks = (
            [pytest.mark.xfail(reason=case["known_miss"], strict=True)]
            if "known_miss" in case
            else []
        )
        params.append(pytest.param(case, id=f"{case['field']}-{case['id']}", marks=marks))
    return params


def test_the_table_is_large_and_covers_every_field() -> None:
    cases = [json.loads(line) for line in CASES.read_text(encoding="utf-8").splitlines()]
    fields = {case["field"] for case in cases}
    assert len(cases) >= 150
    assert fields == {"salary", "remote", "seniority"}
    assert sum(case["field"] == "salary" and case["expected"] is None for case in cases) >= 20


@pytest.mark.parametrize("case", data_params(_cases()))
def test_real_posting(case: dict[str, Any], corpus: Corpus) -> None:
    result = extract(facts(corpus.posting(case["id"])))
    expected = case["expected"]
    if case["field"] == "salary":
        got = (
            result.salary.model_dump(include={"min", "max", "currency", "period"})
            if result.salary
            else None
        )
        assert same_salary(result.salary, expected), f"{case['note']}: got {got}, label {expected}"
    elif case["field"] == "remote":
        assert result.work_mode.remote_type == expected, (
            f"{case['note']}: {result.work_mode.evidence}"
        )
    else:
        assert result.seniority == expected, case["note"]
