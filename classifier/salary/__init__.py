"""Salary extraction: structured pay first, then the text, precision first."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from typing import Any

from jobradar.classifier.salary.model import Salary
from jobradar.classifier.salary.structured import NOT_BASE_PAY, read_structured
from jobradar.classifier.salary.text import extract_salary, normalise
from jobradar.classifier.text import html_to_text

__all__ = ["Salary", "extract_salary", "find_salary", "normalise"]

_OTE = re.compile(r"\b(?:OTE|on[- ]target earnings?)\b", re.I)
_BASE_BESIDE_OTE = re.compile(
    r"\s*(?:base\b|basic\b|(?:\+|/-?)\s*[£$€]?\s?\d[\d,.]*\s*[kK]?\s*(?:OTE|on[- ]target)\b)", re.I
)
_OTE_FOR_SALES = re.compile(r"\bfor sales roles?\b", re.I)
# A title's opening, before its details (" - Up to £88K", " | Remote", "(Hybrid)"): what an
# agency's headline restates before its place and pay. Shorter openings are left alone.
_TITLE_END = re.compile(r"\s[-–|]\s|[|(,]")
_HEADLINE_OPENING = 10
_HEADLINE_CHARS = 300
_DIGIT = re.compile(r"\d")
# An aggregator's page copied whole: its own header (where the ad was found, a figure of
# its own, "Apply for this job") comes before the ad's text (Adzuna's pages).
_BOARD_HEADER = re.compile(
    r"\A[^\n]*\n\s*❮ back to last search\n.{0,600}?\nApply for this job\n", re.S | re.I
)
_SALES_TITLE = re.compile(
    r"\b(?:sales|account executive|account manager|account director|business development|"
    r"partnerships?|gtm|go[- ]to[- ]market|sdr|bdr|revenue)\b",
    re.I,
)


def _first_role(title: str) -> str:
    """The job a title names first: in a "Company | Role, Role | Place" header, the first
    role (the listing's primary role, taxonomy.md), not a sales role listed after it."""
    fields = title.split("|")
    if len(fields) < 3:
        return title
    return re.split(r",|\s/\s|;", fields[1])[0]


def _ote_only(text: str, title: str) -> bool:
    """Whether the range `text` states is on-target earnings for this job, not base pay."""
    return bool(_OTE.search(text)) and (
        not _OTE_FOR_SALES.search(text) or bool(_SALES_TITLE.search(title))
    )


def _from_block(block: Mapping[str, Any], title: str, reference: date) -> Salary | str | None:
    """The base pay of a structured block, `NOT_BASE_PAY`, or None when it states none."""
    if block.get("kind") == "pay_text":
        text = html_to_text(str(block.get("text") or ""))
        if _ote_only(text, title):
            return NOT_BASE_PAY
        salary = extract_salary(text, reference=reference, pay_field=True)
    else:
        raw = read_structured(block)
        if not isinstance(raw, tuple):
            return raw
        low, high, currency, period, span = raw
        salary = normalise(
            Salary(
                min=low, max=high, currency=currency, period=period, origin="structured", text=span
            ),
            reference,
        )
    return salary.model_copy(update={"origin": "structured"}) if salary else None


def _restated_title(text: str, title: str) -> int:
    """Where the opening's line that restates the title ends (an agency's headline: "DATA
    ENGINEER £80,000 LONDON", perhaps under the title and "Apply now"), else 0."""
    head = text[:_HEADLINE_CHARS]
    opening = " ".join(_TITLE_END.split(title, maxsplit=1)[0].split()).casefold()
    # most texts are told apart by these two tests at C speed, without reading a line
    if len(opening) < _HEADLINE_OPENING or opening.split(" ", 1)[0] not in head.casefold():
        return 0
    start = 0
    for line in head.split("\n"):
        if " ".join(line.split()).casefold().startswith(opening) and _DIGIT.search(line):
            return start + len(line)
        start += len(line) + 1
    return 0


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

    `text` is the plain-text description; `reference` dates the exchange rate. A block
    or field that states only on-target earnings ends the search: the description
    usually repeats it, and reading it there would be as wrong.
    """
    if pay_structured:
        found = _from_block(pay_structured, title, reference)
        if found == NOT_BASE_PAY:
            return None
        if isinstance(found, Salary):
            return found
    if salary_raw:
        if _OTE.search(salary_raw):
            return None  # Remotive's "OTE $25k - $35k"
        salary = extract_salary(
            salary_raw, reference=reference, pay_field=True, location_currency=location_currency
        )
        if salary is not None:
            return salary
    header = _BOARD_HEADER.match(text)
    if header:  # the ad's own figure before the figure the board put above it
        text = f"{text[header.end() :]}\n{header.group()}"
    written = f"{title}\n{text}"
    salary = extract_salary(
        written,
        reference=reference,
        location_currency=location_currency,
        headline_end=len(title) + 1 + _restated_title(text, title),
    )
    if salary is not None and _SALES_TITLE.search(_first_role(title)) and _OTE.search(text):
        # a sales job whose text speaks of OTE: its figures may all be OTE, unless the
        # amount is named base pay ("£50,000 base salary") or the OTE is added to it
        # ("£45,000 + £15,000 OTE")
        after = written[written.find(salary.text or "") + len(salary.text or "") :][:40]
        return salary if salary.text and _BASE_BESIDE_OTE.match(after) else None
    return salary
