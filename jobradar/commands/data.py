"""Commands that hand the store over: `export` (CSV, JSON lines, Parquet) and `serve`
(the SQLite store in Datasette)."""

from __future__ import annotations

from pathlib import Path

import click

from jobradar.commands.common import db_option, parse_day, store, writable_file
from jobradar.errors import UserError


@click.command("export")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["csv", "jsonl", "parquet"]),
    default="csv",
    show_default=True,
)
@click.option(
    "--out",
    "out",
    metavar="PATH",
    help="Write to this file (default: standard output; parquet needs a file).",
)
@click.option("--active", is_flag=True, help="Only the listings counted today (or on --date).")
@click.option(
    "--date", "day", metavar="YYYY-MM-DD", help="With --active: the listings counted on this date."
)
@db_option
def export_command(
    fmt: str, out: str | None, active: bool, day: str | None, db: str | None
) -> None:
    """Every listing, or the active ones: its facts, tags and pay, one row each."""
    import sys

    from jobradar.export import export_listings, pyarrow_modules

    if fmt == "parquet":
        pyarrow_modules()  # a missing extra is said before any work
        if out is None:
            raise UserError("--format parquet writes a file: give --out PATH")
    target = writable_file(Path(out), "'--out'") if out else None
    if day is not None and not active:
        raise click.UsageError("--date chooses the day of --active: give both")
    when = parse_day(day) if active else None
    count = export_listings(store(db), fmt, target or sys.stdout, when)
    if target is not None:
        click.echo(f"{count} listings written to {target}", err=True)


@click.command("serve")
@click.option(
    "--port", type=click.IntRange(1, 65535), default=8001, show_default=True, help="On 127.0.0.1."
)
@click.option("--open", "open_browser", is_flag=True, help="Open it in a web browser.")
@db_option
def serve_command(port: int, open_browser: bool, db: str | None) -> None:
    """Browse and query the SQLite store in Datasette (127.0.0.1 only): views, full-text
    search, canned queries, every table and column described."""
    from jobradar.serve import serve

    serve(db, port, open_browser=open_browser)
