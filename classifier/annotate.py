"""Everything jobradar derives from a listing's raw facts, in one place.

The crawler's pipelines call these steps one by one; re-tagging stored listings
(`jobradar reclassify`) and `jobradar classify` call `annotate`. Both therefore
produce the same fields from the same facts.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from jobradar.classifier.location import currency_for
from jobradar.classifier.remote import WorkMode, detect_work_mode
from jobradar.classifier.salary import Salary, find_salary
from jobradar.classifier.seniority import detect_seniority
from jobradar.classifier.skills import extract_skills


def _source_digest(*modules: str) -> str:
    here = Path(__file__).parent
    digest = hashlib.sha256()
    for module in modules:
        for path in (
            sorted((here / module).glob("*.py")) if (here / module).is_dir() else [here / module]
        ):
            digest.update(path.read_bytes())
    return digest.hexdigest()[:10]


# The extractors' version is the digest of their code: any change re-tags stored listings.
EXTRACTOR_VERSION = "x-" + _source_digest(
    "salary", "fx.py", "location.py", "remote.py", "seniority.py", "skills.py", "text.py"
)


@dataclass
class Facts:
    """The raw facts of one listing that derived fields are computed from."""

    title: str
    text: str = ""
    location: str | None = None
    workplace: str | None = None
    location_requirements: Sequence[str] = ()
    salary_raw: str | None = None
    pay_structured: Mapping[str, Any] | None = None
    reference: date = field(default_factory=date.today)  # dates the exchange rate


@dataclass
class Extracted:
    work_mode: WorkMode
    salary: Salary | None
    seniority: str
    skills: list[str]


def work_mode(facts: Facts) -> WorkMode:
    return detect_work_mode(
        title=facts.title,
        text=facts.text,
        location=facts.location,
        workplace=facts.workplace,
        location_requirements=facts.location_requirements,
    )


def salary(facts: Facts, mode: WorkMode) -> Salary | None:
    return find_salary(
        title=facts.title,
        text=facts.text,
        reference=facts.reference,
        salary_raw=facts.salary_raw,
        pay_structured=facts.pay_structured,
        location_currency=currency_for(mode.countries),
    )


def extract(facts: Facts) -> Extracted:
    """Work mode, salary, seniority and skills of one listing."""
    mode = work_mode(facts)
    return Extracted(
        work_mode=mode,
        salary=salary(facts, mode),
        seniority=detect_seniority(facts.title, facts.text),
        skills=extract_skills(f"{facts.title}\n{facts.text}"),
    )
