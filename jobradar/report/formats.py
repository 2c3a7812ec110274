"""The salary index as JSON, CSV and Markdown (the contract's shapes)."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from typing import Any

from jobradar.classifier.taxonomy import (
    AI_INFRA_ROLES,
    AI_ML_ROLES,
    PLAUSIBLE_ANNUAL_USD,
    REMOTE_TYPES,
    ROLE_SLUGS,
)
from jobradar.report.charts import MIN_POINTS, median_series, share_series
from jobradar.report.data import FEED_DAYS, Report, accuracy_figures, sections
from jobradar.store.salary_index import METHOD, MIN_SALARIES, IndexCell
from jobradar.store.snapshots import STORED_FIELDS

TREND_ROLES = 5  # the AI/ML roles with the most salaries get a median line, with "all"

# a row of salary-index.json / .csv (DESIGN.md's contract): the fields a snapshot keeps
INDEX_FIELDS = STORED_FIELDS


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


def interval(cell: IndexCell, name: str = "median", symbol: str = "$") -> str:
    """A percentile's 95 % interval for people: "$140,000–$164,000", or "—" without one."""
    found = cell.intervals.get(name)
    if not found:
        return "—"
    return f"{symbol}{found[0]:,.0f}–{symbol}{found[1]:,.0f}"


def share(part: int, whole: int) -> str:
    return f"{part / whole:.0%}" if whole else "—"


def _table(headers: list[str], rows: list[list[str]], right: int = 1) -> list[str]:
    """A Markdown table; columns from `right` on are right-aligned (numbers). No rows, no
    table: a header alone reads as a broken page."""
    if not rows:
        return ["None on this day."]
    align = ["---" if i < right else "---:" for i in range(len(headers))]
    return [
        "| " + " | ".join(headers) + " |",
        "| " + " | ".join(align) + " |",
        *("| " + " | ".join(row) + " |" for row in rows),
    ]


def thin_sentence(report: Report, currency: str = "USD", mode: str = "remote+hybrid") -> str:
    """The roles with too few salaries, named in one sentence instead of empty rows."""
    thin = report.thin_roles(currency, mode)
    if not thin:
        return ""
    names = ", ".join(
        f"{report.role_name(c.role)} ({c.n_with_salary} of {c.n_listings} jobs)" for c in thin
    )
    return f"Fewer than {MIN_SALARIES} salaries, so no percentiles: {names}."


def headline_lines(report: Report) -> list[str]:
    """The headline figures as sentences: AI/ML, the AI-infrastructure family, the rest."""
    lines = []
    for cell in report.groups:
        if cell.role == "all":
            continue
        name = report.role_name(cell.role)
        if not cell.n_listings:
            lines.append(f"{name}: no remote or hybrid jobs on this day.")
            continue
        if cell.median is None:
            lines.append(
                f"{name}: {cell.n_with_salary} salaries of {cell.n_listings} jobs, "
                f"too few for a median (fewer than {MIN_SALARIES})."
            )
            continue
        lines.append(
            f"{name}: median {money(cell.median, cell.n_with_salary)} "
            f"(95 % interval {interval(cell)}), p25 {money(cell.p25, cell.n_with_salary)} "
            f"({interval(cell, 'p25')}), p75 {money(cell.p75, cell.n_with_salary)} "
            f"({interval(cell, 'p75')}); n = {cell.n_with_salary} salaries of "
            f"{cell.n_listings} jobs ({cell.disclosure_rate:.0%} state pay)"
            + (f"; {cell.n_implausible} implausible left out." if cell.n_implausible else ".")
        )
    return lines


def _index_rows(report: Report, cells: list[IndexCell], symbol: str = "$") -> list[list[str]]:
    return [
        [
            _md_text(report.role_name(c.role)),
            str(c.n_listings),
            str(c.n_with_salary),
            f"{c.disclosure_rate:.0%}",
            money(c.p25, c.n_with_salary, symbol),
            money(c.median, c.n_with_salary, symbol),
            interval(c, "median", symbol),
            money(c.p75, c.n_with_salary, symbol),
            change(c.change_30d),
        ]
        for c in cells
    ]


NO_ROWS = f"No role has {MIN_SALARIES} salaries or more here yet."


def _index_table(report: Report, cells: list[IndexCell]) -> list[str]:
    return _table(INDEX_HEADERS, _index_rows(report, cells)) if cells else [NO_ROWS]


INDEX_HEADERS = [
    "Role",
    "Jobs",
    "With salary",
    "Disclosure",
    "p25",
    "Median",
    "Median, 95 % interval",
    "p75",
    "30-day change",
]


def _md_section(report: Report, key: str) -> list[str]:  # noqa: PLR0911, PLR0912 (one branch a section)
    if key == "headline":
        return [f"- {_md_text(line)}" for line in headline_lines(report)]
    if key == "by-role":
        lines = _index_table(report, report.role_rows())
        thin = thin_sentence(report)
        return [*lines, "", _md_text(thin)] if thin else lines
    if key == "by-seniority":
        rows = [
            [_md_text(report.role_name(c.role)), c.seniority, *_index_rows(report, [c])[0][1:]]
            for c in report.seniority_rows()
        ]
        lines = (
            _table(["Role", "Seniority", *INDEX_HEADERS[1:]], rows, right=2) if rows else [NO_ROWS]
        )
        hidden = report.thin_seniority_cells()
        if hidden:
            lines += [
                "",
                f"{hidden} role × seniority cells have fewer than {MIN_SALARIES} salaries: "
                "they are counted in their role's row only.",
            ]
        return lines
    if key == "trends":
        return _md_trends(report)
    if key == "work-modes":
        return _md_work_modes(report)
    if key == "currencies":
        return _md_currencies(report)
    if key == "listings":
        rows = [
            [_md_text(report.role_name(role)), str(count)]
            for role, count in sorted(report.roles.items(), key=lambda item: -item[1])
            if count
        ]
        return _table(["Role", "Listings"], rows)
    if key == "employers":
        return _md_employers(report)
    if key == "churn":
        return _md_churn(report)
    if key == "skills":
        rows = [
            [
                _md_text(report.role_name(role)),
                _md_text(", ".join(f"{skill} ({n})" for skill, n in skills[:8])),
            ]
            for role, skills in sorted(report.skills.items())
            if role != "all"
        ]
        return _table(["Role", "Skills (listings naming each)"], rows, right=2)
    if key == "top-paid":
        rows = [
            [
                _md_link(_md_text(listing.title), listing.url),
                _md_text(listing.company or ""),
                _md_text(report.role_name(listing.role)),
                listing.remote_type,
                f"${listing.pay:,.0f}",
            ]
            for listing in report.top_paid
        ]
        return _table(["Listing", "Company", "Role", "Work", "Yearly pay"], rows, right=4)
    if key == "feeds":
        return [
            f"- {_md_text(report.role_name(role))}: `{feed_path(role)}` "
            f"({len(report.new_listings.get(role, []))} listings first seen in the last {FEED_DAYS} days)"
            for role in ROLE_SLUGS
        ]
    if key == "crawls":
        rows = [
            [
                crawl.source,
                crawl.status,
                str(crawl.fetched),
                str(crawl.new),
                str(crawl.updated),
                str(crawl.unchanged),
                str(crawl.closed),
                str(crawl.errors),
                _md_text(crawl.message or ""),
            ]
            for crawl in report.crawls
        ]
        headers = ["Source", "Status", "Fetched", "New", "Updated", "Unchanged", "Closed"]
        return _table([*headers, "Errors", "Note"], rows, right=2)
    if key == "accuracy":
        return [f"- {_md_text(line)}" for line in accuracy_lines(report)]
    if key == "method":
        return _md_method(report)
    return [
        f"- {f'[{c.name}]({c.url})' if c.url else c.name}: {c.listings} listings"
        for c in report.credits
    ]


def _md_trends(report: Report) -> list[str]:
    medians = trend_medians(report)
    lines: list[str] = []
    if medians:
        days = sorted({day for points in medians.values() for day, _ in points})
        by_day = {label: dict(points) for label, points in medians.items()}
        rows = [
            [
                day.isoformat(),
                *(
                    f"${by_day[label][day]:,.0f}" if day in by_day[label] else "—"
                    for label in medians
                ),
            ]
            for day in days
        ]
        lines += ["Median yearly pay (USD, remote + hybrid) per snapshot day:", ""]
        lines += _table(["Day", *(_md_text(label) for label in medians)], rows)
    else:
        lines.append(f"Median pay over time: {report.history_note}")
    shares = trend_shares(report)
    lines.append("")
    if shares:
        rows = [
            [day.isoformat(), f"{remote:.0%}", f"{hybrid:.0%}"]
            for (day, remote), (_, hybrid) in zip(shares["remote"], shares["hybrid"], strict=True)
        ]
        lines += ["Share of listings remote and hybrid per snapshot day:", ""]
        lines += _table(["Day", "Remote", "Hybrid"], rows)
    else:
        lines.append(f"Remote and hybrid shares over time: {report.history_note}")
    return lines


def _md_work_modes(report: Report) -> list[str]:
    rows = []
    for role in (*ROLE_SLUGS, "ai-ml", "all"):
        modes = report.work_modes.get(role)
        if not modes:
            continue
        total = sum(modes.values())
        rows.append(
            [
                _md_text(report.role_name(role)),
                str(total),
                *(share(modes.get(mode, 0), total) for mode in REMOTE_TYPES),
            ]
        )
    headers = ["Role", "Listings", *(m.capitalize() for m in REMOTE_TYPES)]
    lines = _table(headers, rows) if rows else ["No listings on this day."]
    for mode in ("remote", "hybrid"):
        lines += ["", f"{mode.capitalize()} only, yearly pay in USD:", ""]
        lines += _index_table(report, report.role_rows("USD", mode))
        thin = thin_sentence(report, "USD", mode)
        if thin:
            lines += ["", _md_text(thin)]
    return lines


def _md_currencies(report: Report) -> list[str]:
    lines = [
        'Salaries posted in euros or pounds, not converted. "Posted in EUR" is the share of a '
        "role's jobs whose pay was posted in that currency, not a disclosure rate.",
    ]
    for currency, symbol in (("EUR", "€"), ("GBP", "£")):
        # the index's columns but the 30-day change, which is kept for USD only
        rows = [row[:-1] for row in _index_rows(report, report.role_rows(currency), symbol)]
        headers = ["Role", "Jobs", f"Posted in {currency}", f"Share posted in {currency}"]
        headers += ["p25", "Median", "Median, 95 % interval", "p75"]
        lines += ["", f"{currency} ({symbol}), remote and hybrid:", ""]
        if rows:
            lines += _table(headers, rows)
        posted = next((c for c in report.cells(currency) if c.role == c.seniority == "all"), None)
        count = posted.n_with_salary if posted else 0
        if not rows or count < MIN_SALARIES:
            lines.append(
                f"{count} jobs posted pay in {currency}: fewer than {MIN_SALARIES} in every role."
            )
    return lines


def _md_employers(report: Report) -> list[str]:
    rows = [
        [_md_text(report.role_name(role)), _md_text(e.company), str(e.jobs), str(e.listings)]
        for role in ROLE_SLUGS
        for e in report.employers.get(role, [])
    ]
    intro = [
        "The employers with the most open jobs per AI/ML role (jobs: distinct titles; "
        "listings: every place a job is posted).",
        "",
    ]
    return intro + _table(["Role", "Employer", "Jobs", "Listings"], rows, right=2)


def _md_churn(report: Report) -> list[str]:
    rows = [
        [
            c.day.isoformat(),
            c.since.isoformat() if c.since else "first crawl",
            str(c.opened),
            str(c.closed),
            str(c.open),
        ]
        for c in report.churn
    ]
    lines = ["AI/ML listings opened and closed since the previous snapshot day:", ""]
    lines += _table(["Day", "Since", "Opened", "Closed", "Open at the end of the day"], rows, 2)
    ages = [
        [_md_text(report.role_name(role)), f"{report.posting_ages[role]:.0f}"]
        for role in (*ROLE_SLUGS, "all")
        if role in report.posting_ages
    ]
    lines += ["", "Median age of open AI/ML listings, in days since posted (or first seen):", ""]
    return lines + _table(["Role", "Median age (days)"], ages)


def implausible_sentence(report: Report) -> str:
    """How many jobs' pay the index left out as implausible on the report's day."""
    overall = next((c for c in report.groups if c.role == "all"), None)
    count = overall.n_implausible if overall else 0
    low, high = PLAUSIBLE_ANNUAL_USD
    return (
        f"Left out as implausible today: {count} job{'s' if count != 1 else ''} whose only "
        f"yearly pay was under ${low:,.0f} or over ${high:,.0f}."
    )


def groups_sentence(report: Report) -> str:
    """Which roles the headline's groups are made of (taxonomy.md)."""
    infra = ", ".join(report.role_name(role) for role in AI_INFRA_ROLES)
    return (
        "Headline groups: AI/ML roles are every role but Other (the rest of the remote "
        f"market); the AI-infrastructure family is {infra}."
    )


def _md_method(report: Report) -> list[str]:
    lines = [*METHOD, "", groups_sentence(report), implausible_sentence(report)]
    low, high = report.fx_dates
    if low:
        lines.append(
            f"Exchange rates: European Central Bank reference rates of {low.isoformat()}"
            + (f" to {high.isoformat()}" if high and high != low else "")
            + "."
        )
    lines.append(
        f"A role or cell with fewer than {MIN_SALARIES} salaries has no percentiles: it is named "
        "below its table, not listed with empty figures."
    )
    if report.classifiers:
        lines.append(f"Roles tagged by: {', '.join(report.classifiers)}.")
    return lines


def accuracy_lines(report: Report) -> list[str]:
    split, figures, threshold = accuracy_figures(report.accuracy)
    lines = []
    for figure in figures:
        value = f"{figure.value:.1%}" if figure.percent else f"{figure.value:.2f}"
        if figure.low is not None and figure.high is not None:
            low, high = (
                (f"{figure.low:.1%}", f"{figure.high:.1%}")
                if figure.percent
                else (f"{figure.low:.2f}", f"{figure.high:.2f}")
            )
            value += f" (95 % interval {low}–{high})"
        if figure.n:
            value += f", n = {figure.n}"
        lines.append(f"{figure.label}: {value}")
    if split:
        lines.append(f"Measured on the {split}.")
    if threshold is not None:
        lines.append(f"Role tags with a confidence below {threshold:.2f} count as low-confidence.")
    flagged = sum(report.low_confidence.values())
    if threshold is not None and report.total:
        ai_ml = sum(n for role, n in report.low_confidence.items() if role != "other")
        lines.append(
            f"Low-confidence tags today: {flagged} of {report.total} listings "
            f"({flagged / report.total:.0%}), "
            f"{ai_ml} of them in an AI/ML role; they are counted in their role and flagged here."
        )
    if not figures:
        lines.append("No measured figures are available for the tags in use.")
    return lines


def to_markdown(report: Report) -> str:
    title = f"Remote AI/ML jobs: salary index, {report.day.isoformat()}"
    lines = [
        f"# {title}",
        "",
        f"**{_md_text(report.provenance)}**",
        "",
        f"{report.total} active listings (each cross-source duplicate once); the salary index "
        "covers remote and hybrid ones, one job per employer and title. Pay is yearly base pay in USD.",
    ]
    for key, heading in sections(report):
        lines += ["", f"## {heading}", "", *_md_section(report, key)]
    return "\n".join(lines) + "\n"


def feed_path(role: str) -> str:
    """Where a role's Atom feed is written, relative to the report's folder."""
    return f"feeds/{role}.atom"


def trend_medians(report: Report) -> dict[str, list[tuple[date, float]]]:
    """Median lines of "all" and the AI/ML roles with the most salaries: only lines of two
    days or more."""
    ranked = sorted(
        (c for c in report.index if c.seniority == "all" and c.role in AI_ML_ROLES),
        key=lambda c: -c.n_with_salary,
    )
    roles = ["all", *(c.role for c in ranked[:TREND_ROLES])]
    series = median_series(report.history, roles)
    return {
        report.role_name(role): series[role]
        for role in roles
        if len(series.get(role, [])) >= MIN_POINTS
    }


def trend_shares(report: Report) -> dict[str, list[tuple[date, float]]]:
    shares = share_series(report.shares)
    return shares if all(len(points) >= MIN_POINTS for points in shares.values()) else {}


def report_document(report: Report) -> dict[str, Any]:
    """`report.json`: everything the report shows, for tools (the contract's index is
    `salary-index.json`; this one carries intervals, groups and the other sections)."""

    def cell(c: IndexCell) -> dict[str, Any]:
        return {
            **{name: getattr(c, name) for name in INDEX_FIELDS},
            "name": report.role_name(c.role),
            "n_implausible": c.n_implausible,
            "intervals": {name: list(pair) for name, pair in c.intervals.items()},
        }

    split, figures, threshold = accuracy_figures(report.accuracy)
    return {
        "date": report.day.isoformat(),
        "generated_at": report.generated_at.isoformat(timespec="seconds"),
        "provenance": {
            "kind": report.kind,
            "origin": report.origin,
            "text": report.provenance,
            "snapshot_days": [d.isoformat() for d in report.snapshot_days],
        },
        "currency": "USD",
        "sections": [{"id": key, "title": title} for key, title in sections(report)],
        "headline": [cell(c) for c in report.groups],
        "index": [cell(c) for c in report.index],
        "thin_roles": [c.role for c in report.thin_roles()],
        "views": {
            f"{currency}/{mode}": [cell(c) for c in cells]
            for (currency, mode), cells in report.views.items()
        },
        "listings_per_role": report.roles,
        "work_modes": report.work_modes,
        "employers": {
            role: [{"company": e.company, "jobs": e.jobs, "listings": e.listings} for e in found]
            for role, found in report.employers.items()
        },
        "churn": [
            {
                "date": c.day.isoformat(),
                "since": c.since.isoformat() if c.since else None,
                "opened": c.opened,
                "closed": c.closed,
                "open": c.open,
            }
            for c in report.churn
        ],
        "median_posting_age_days": report.posting_ages,
        "trends": {
            "median_usd": {
                label: [[d.isoformat(), v] for d, v in points]
                for label, points in trend_medians(report).items()
            },
            "work_mode_share": {
                label: [[d.isoformat(), round(v, 4)] for d, v in points]
                for label, points in trend_shares(report).items()
            },
            "history_note": report.history_note,
        },
        "skills": {role: [[s, n] for s, n in found] for role, found in report.skills.items()},
        "top_paid": [
            {
                "title": p.title,
                "company": p.company,
                "role": p.role,
                "remote_type": p.remote_type,
                "pay": p.pay,
                "url": p.url,
            }
            for p in report.top_paid
        ],
        "feeds": {
            role: {"path": feed_path(role), "entries": len(report.new_listings.get(role, []))}
            for role in ROLE_SLUGS
        },
        "accuracy": {
            "split": split,
            "low_confidence_below": threshold,
            "low_confidence_listings": report.low_confidence,
            "figures": {
                f.name: {"value": f.value, "low": f.low, "high": f.high, "n": f.n} for f in figures
            },
        },
        "sources": [{"name": c.name, "url": c.url, "listings": c.listings} for c in report.credits],
        "method": [line[2:] for line in METHOD],
        "implausible_left_out": next(
            (c.n_implausible for c in report.groups if c.role == "all"), 0
        ),
    }


def to_report_json(report: Report) -> str:
    return json.dumps(report_document(report), indent=2) + "\n"
