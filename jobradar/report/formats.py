"""The salary index as JSON, CSV and Markdown (the contract's shapes)."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from jobradar.report.data import Report
from jobradar.store.salary_index import METHOD, MIN_SALARIES

INDEX_FIELDS = (
    "role",
    "seniority",
    "n_listings",
    "n_with_salary",
    "disclosure_rate",
    "p25",
    "median",
    "p75",
    "change_30d",
)


def index_document(report: Report) -> dict[str, Any]:
    """`jobradar salary-index --format json`: {"date", "currency": "USD", "rows": [...]}."""
    return {
        "date": report.day.isoformat(),
        "currency": "USD",
        "rows": [{name: getattr(cell, name) for name in INDEX_FIELDS} for cell in report.index],
    }


def to_json(report: Report) -> str:
    return json.dumps(index_document(report), indent=2) + "\n"


def to_csv(report: Report) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(
        out, fieldnames=["date", "currency", *INDEX_FIELDS], lineterminator="\n"
    )
    writer.writeheader()
    for row in index_document(report)["rows"]:
        writer.writerow({"date": report.day.isoformat(), "currency": "USD", **row})
    return out.getvalue()


def money(value: float | None, n: int, symbol: str = "$") -> str:
    """A percentile for people: "$182,500", or "—(n=3)" when too few salaries back it."""
    if value is None:
        return f"—(n={n})"
    return f"{symbol}{value:,.0f}"


def change(value: float | None) -> str:
    return "—" if value is None else f"{value:+.1%}"


def _md_text(text: str) -> str:
    """Scraped text as Markdown text, never markup: escape what Markdown or HTML would read."""
    escaped = text.replace("\\", "\\\\")
    for char in "`*_{}[]()<>#+-.!|&":
        escaped = escaped.replace(char, "\\" + char)
    return escaped


def _md_link(text: str, url: str) -> str:
    """A link only to a plain http(s) URL with nothing Markdown would read inside it."""
    if url.startswith(("https://", "http://")) and not any(c in url for c in ' <>()[]"\\'):
        return f"[{text}]({url})"
    return text


def to_markdown(report: Report) -> str:
    lines = [
        f"# Remote AI-infrastructure jobs: salary index, {report.day.isoformat()}",
        "",
        _md_text(report.provenance),
        "",
        f"{report.total} active remote, hybrid and other listings; the index covers remote and hybrid ones, "
        "each cross-source duplicate once. Pay is yearly base pay in USD.",
        "",
        "## Salary index (USD, remote + hybrid)",
        "",
        "| Role | Seniority | Listings | With salary | Disclosure | p25 | Median | p75 | 30-day change |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for cell in report.index:
        lines.append(
            f"| {_md_text(report.role_name(cell.role))} | {cell.seniority} | {cell.n_listings} | "
            f"{cell.n_with_salary} | {cell.disclosure_rate:.0%} | {money(cell.p25, cell.n_with_salary)} | "
            f"{money(cell.median, cell.n_with_salary)} | {money(cell.p75, cell.n_with_salary)} | "
            f"{change(cell.change_30d)} |"
        )
    lines += ["", "## Listings per role", "", "| Role | Listings |", "|---|---:|"]
    for role, count in sorted(report.roles.items(), key=lambda item: -item[1]):
        lines.append(f"| {_md_text(report.role_name(role))} | {count} |")
    if report.top_paid:
        lines += [
            "",
            "## Highest-paid listings",
            "",
            "| Listing | Company | Role | Work | Yearly pay |",
        ]
        lines.append("|---|---|---|---|---:|")
        for listing in report.top_paid:
            link = _md_link(_md_text(listing.title), listing.url)
            lines.append(
                f"| {link} | {_md_text(listing.company or '')} | {_md_text(report.role_name(listing.role))} | "
                f"{listing.remote_type} | ${listing.pay:,.0f} |"
            )
    if report.crawls:
        lines += [
            "",
            "## Today's crawls",
            "",
            "| Source | Status | Fetched | New | Updated | Unchanged | Closed | Errors | Note |",
            "|---|---|---:|---:|---:|---:|---:|---:|---|",
        ]
        for crawl in report.crawls:
            lines.append(
                f"| {crawl.source} | {crawl.status} | {crawl.fetched} | {crawl.new} | {crawl.updated} | "
                f"{crawl.unchanged} | {crawl.closed} | {crawl.errors} | {_md_text(crawl.message or '')} |"
            )
    low, high = report.fx_dates
    lines += ["", "## Method", "", *METHOD, ""]
    if low:
        lines.append(
            f"Exchange rates: European Central Bank reference rates of {low.isoformat()}"
            + (f" to {high.isoformat()}" if high and high != low else "")
            + "."
        )
    lines.append(
        f"Cells with fewer than {MIN_SALARIES} salaries show —(n=…) instead of percentiles."
    )
    if report.classifiers:
        lines.append(f"Roles tagged by: {', '.join(report.classifiers)}.")
    lines += ["", "## Sources", ""]
    for credit in report.credits:
        link = f"[{credit.name}]({credit.url})" if credit.url else credit.name
        lines.append(f"- {link}: {credit.listings} listings")
    return "\n".join(lines) + "\n"
