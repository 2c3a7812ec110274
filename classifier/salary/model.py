"""The salary value: base pay as posted, and its annualised USD equivalent."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict

from jobradar.classifier.taxonomy import Period, midpoint


class Salary(BaseModel):
    """Base pay as posted (`min`/`max` in `currency` per `period`), plus normalisation.

    `min` or `max` may be None ("up to X", "from X"), never both. `origin` says
    whether a structured field or the text gave it; `text` is the span it came from.
    """

    model_config = ConfigDict(frozen=True)

    min: float | None
    max: float | None
    currency: str
    period: Period
    origin: Literal["structured", "text"]
    text: str = ""
    annual_usd_min: float | None = None
    annual_usd_max: float | None = None
    fx_rate: float | None = None  # units of `currency` per 1 USD on `fx_date`
    fx_date: date | None = None

    @property
    def midpoint(self) -> float | None:
        """One annual USD figure per listing: the midpoint, or the one bound given."""
        return midpoint(self.annual_usd_min, self.annual_usd_max)
