"""The listings-table columns of what jobradar derives, shared by the crawl and re-tagging."""

from __future__ import annotations

from typing import Any

from jobradar.classifier.remote import WorkMode
from jobradar.classifier.salary import Salary


def work_mode_columns(mode: WorkMode) -> dict[str, Any]:
    return {
        "remote_type": mode.remote_type,
        "remote_scope": mode.scope,
        "countries": mode.countries,
    }


def salary_columns(pay: Salary | None) -> dict[str, Any]:
    return {
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
    }
