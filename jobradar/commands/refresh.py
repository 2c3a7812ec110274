"""Commands that fetch: `run`, `crawl` and `schedule`."""

from __future__ import annotations

import contextlib
import logging
from pathlib import Path

import click

from jobradar.commands.common import (
    boards_per_job_option,
    crawl_options,
    data_dir_option,
    db_option,
    demo_option,
    offline_option,
    out_option,
    scrapyd_option,
    sources_option,
    store,
    writable_folder,
)


@click.command("run")
@offline_option
@sources_option
@db_option
@out_option
@data_dir_option
@demo_option
@scrapyd_option
@boards_per_job_option
def run_command(
    *,
    offline: bool,
    sources: str | None,
    db: str | None,
    out: str,
    data_dir: str | None,
    demo: bool,
    scrapyd: str | None,
    boards_per_job: int,
) -> None:
    """Full refresh: crawl, classify, snapshot, report."""
    from jobradar.console import CrawlProgress, console, summary_table
    from jobradar.report import write_reports
    from jobradar.scheduler.jobs import refresh

    options = crawl_options(
        db,
        sources,
        offline,
        data_dir=data_dir,
        demo=demo,
        scrapyd=scrapyd,
        boards_per_job=boards_per_job,
    )
    # mistakes are usage errors before anything starts: a bad URL, an unwritable --out
    store(options.database_url)
    reports = writable_folder(Path(out), "'--out'")
    with CrawlProgress([]) as progress:
        result = refresh(options, reports, write_reports, progress=progress)
    for note in result.crawl.notes:
        console.print(note)
    console.print(summary_table(result.crawl.results))
    feeds = [path for path in result.report_files if path.suffix == ".atom"]
    for path in result.report_files:
        if path.suffix != ".atom":
            console.print(f"wrote {path}")
    if feeds:  # one line for the feeds: a role each
        console.print(f"wrote {len(feeds)} Atom feeds in {feeds[0].parent}")
    if result.status != "ok":
        raise SystemExit(1)


@click.command("crawl")
@click.argument("names", nargs=-1, metavar="[SOURCE]...")
@offline_option
@sources_option
@db_option
@data_dir_option
@demo_option
@scrapyd_option
@boards_per_job_option
def crawl_command(
    names: tuple[str, ...],
    *,
    offline: bool,
    sources: str | None,
    db: str | None,
    data_dir: str | None,
    demo: bool,
    scrapyd: str | None,
    boards_per_job: int,
) -> None:
    """Crawl sources (all enabled ones, or those named) into the store."""
    from jobradar.console import CrawlProgress, console, summary_table
    from jobradar.scheduler.jobs import crawl

    options = crawl_options(
        db,
        sources,
        offline,
        names,
        data_dir=data_dir,
        demo=demo,
        scrapyd=scrapyd,
        boards_per_job=boards_per_job,
    )
    store(options.database_url)
    with CrawlProgress(list(names)) as progress:
        report = crawl(options, progress=progress)
    for note in report.notes:
        console.print(note)
    console.print(summary_table(report.results))
    if any(result.status == "failed" for result in report.results):
        raise SystemExit(1)


@click.command("schedule")
@click.option("--at", "at", default="06:00", show_default=True, metavar="HH:MM")
@click.option("--timezone", "zone", default="UTC", show_default=True, metavar="TZ")
@offline_option
@sources_option
@db_option
@out_option
@data_dir_option
@demo_option
@scrapyd_option
@boards_per_job_option
def schedule_command(
    *,
    at: str,
    zone: str,
    offline: bool,
    sources: str | None,
    db: str | None,
    out: str,
    data_dir: str | None,
    demo: bool,
    scrapyd: str | None,
    boards_per_job: int,
) -> None:
    """Refresh every day at HH:MM in TZ (blocking; stop with Ctrl-C)."""
    from jobradar.console import console
    from jobradar.report import write_reports
    from jobradar.scheduler.daily import build_scheduler, parse_at, parse_timezone

    when, tz = parse_at(at), parse_timezone(zone)
    options = crawl_options(
        db,
        sources,
        offline,
        data_dir=data_dir,
        demo=demo,
        scrapyd=scrapyd,
        boards_per_job=boards_per_job,
    )
    engine = store(options.database_url)
    writable_folder(Path(out), "'--out'")
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    scheduler = build_scheduler(options, Path(out), write_reports, engine=engine, at=when, zone=tz)
    console.print(f"refreshing daily at {when:%H:%M} {zone}; Ctrl-C stops")
    with contextlib.suppress(KeyboardInterrupt, SystemExit):
        scheduler.start()
