"""The HTML report: one self-contained page, inline SVG charts, every scraped string escaped.

It has the Markdown's sections in the same order (`data.sections`), and links each role's
Atom feed of new listings (`feeds/<role>.atom`, written beside it).
"""

from __future__ import annotations

from types import SimpleNamespace

import jinja2

from jobradar.classifier.taxonomy import REMOTE_TYPES, ROLE_SLUGS
from jobradar.report import charts
from jobradar.report.data import FEED_DAYS, TREND_DAYS, Report, sections
from jobradar.report.formats import (
    accuracy_lines,
    change,
    feed_path,
    groups_sentence,
    implausible_sentence,
    interval,
    money,
    share,
    thin_sentence,
    trend_medians,
    trend_shares,
)
from jobradar.store.salary_index import METHOD, MIN_SALARIES

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
    return SimpleNamespace(
        roles=charts.count_bars(
            "Listings per role", [(name(role), n) for role, n in by_count if n]
        ),
        skills=charts.count_bars(
            "Top skills, all roles (listings naming each)", report.skills.get("all", [])
        ),
        ranges=charts.range_bars(
            "Yearly base pay (USD, remote + hybrid): bar p25 to p75, tick the median, "
            "line the median's 95 % interval",
            [(name(cell.role), cell) for cell in [*report.groups[:2], *report.role_rows()]],
        ),
        medians=charts.trend(
            f"Median yearly pay over the last {TREND_DAYS} days (USD, remote + hybrid)",
            trend_medians(report),
            percent=False,
        ),
        shares=charts.trend(
            f"Share of listings remote and hybrid over the last {TREND_DAYS} days",
            trend_shares(report),
            percent=True,
        ),
    )


def to_html(report: Report) -> str:
    low, high = report.fx_dates
    return _ENVIRONMENT.get_template("report.html.j2").render(
        report=report,
        sections=sections(report),
        charts=_charts(report),
        accuracy=accuracy_lines(report),
        method=METHOD,
        min_salaries=MIN_SALARIES,
        fx_low=low.isoformat() if low else None,
        fx_high=high.isoformat() if high else None,
        role_name=report.role_name,
        roles=ROLE_SLUGS,
        remote_types=REMOTE_TYPES,
        feed_days=FEED_DAYS,
        money=money,
        change=change,
        interval=interval,
        share=share,
        thin_sentence=thin_sentence,
        implausible=implausible_sentence(report),
        groups=groups_sentence(report),
        feed_path=feed_path,
        width=charts.WIDTH,
        label_width=charts.LABEL,
    )
