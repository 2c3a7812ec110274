"""What the commands share: the --db and --sources options, dates, rows in three formats."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, date, datetime
from typing import Any

import click

from jobradar.console import console, table
from jobradar.crawler.sources import sources_path
from jobradar.datadir import find_data_dir
from jobradar.scheduler.jobs import CrawlOptions
from jobradar.store.engine import database_url

db_option = click.option(
    "--db",
    "db",
    metavar="URL",
    help="Database URL (default: $JOBRADAR_DATABASE_URL, else sqlite:///jobradar.db).",
)
sources_option = click.option(
    "--sources",
    "sources",
    metavar="FILE",
    help="Sources file (default: $JOBRADAR_SOURCES, else the packaged one).",
)


data_dir_option = click.option(
    "--data-dir",
    "data_dir",
    metavar="DIR",
    help="Real recordings and corpus (default: $JOBRADAR_DATA, else ../shared beside the "
    "repository when it exists).",
)
offline_option = click.option(
    "--offline",
    is_flag=True,
    help="No network: replay the data directory's recordings, or without one the demo market.",
)
out_option = click.option(
    "--out", "out", default="reports", metavar="DIR", show_default=True, help="Where reports go."
)
rows_format_option = click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "csv"]),
    default="table",
    show_default=True,
)


def parse_day(value: str | None) -> date:
    if value is None:
        return datetime.now(UTC).date()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(
            f"{value!r} is not a date (YYYY-MM-DD)", param_hint="'--date'"
        ) from None


demo_option = click.option(
    "--demo",
    is_flag=True,
    help="With --offline: replay jobradar's generated demo market even when a data "
    "directory exists.",
)


def crawl_options(
    db: str | None,
    sources: str | None,
    offline: bool,
    only: tuple[str, ...] = (),
    *,
    data_dir: str | None = None,
    demo: bool = False,
) -> CrawlOptions:
    if demo and not offline:
        raise click.UsageError("--demo replays the demo market: use it with --offline")
    found = None if demo else find_data_dir(data_dir)
    return CrawlOptions(
        database_url=database_url(db),
        sources_file=sources_path(sources),
        only=only,
        offline=offline,
        data_dir=found.root if found else None,
    )


def write_rows(
    fmt: str, header: list[str], rows: list[list[Any]], document: dict[str, Any], title: str
) -> None:
    if fmt == "json":
        click.echo(json.dumps(document, indent=2))
    elif fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
        click.echo(out.getvalue(), nl=False)
    else:
        console.print(table(title, header, rows))
