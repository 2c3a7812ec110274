"""The market's own patterns of issue 13 (item 4) on real postings, read from the corpus by id.

Each case is a posting of the reference labels' dev part (never the locked test part)
that jobradar got wrong before the fix named in its note; the expectation is the
posting's reference label. The hand-written counterparts of these patterns are in
tests/test_salary_patterns.py, test_remote_patterns.py and test_seniority_patterns.py.
"""

from __future__ import annotations

from typing import Any

import pytest

from jobradar.classifier.annotate import extract
from jobradar.classifier.corpus import Corpus, facts
from jobradar.classifier.evaluate import same_salary
from tests.conftest import data_params

pytestmark = pytest.mark.data

USD, GBP, YEAR = "USD", "GBP", "year"


def _pay(low: float | None, high: float | None, currency: str, period: str) -> dict[str, Any]:
    return {"min": low, "max": high, "currency": currency, "period": period}


# (field, posting id, reference label, what the posting exercises)
CASES: list[tuple[str, str, Any, str]] = [
    ("salary", "uk26-adzuna:938", _pay(None, 75000, GBP, YEAR), "agency line, code then Bonus"),
    ("salary", "uk26-adzuna:841", _pay(500, 560, GBP, "day"), "board's annualised day rate"),
    ("salary", "uk26-adzuna:882", _pay(450, 450, GBP, "day"), "bare rate of a UK contract"),
    ("salary", "linkedin24:856", _pay(115000, 223600, USD, YEAR), "range spelled out"),
    ("salary", "linkedin24:584", _pay(119500, 179500, USD, YEAR), "labelled min/mid/max"),
    ("salary", "linkedin24:810", _pay(98100, 171398, USD, YEAR), "bare figures after a label"),
    ("salary", "uk26-linkedin:334", _pay(22, 70, USD, "hour"), "headline figure, then range"),
    ("salary", "reed21:41888295", _pay(35000, 45000, GBP, YEAR), "header figure, then range"),
    ("salary", "linkedin24:245", _pay(42, 60, USD, "hour"), "the poster's own estimate"),
    ("salary", "linkedin24:493", None, "an agency's bill rate"),
    ("salary", "hn:48010697", _pay(120000, 160000, USD, YEAR), "sales role listed second"),
    (
        "salary",
        "ailabs25:greenhouse_deepmind_7120703",
        _pay(178000, 265000, USD, YEAR),
        "'+ bonus' after the range",
    ),
    ("salary", "hn:47602068", _pay(40000, 80000, USD, YEAR), "'+ monthly bonus'"),
    ("salary", "uk26-adzuna:157", _pay(100000, 120000, GBP, YEAR), "a percentage bonus after"),
    ("salary", "uk26-adzuna:309", _pay(80000, 90000, GBP, YEAR), "long tail of other words"),
    ("salary", "hn:47086946", _pay(200000, 260000, USD, YEAR), "a tagline far before"),
    ("salary", "reed21:41874198", _pay(60000, 60000, GBP, YEAR), "' - ' separated header"),
    ("salary", "uk26-adzuna:1160", _pay(None, 92522, GBP, YEAR), "'of up' for 'up to'"),
    ("salary", "uk26-linkedin:18", _pay(None, 55, USD, "hour"), "'up to' on the line above"),
    ("remote", "hn:47256457", "hybrid", "ONSITE with its days a week"),
    ("remote", "hn:47975618", "hybrid", "ONSITE with its days a week"),
    ("remote", "hn:47984711", "hybrid", "onsite with some days remote"),
    ("remote", "hn:46858612", "hybrid", "hybrid with its remote days"),
    ("remote", "uk26-adzuna:268", "hybrid", "days on site in a location line"),
    ("remote", "linkedin24:539", "onsite", "on site in a named city"),
    ("remote", "linkedin24:699", "onsite", "a line opening with Onsite"),
    ("remote", "linkedin24:757", "onsite", "an ATS telecommuting field"),
    ("remote", "aijobsnet:31", "onsite", "LinkedIn's work-mode tag"),
    ("remote", "uk26-adzuna:789", "remote", "Adzuna's header tag"),
    ("remote", "linkedin24:624", "remote", "an office or a remote location"),
    ("remote", "glassdoor_ds_2020_cjyoung18:383", "onsite", "remote only to start"),
    ("remote", "ailabs25:greenhouse_deepmind_7106421", "unknown", "hybrid in another sense"),
    ("remote", "hn:46857514", "remote", "remote negotiable under ONSITE"),
    ("seniority", "hn:46467063", "senior", "first role listed on a line"),
    ("seniority", "hn:46501077", "senior", "first role of a numbered list"),
    ("seniority", "hn:46873017", "lead", "first role listed on a line"),
    ("seniority", "ailabs25:greenhouse_perplexity_4794829007", "mid", "years past the opening"),
    ("seniority", "gdindia-an:383", "mid", "years without 'experience' words"),
    ("seniority", "gdindia-de:564", "mid", "half years"),
    ("seniority", "gdindia-ml:319", "mid", "'Experience Range:' before the years"),
    (
        "seniority",
        "ailabs26:ashby_openai_004ae8f4-245b-4aad-8903-9daabdb58bb9",
        "unspecified",
        "a manager that names a job",
    ),
    (
        "seniority",
        "ailabs26:ashby_openai_16aaa47f-596d-4bbd-a02a-b03db3f40c23",
        "unspecified",
        "a manager that names a job",
    ),
]


@pytest.mark.parametrize(
    "case",
    data_params(
        [pytest.param(case, id=f"{case[0]}-{case[1]}"[:80]) for case in CASES],
    ),
)
def test_market_posting(case: tuple[str, str, Any, str], corpus: Corpus) -> None:
    field, posting_id, label, why = case
    result = extract(facts(corpus.posting(posting_id)))
    if field == "salary":
        assert same_salary(result.salary, label), why
    elif field == "remote":
        assert result.work_mode.remote_type == label, why
    else:
        assert result.seniority == label, why
