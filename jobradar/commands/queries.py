"""Commands that read the store: `roles`, `salary-index`, `sources` and `search`."""

from __future__ import annotations

import json
from pathlib import Path

import click

from jobradar.classifier.taxonomy import REMOTE_TYPES, ROLE_SLUGS, SENIORITIES
from jobradar.commands.common import (
    db_option,
    listing_filter_options,
    parse_day,
    rows_format_option,
    sources_option,
    store,
    writable_file,
    write_rows,
)


@click.command("roles")
@click.option(
    "--date",
    "day",
    metavar="YYYY-MM-DD",
    help="Count listings active on this date (default: today).",
)
@click.option("--remote-type", type=click.Choice(REMOTE_TYPES), multiple=True)
@click.option("--source", "source_names", multiple=True, metavar="SOURCE")
@click.option("--seniority", type=click.Choice(SENIORITIES), multiple=True)
@listing_filter_options
@rows_format_option
@db_option
def roles_command(
    *,
    day: str | None,
    remote_type: tuple[str, ...],
    source_names: tuple[str, ...],
    seniority: tuple[str, ...],
    countries: tuple[str, ...],
    companies: tuple[str, ...],
    min_confidence: float | None,
    fmt: str,
    db: str | None,
) -> None:
    """Listings per role, duplicates counted once (a past date: from its daily snapshot,
    unless a filter asks for what snapshots do not keep: country, company, confidence)."""
    from jobradar import api
    from jobradar.crawler.registry import known_sources
    from jobradar.store.queries import ListingFilter

    unknown = sorted(set(source_names) - set(known_sources()))
    if unknown:
        raise click.BadParameter(
            f"no source {unknown[0]!r}; known: {', '.join(known_sources())}",
            param_hint="'--source'",
        )
    when = parse_day(day)
    facets = ListingFilter(
        remote_types=remote_type or None,
        sources=source_names or None,
        seniorities=seniority or None,
        countries=countries or None,
        companies=companies or None,
        min_confidence=min_confidence,
    )
    document = api.roles(store(db), when, facets, from_snapshot=day is not None)
    rows = [[entry["role"], entry["count"]] for entry in document["roles"]]
    write_rows(
        fmt,
        ["role", "count"],
        rows,
        document,
        f"Listings per role, {when.isoformat()} (total {document['total']})",
    )


@click.command("salary-index")
@click.option(
    "--date", "day", metavar="YYYY-MM-DD", help="The index of this date (default: today)."
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["md", "html", "json", "csv"]),
    default="md",
    show_default=True,
)
@click.option("--out", "out", metavar="PATH", help="Write to this file instead of standard output.")
@db_option
def salary_index_command(day: str | None, fmt: str, out: str | None, db: str | None) -> None:
    """The salary index: p25 / median / p75 per role and seniority."""
    from jobradar.report import build_report, render

    target = writable_file(Path(out), "'--out'") if out else None
    text = render(build_report(store(db), parse_day(day)), fmt)
    if target is not None:
        target.write_text(text, encoding="utf-8")
    else:
        click.echo(text, nl=False)


@click.command("sources")
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True
)
@sources_option
@db_option
def sources_command(fmt: str, sources: str | None, db: str | None) -> None:
    """Configured sources, their terms, and the health of their last crawl."""
    from jobradar import api
    from jobradar.console import console, table
    from jobradar.crawler.sources import sources_path

    document = api.sources(store(db), sources_path(sources))
    if fmt == "json":
        click.echo(json.dumps(document, indent=2))
        return
    rows = []
    for entry in document["sources"]:
        run = entry["last_run"] or {}
        coverage = run.get("coverage") or {}
        rows.append(
            [
                entry["source"],
                "yes" if entry["enabled"] else "no",
                entry["boards"] or "",
                run.get("status", "never run"),
                (run.get("started_at") or "")[:16],
                run.get("fetched", ""),
                run.get("new", ""),
                run.get("closed", ""),
                run.get("errors", ""),
                run.get("bad_records", ""),
                " ".join(f"{k[:4]} {v:.0%}" for k, v in coverage.items()),
                run.get("message") or "",
            ]
        )
    header = [
        "source",
        "enabled",
        "boards",
        "last run",
        "started",
        "fetched",
        "new",
        "closed",
        "errors",
        "bad records",
        "coverage",
        "note",
    ]
    console.print(table("Sources", header, rows))


@click.command("search")
@click.argument("query", required=False, default="")
@click.option("--role", "roles", type=click.Choice(ROLE_SLUGS), multiple=True)
@click.option("--remote-type", type=click.Choice(REMOTE_TYPES), multiple=True)
@click.option(
    "--min-salary",
    type=click.FloatRange(min=0),
    metavar="USD",
    help="Only listings whose yearly pay reaches this (USD).",
)
@click.option(
    "--since",
    metavar="YYYY-MM-DD",
    help="Only listings first seen on or after this date.",
)
@listing_filter_options
@click.option("--limit", type=click.IntRange(min=1, max=10_000), default=20, show_default=True)
@rows_format_option
@db_option
def search_command(
    *,
    query: str,
    roles: tuple[str, ...],
    remote_type: tuple[str, ...],
    min_salary: float | None,
    since: str | None,
    countries: tuple[str, ...],
    companies: tuple[str, ...],
    min_confidence: float | None,
    limit: int,
    fmt: str,
    db: str | None,
) -> None:
    """Active listings whose title, company or description holds every word of QUERY
    (whole words, stemmed: "model" finds "models"), best match first."""
    from jobradar import api
    from jobradar.store.queries import ListingFilter

    today = parse_day(None)
    first_seen = parse_day(since, "'--since'") if since else None
    if first_seen is not None and first_seen > today:
        raise click.BadParameter(f"{since} is in the future", param_hint="'--since'")
    document = api.search(
        store(db),
        today,
        query.split(),
        ListingFilter(
            remote_types=remote_type or None,
            roles=roles or None,
            countries=countries or None,
            companies=companies or None,
            min_confidence=min_confidence,
            since=first_seen,
        ),
        min_salary=min_salary,
        limit=limit,
    )
    found = document["results"]
    rows = [[hit[name] for name in api.SEARCH_FIELDS] for hit in found]
    write_rows(fmt, list(api.SEARCH_FIELDS), rows, document, f"{len(found)} listings")
