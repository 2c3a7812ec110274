"""What the commands share: the --db and --sources options, dates, rows in three formats.

The command modules import what they work with inside their functions: `jobradar --help`
loads every command's options, and must not wait for scikit-learn or Scrapy.
"""

from __future__ import annotations

import csv
import io
import json
import os
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from jobradar.scheduler.jobs import CrawlOptions

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


def _countries(
    _ctx: click.Context, param: click.Parameter, values: tuple[str, ...]
) -> tuple[str, ...]:
    """Each --country as its ISO 3166 alpha-2 code (a code or a name may be given)."""
    if not values:
        return values
    from jobradar.api import country_code
    from jobradar.errors import UserError

    try:
        return tuple(country_code(value) for value in values)
    except UserError as error:
        raise click.BadParameter(str(error), param=param) from None


def _companies(
    _ctx: click.Context, param: click.Parameter, values: tuple[str, ...]
) -> tuple[str, ...]:
    if any(not value.strip() for value in values):
        raise click.BadParameter("a company name cannot be empty", param=param)
    return tuple(value.strip() for value in values)


def listing_filter_options(function: Any) -> Any:
    """--country, --company and --min-confidence: facets a listing's tags can be narrowed by."""
    for option in reversed(
        [
            click.option(
                "--country",
                "countries",
                multiple=True,
                metavar="CC",
                callback=_countries,
                help="Listings that name this country (ISO code or name; repeatable).",
            ),
            click.option(
                "--company",
                "companies",
                multiple=True,
                metavar="NAME",
                callback=_companies,
                help="Listings of this company (any case; repeatable).",
            ),
            click.option(
                "--min-confidence",
                type=click.FloatRange(0, 1),
                metavar="P",
                help="Listings whose role the model gave with at least this confidence (0-1).",
            ),
        ]
    ):
        function = option(function)
    return function


def parse_day(value: str | None, option: str = "'--date'") -> date:
    if value is None:
        return datetime.now(UTC).date()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(
            f"{value!r} is not a date (YYYY-MM-DD)", param_hint=option
        ) from None


demo_option = click.option(
    "--demo",
    is_flag=True,
    help="With --offline: replay jobradar's generated demo market even when a data "
    "directory exists.",
)


scrapyd_option = click.option(
    "--scrapyd",
    "scrapyd",
    envvar="JOBRADAR_SCRAPYD",
    metavar="URL[,URL…]",
    help="Crawl as Scrapyd jobs on these nodes (URL#SLOTS: jobs at once, default 4) into "
    "the shared PostgreSQL store (default: $JOBRADAR_SCRAPYD, else here, one process a source).",
)
boards_per_job_option = click.option(
    "--boards-per-job",
    "boards_per_job",
    type=click.IntRange(min=1),
    default=50,
    show_default=True,
    metavar="N",
    help="With --scrapyd: the boards of a Greenhouse, Lever or Ashby source per Scrapyd job.",
)


def crawl_options(
    db: str | None,
    sources: str | None,
    offline: bool,
    only: tuple[str, ...] = (),
    *,
    data_dir: str | None = None,
    demo: bool = False,
    scrapyd: str | None = None,
    boards_per_job: int = 50,
) -> CrawlOptions:
    from jobradar.crawler.sources import sources_path
    from jobradar.datadir import find_data_dir
    from jobradar.scheduler.cluster import node_database_url, parse_nodes
    from jobradar.scheduler.jobs import CrawlOptions
    from jobradar.store.engine import database_url

    if demo and not offline:
        raise click.UsageError("--demo replays the demo market: use it with --offline")
    found = None if demo else find_data_dir(data_dir)
    nodes = parse_nodes(scrapyd) if scrapyd else ()
    if nodes:
        node_database_url(database_url(db))  # a store every node can share, or a usage error
    return CrawlOptions(
        database_url=database_url(db),
        sources_file=sources_path(sources),
        only=only,
        offline=offline,
        data_dir=found.root if found else None,
        scrapyd=nodes,
        boards_per_job=boards_per_job,
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
        from jobradar.console import console, table

        console.print(table(title, header, rows))


def store(db: str | None) -> Engine:
    """The store `--db` names (or the configured default), opened and migrated."""
    from jobradar.store.engine import database_url, open_store

    return open_store(database_url(db))


def writable_folder(path: Path, option: str) -> Path:
    """`path` as a folder the command can write into, created if need be; else a usage
    error now, before any work (a report written after a long crawl must not fail)."""
    try:
        path.mkdir(parents=True, exist_ok=True)
        probe = path / f".jobradar-write-test-{os.getpid()}"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        raise click.BadParameter(
            f"cannot write to {path}: {exc.strerror or exc}", param_hint=option
        ) from None
    return path


def writable_file(path: Path, option: str) -> Path:
    """`path` as a file the command can write (its folder exists, it is not a folder)."""
    if path.is_dir():
        raise click.BadParameter(f"{path} is a folder, not a file", param_hint=option)
    if not path.parent.is_dir():
        raise click.BadParameter(f"no such folder: {path.parent}", param_hint=option)
    if not os.access(path.parent, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise click.BadParameter(f"cannot write to {path}: permission denied", param_hint=option)
    return path
