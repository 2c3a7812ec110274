"""Salary extraction: structured pay first, then the text, precision first."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from typing import Any

from classifier.salary.model import Salary
from classifier.salary.structured import read_structured
from classifier.salary.text import extract_salary, normalise
from classifier.text import html_to_text

__all__ = ["Salary", "extract_salary", "find_salary", "normalise"]

_OTE = re.compile(r"\b(?:OTE|on[- ]target earnings?)\b", re.I)
_OTE_FOR_SALES = re.compile(r"\bfor sales roles?\b", re.I)
_SALES_TITLE = re.compile(
    r"\b(?:sales|account executive|account manager|account director|business development|"
    r"partnerships?|gtm|go[- ]to[- ]market|sdr|bdr|revenue)\b",
    re.I,
)


def _pay_block(block: Mapping[str, Any], title: str, reference: date) -> Salary | None:
    """A pay-transparency block: pay by definition, unless it says the range is OTE."""
    text = html_to_text(str(block.get("text") or ""))
    if _OTE.search(text) and (not _OTE_FOR_SALES.search(text) or _SALES_TITLE.search(title)):
        return None
    return extract_salary(text, reference=reference, pay_field=True)


def find_salary(
    *,
    title: str,
    text: str,
    reference: date,
    salary_raw: str | None = None,
    pay_structured: Mapping[str, Any] | None = None,
    location_currency: str | None = None,
) -> Salary | None:
    """The listing's base pay: its structured block, else its pay field, else its text.

    `text` is the plain-text description; `reference` dates the exchange rate.
    """
    if pay_structured:
        if pay_structured.get("kind") == "pay_text":
            salary = _pay_block(pay_structured, title, reference)
        else:
            raw = read_structured(pay_structured)
            salary = None
            if raw is not None:
                low, high, currency, period, span = raw
                salary = normalise(
                    Salary(
                        min=low,
                        max=high,
                        currency=currency,
                        period=period,
                        origin="structured",
                        text=span,
                    ),
                    reference,
                )
        if salary is not None:
            return salary.model_copy(update={"origin": "structured"})
    if salary_raw:
        salary = extract_salary(
            salary_raw, reference=reference, pay_field=True, location_currency=location_currency
        )
        if salary is not None:
            return salary
    return extract_salary(
        f"{title}\n{text}", reference=reference, location_currency=location_currency
    )
