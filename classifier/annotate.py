"""Everything jobradar derives from a listing's raw facts: the one derivation path.

The crawler's derive step, the tag stage of a refresh (listings whose tags are stale)
and `jobradar classify` all build `Facts` with `listing_facts` and call `extract`, so
they produce the same tags from the same facts.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from importlib import resources
from typing import Any

from jobradar.classifier.location import currency_for
from jobradar.classifier.remote import WorkMode, detect_work_mode
from jobradar.classifier.salary import Salary, find_salary
from jobradar.classifier.seniority import detect_seniority
from jobradar.classifier.skills import extract_skills

# importlib.resources, not __file__: inside a Scrapyd egg the package is a zip file
_HERE = resources.files(__package__)


def source_digest(*names: str) -> str:
    """The SHA-256 of the source of these `classifier` modules or packages, in order."""
    digest = hashlib.sha256()
    for name in names:
        path = _HERE.joinpath(name)
        modules = [path]
        if path.is_dir():
            modules = sorted(
                (module for module in path.iterdir() if module.name.endswith(".py")),
                key=lambda module: module.name,
            )
        for module in modules:
            digest.update(module.read_bytes())
    return digest.hexdigest()


# The extractors' version is the digest of their code: any change re-tags stored listings.
EXTRACTOR_VERSION = (
    "x-"
    + source_digest(
        "salary", "fx.py", "location.py", "remote.py", "seniority.py", "skills.py", "text.py"
    )[:10]
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
    reference: date = field(default_factory=lambda: datetime.now(UTC).date())  # the FX date


def listing_facts(values: Mapping[str, Any]) -> Facts:
    """The facts of a listing, from anything keyed by the listings' column names.

    A crawled item, a stored row and a corpus posting (after `corpus.facts` renamed its
    fields) all go through here.
    """
    moment = values.get("posted_at") or values.get("first_seen")
    reference = moment.date() if isinstance(moment, datetime) else datetime.now(UTC).date()
    return Facts(
        title=values.get("title") or "",
        text=values.get("description_text") or "",
        location=values.get("location_raw"),
        workplace=values.get("workplace_raw"),
        location_requirements=values.get("location_requirements") or (),
        salary_raw=values.get("salary_raw"),
        pay_structured=values.get("pay_structured"),
        reference=reference,
    )


@dataclass
class Extracted:
    """What the extractors read from one listing."""

    work_mode: WorkMode
    salary: Salary | None
    seniority: str
    skills: list[str]

    def columns(self) -> dict[str, Any]:
        """These tags under the listings table's column names."""
        pay = self.salary
        return {
            "remote_type": self.work_mode.remote_type,
            "remote_scope": self.work_mode.scope,
            "countries": list(self.work_mode.countries),
            "salary_min": pay.min if pay else None,
            "salary_max": pay.max if pay else None,
            "salary_currency": pay.currency if pay else None,
            "salary_period": pay.period if pay else None,
            "salary_origin": pay.origin if pay else None,
            "salary_text": pay.text if pay else None,
            "annual_usd_min": pay.annual_usd_min if pay else None,
            "annual_usd_max": pay.annual_usd_max if pay else None,
            "fx_rate": pay.fx_rate if pay else None,
            "fx_date": pay.fx_date if pay else None,
            "seniority": self.seniority,
            "skills": self.skills,
            "extractor_version": EXTRACTOR_VERSION,
        }


def extract(facts: Facts) -> Extracted:
    """Work mode, salary, seniority and skills of one listing."""
    mode = detect_work_mode(
        title=facts.title,
        text=facts.text,
        location=facts.location,
        workplace=facts.workplace,
        location_requirements=facts.location_requirements,
    )
    pay = find_salary(
        title=facts.title,
        text=facts.text,
        reference=facts.reference,
        salary_raw=facts.salary_raw,
        pay_structured=facts.pay_structured,
        location_currency=currency_for(mode.countries),
    )
    return Extracted(
        work_mode=mode,
        salary=pay,
        seniority=detect_seniority(facts.title, facts.text),
        skills=extract_skills(f"{facts.title}\n{facts.text}"),
    )
