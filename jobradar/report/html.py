"""The HTML report: one self-contained page, inline SVG charts, every scraped string escaped."""

from __future__ import annotations

from types import SimpleNamespace

import jinja2

from jobradar.report import charts
from jobradar.report.data import TREND_DAYS, Report
from jobradar.report.formats import change, money
from jobradar.store.salary_index import METHOD, MIN_SALARIES

TREND_ROLES = 5  # the roles with the most salaries get a median line, with "all"

_ENVIRONMENT = jinja2.Environment(
    loader=jinja2.PackageLoader("jobradar.report", "templates"),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)
_ENVIRONMENT.tests["safe_url"] = lambda url: (
    isinstance(url, str) and url.startswith(("https://", "http://"))
)


def _charts(report: Report) -> SimpleNamespace:
    name = report.role_name
    by_count = sorted(report.roles.items(), key=lambda item: -item[1])
    per_role = [cell for cell in report.index if cell.seniority == "all"]
    ranked = sorted(
        (cell for cell in per_role if cell.role != "all"), key=lambda cell: -cell.n_with_salary
    )
    trend_roles = ["all", *(cell.role for cell in ranked[:TREND_ROLES])]
    medians = charts.median_series(report.history, trend_roles)
    return SimpleNamespace(
        roles=charts.count_bars(
            "Listings per role", [(name(role), n) for role, n in by_count if n]
        ),
        skills=charts.count_bars(
            "Top skills, all roles (listings naming each)", report.skills.get("all", [])
        ),
        ranges=charts.range_bars(
            "Yearly base pay, p25 to p75, median marked (USD, remote + hybrid)",
            [(name(cell.role), cell) for cell in per_role],
        ),
        medians=charts.trend(
            f"Median pay, last {TREND_DAYS} days (USD)",
            {name(role): medians[role] for role in trend_roles if role in medians},
            report.day,
            TREND_DAYS,
            percent=False,
        ),
        shares=charts.trend(
            f"Share of listings remote and hybrid, last {TREND_DAYS} days",
            charts.share_series(report.shares),
            report.day,
            TREND_DAYS,
            percent=True,
        ),
    )


def to_html(report: Report) -> str:
    low, high = report.fx_dates
    return _ENVIRONMENT.get_template("report.html.j2").render(
        report=report,
        charts=_charts(report),
        accuracy=report.accuracy,
        method=METHOD,
        min_salaries=MIN_SALARIES,
        fx_low=low.isoformat() if low else None,
        fx_high=high.isoformat() if high else None,
        role_name=report.role_name,
        money=money,
        change=change,
        width=charts.WIDTH,
        label_width=charts.LABEL,
    )
