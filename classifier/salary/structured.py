"""Salary from the structured pay blocks sources publish.

Spiders keep each source's pay block as it came, tagged with a `kind`; this module
reads each kind. Only base pay counts: Ashby equity components, OTE-only ranges
and placeholders are refused, and RemoteOK's 0 means "unknown".
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from typing import Any, Final

from jobradar.classifier.salary.model import Period

# (min, max, currency, period, text) before normalisation
RawPay = tuple[float | None, float | None, str, Period, str]
# What a reader returns when the block states pay but none of it is base pay (OTE only):
# the listing then has no salary, whatever its text says.
NOT_BASE_PAY: Final = "not base pay"

_LEVER_INTERVALS: dict[str, Period] = {
    "per-year-salary": "year",
    "per-month-salary": "month",
    "per-week-salary": "week",
    "per-day-wage": "day",
    "per-hour-wage": "hour",
}
_WORD_PERIODS: dict[str, Period] = {
    "year": "year",
    "yearly": "year",
    "annual": "year",
    "annually": "year",
    "annum": "year",
    "month": "month",
    "monthly": "month",
    "week": "week",
    "weekly": "week",
    "day": "day",
    "daily": "day",
    "hour": "hour",
    "hourly": "hour",
}
_OTE = re.compile(r"\b(?:OTE|on[- ]target earnings?)\b", re.I)


def _number(value: Any) -> float | None:
    if value in (None, "", "None"):
        return None
    if isinstance(value, bool):
        return None
    try:
        number = float(str(value).replace(",", ""))
    except (ValueError, OverflowError):
        return None
    return number if math.isfinite(number) and number > 0 else None


def _period_word(value: Any) -> Period | None:
    if not isinstance(value, str):
        return None
    word = re.sub(r"^\d+\s*", "", value.strip().lower())  # Ashby's "1 YEAR"
    return _WORD_PERIODS.get(word)


def _pair(low: Any, high: Any) -> tuple[float | None, float | None] | None:
    minimum, maximum = _number(low), _number(high)
    if minimum is None and maximum is None:
        return None
    if minimum is not None and maximum is not None and minimum > maximum:
        minimum, maximum = maximum, minimum
    return minimum, maximum


def _remoteok(block: Mapping[str, Any]) -> RawPay | None:
    # No period field: the site's pay fields are yearly USD. Figures that cannot be
    # yearly (25–27) are left to the text rather than guessed to be hourly.
    pair = _pair(block.get("salary_min"), block.get("salary_max"))
    if pair is None or max(v for v in pair if v is not None) < 1000:
        return None
    span = " ".join(
        f"{name}={value:g}"
        for name, value in zip(("salary_min", "salary_max"), pair, strict=True)
        if value is not None
    )  # RemoteOK gives one bound and 0 (unknown) for the other often enough
    return pair[0], pair[1], "USD", "year", span


def _min_max(
    block: Mapping[str, Any], low: str, high: str, currency: str, period: str
) -> RawPay | None:
    pair = _pair(block.get(low), block.get(high))
    code = block.get(currency)
    unit = _period_word(block.get(period)) if block.get(period) else "year"
    if pair is None or not isinstance(code, str) or not code.strip() or unit is None:
        return None
    text = " ".join(
        f"{key}={block.get(key)}" for key in (low, high, currency, period) if key in block
    )
    return pair[0], pair[1], code.strip().upper(), unit, text


def _jobicy(block: Mapping[str, Any]) -> RawPay | None:
    return _min_max(block, "salaryMin", "salaryMax", "salaryCurrency", "salaryPeriod")


def _himalayas(block: Mapping[str, Any]) -> RawPay | None:
    return _min_max(block, "minSalary", "maxSalary", "currency", "salaryPeriod")


def _lever(block: Mapping[str, Any]) -> RawPay | None:
    salary_range = block.get("salaryRange")
    if not isinstance(salary_range, Mapping):
        return None
    pair = _pair(salary_range.get("min"), salary_range.get("max"))
    period = _LEVER_INTERVALS.get(str(salary_range.get("interval")))
    currency = salary_range.get("currency")
    if pair is None or period is None or not isinstance(currency, str):
        return None
    return pair[0], pair[1], currency.upper(), period, str(dict(salary_range))


def _ashby(block: Mapping[str, Any]) -> RawPay | str | None:
    compensation = block.get("compensation")
    if not isinstance(compensation, Mapping):
        return None
    for tier in compensation.get("compensationTiers") or []:
        for component in tier.get("components") or []:
            if component.get("compensationType") != "Salary":
                continue  # equity and commission components are not base pay
            summary = str(component.get("summary") or tier.get("tierSummary") or "")
            if _OTE.search(summary):
                return NOT_BASE_PAY  # the first range is OTE-only
            pair = _pair(component.get("minValue"), component.get("maxValue"))
            period = _period_word(component.get("interval"))
            currency = component.get("currencyCode")
            if pair is None or period is None or not isinstance(currency, str):
                continue
            return pair[0], pair[1], currency.upper(), period, summary
    return None


def _jsonld(block: Mapping[str, Any]) -> RawPay | None:
    salary = block.get("baseSalary")
    if isinstance(salary, list):
        salary = salary[0] if salary else None
    if isinstance(salary, int | float | str):
        salary = {"value": salary, "currency": block.get("salaryCurrency")}
    if not isinstance(salary, Mapping):
        return None
    value = salary.get("value")
    currency = salary.get("currency") or block.get("salaryCurrency")
    unit: Any = salary.get("unitText")
    if isinstance(value, Mapping):
        unit = value.get("unitText") or unit
        low, high = value.get("minValue"), value.get("maxValue")
        if low is None and high is None:
            low = high = value.get("value")
    else:
        low = high = value
    pair = _pair(low, high)
    period = _period_word(unit) if unit else "year"
    if pair is None or period is None or not isinstance(currency, str) or not currency.strip():
        return None
    return pair[0], pair[1], currency.strip().upper(), period, str(dict(salary))


_READERS: dict[str, Callable[[Mapping[str, Any]], RawPay | str | None]] = {
    "remoteok": _remoteok,
    "jobicy": _jobicy,
    "himalayas": _himalayas,
    "lever": _lever,
    "ashby": _ashby,
    "jsonld": _jsonld,
}
STRUCTURED_KINDS = (*_READERS, "pay_text")


def read_structured(block: Mapping[str, Any]) -> RawPay | str | None:
    """The base pay a structured block states before normalisation, `NOT_BASE_PAY`, or None.

    A `pay_text` block (Greenhouse's pay-transparency HTML, Remotive's salary field)
    holds text: `jobradar.classifier.salary.find_salary` reads those with the text extractor.
    """
    reader = _READERS.get(str(block.get("kind")))
    return reader(block) if reader else None
