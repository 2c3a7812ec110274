"""The `jobradar` command (DESIGN.md, "The command line"): thin glue over the packages.

Every command calls a function a test can call directly. A user's mistake (a bad
option, an unknown source, an unusable database URL) is one line on stderr and
exit code 2, never a traceback.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import sys
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import click

from classifier import training
from classifier.annotate import EXTRACTOR_VERSION
from classifier.classify import BadLine, classify_lines
from classifier.corpus import CorpusError, load_examples
from classifier.evaluate import Evaluation, evaluate
from classifier.roles import load_role_model
from classifier.taxonomy import REMOTE_TYPES, ROLE_SLUGS, SENIORITIES
from classifier.training import ModelError
from crawler.sources import SourcesError, sources_path
from jobradar.console import CrawlProgress, console, summary_table, table
from jobradar.errors import UserError
from jobradar.health import source_health
from jobradar.report import build_report, render, write_reports
from scheduler.daily import ScheduleError, build_scheduler, parse_at, parse_timezone
from scheduler.jobs import CrawlOptions, crawl, refresh
from store.engine import database_url, open_store
from store.errors import StoreError
from store.lock import RefreshRunningError
from store.queries import ListingFilter, role_counts, search
from store.retag import retag
from store.snapshots import snapshot_role_counts

USAGE_ERROR = 2

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


def _day(value: str | None) -> date:
    if value is None:
        return datetime.now(UTC).date()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(
            f"{value!r} is not a date (YYYY-MM-DD)", param_hint="'--date'"
        ) from None


def _crawl_options(
    db: str | None, sources: str | None, offline: bool, only: tuple[str, ...] = ()
) -> CrawlOptions:
    return CrawlOptions(
        database_url=database_url(db),
        sources_file=sources_path(sources),
        only=only,
        offline=offline,
    )


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="jobradar")
def cli() -> None:
    """Daily counts and a salary index of the remote AI-infrastructure job market."""


@cli.command("run")
@click.option(
    "--offline", is_flag=True, help="Replay the recordings that ship with jobradar (no network)."
)
@sources_option
@db_option
@click.option(
    "--out", "out", default="reports", metavar="DIR", show_default=True, help="Where reports go."
)
def run_command(offline: bool, sources: str | None, db: str | None, out: str) -> None:
    """Full refresh: crawl, classify, snapshot, report."""
    options = _crawl_options(db, sources, offline)
    open_store(options.database_url)  # a bad URL is a usage error before anything starts
    with CrawlProgress([]) as progress:
        result = refresh(options, Path(out), write_reports, progress=progress)
    for note in result.crawl.notes:
        console.print(note)
    console.print(summary_table(result.crawl.results))
    for path in result.report_files:
        console.print(f"wrote {path}")
    if result.status != "ok":
        raise SystemExit(1)


@cli.command("crawl")
@click.argument("names", nargs=-1, metavar="[SOURCE]...")
@click.option(
    "--offline", is_flag=True, help="Replay the recordings that ship with jobradar (no network)."
)
@sources_option
@db_option
def crawl_command(
    names: tuple[str, ...], offline: bool, sources: str | None, db: str | None
) -> None:
    """Crawl sources (all enabled ones, or those named) into the store."""
    options = _crawl_options(db, sources, offline, names)
    open_store(options.database_url)
    with CrawlProgress(list(names)) as progress:
        report = crawl(options, progress=progress)
    for note in report.notes:
        console.print(note)
    console.print(summary_table(report.results))
    if any(result.status == "failed" for result in report.results):
        raise SystemExit(1)


def _write_rows(
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


@cli.command("roles")
@click.option(
    "--date",
    "day",
    metavar="YYYY-MM-DD",
    help="Count listings active on this date (default: today).",
)
@click.option("--remote-type", type=click.Choice(REMOTE_TYPES), multiple=True)
@click.option("--source", "source_names", multiple=True, metavar="SOURCE")
@click.option("--seniority", type=click.Choice(SENIORITIES), multiple=True)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "csv"]),
    default="table",
    show_default=True,
)
@db_option
def roles_command(
    *,
    day: str | None,
    remote_type: tuple[str, ...],
    source_names: tuple[str, ...],
    seniority: tuple[str, ...],
    fmt: str,
    db: str | None,
) -> None:
    """Listings per role, duplicates counted once (a past date: from its daily snapshot)."""
    when = _day(day)
    engine = open_store(database_url(db))
    facets = ListingFilter(
        remote_types=remote_type or None,
        sources=source_names or None,
        seniorities=seniority or None,
    )
    counts = (snapshot_role_counts(engine, when, facets) if day else None) or role_counts(
        engine, when, facets
    )
    ordered = sorted(counts.items(), key=lambda item: (-item[1], ROLE_SLUGS.index(item[0])))
    document = {
        "date": when.isoformat(),
        "total": sum(counts.values()),
        "roles": [{"role": role, "count": count} for role, count in ordered],
    }
    rows = [[role, count] for role, count in ordered]
    _write_rows(
        fmt,
        ["role", "count"],
        rows,
        document,
        f"Listings per role, {when.isoformat()} (total {document['total']})",
    )


@cli.command("salary-index")
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
    engine = open_store(database_url(db))
    text = render(build_report(engine, _day(day)), fmt)
    if out:
        Path(out).write_text(text, encoding="utf-8")
    else:
        click.echo(text, nl=False)


@cli.command("sources")
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True
)
@sources_option
@db_option
def sources_command(fmt: str, sources: str | None, db: str | None) -> None:
    """Configured sources, their terms, and the health of their last crawl."""
    health = source_health(open_store(database_url(db)), sources_path(sources))
    if fmt == "json":
        click.echo(json.dumps({"sources": [entry.as_dict() for entry in health]}, indent=2))
        return
    rows = []
    for entry in health:
        run = entry.last_run or {}
        coverage = run.get("coverage") or {}
        rows.append(
            [
                entry.name,
                "yes" if entry.enabled else "no",
                entry.boards or "",
                run.get("status", "never run"),
                (run.get("started_at") or "")[:16],
                run.get("fetched", ""),
                run.get("new", ""),
                run.get("closed", ""),
                run.get("errors", ""),
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
        "coverage",
        "note",
    ]
    console.print(table("Sources", header, rows))


@cli.command("classify")
@click.option(
    "--input",
    "source",
    default="-",
    metavar="FILE|-",
    show_default=True,
    help="JSON lines to tag ('-' = stdin).",
)
def classify_command(source: str) -> None:
    """Tag postings: JSON lines in, role, seniority, remote type, salary and skills out."""
    model = load_role_model()
    bad = 0
    with click.open_file(source, "r", encoding="utf-8") as lines:
        for result in classify_lines(lines, model):
            if isinstance(result, BadLine):
                bad += 1
                click.echo(f"jobradar: line {result.number}: {result.reason}", err=True)
            else:
                click.echo(json.dumps(result, ensure_ascii=False))
    if bad:
        raise SystemExit(1)


@cli.command("evaluate")
@click.option(
    "--data",
    "data",
    required=True,
    metavar="FILE",
    help="Labelled JSON lines (the corpus labels format).",
)
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@click.option(
    "--mistakes",
    "mistakes",
    type=click.Path(dir_okay=False),
    help="Write every disagreement here (JSON lines).",
)
def evaluate_command(data: str, fmt: str, mistakes: str | None) -> None:
    """Measure salary, remote type, seniority and role tags against labels."""
    path = Path(data)
    if not path.is_file():
        raise UserError(f"no such labels file: {data}")
    result = evaluate(load_examples(path), load_role_model())
    if mistakes:
        Path(mistakes).write_text(
            "".join(json.dumps(m, default=str) + "\n" for m in result.mistakes), encoding="utf-8"
        )
    if fmt == "json":
        click.echo(json.dumps(result.as_dict(), indent=2))
        return
    render_evaluation(result)


@cli.command("search")
@click.argument("query", required=False, default="")
@click.option("--role", "roles", type=click.Choice(ROLE_SLUGS), multiple=True)
@click.option("--remote-type", type=click.Choice(REMOTE_TYPES), multiple=True)
@click.option(
    "--min-salary",
    type=click.FloatRange(min=0),
    metavar="USD",
    help="Only listings whose yearly pay reaches this (USD).",
)
@click.option("--limit", type=click.IntRange(min=1, max=10_000), default=20, show_default=True)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "csv"]),
    default="table",
    show_default=True,
)
@db_option
def search_command(
    *,
    query: str,
    roles: tuple[str, ...],
    remote_type: tuple[str, ...],
    min_salary: float | None,
    limit: int,
    fmt: str,
    db: str | None,
) -> None:
    """Active listings whose title, company or description holds every word of QUERY."""
    hits = search(
        open_store(database_url(db)),
        _day(None),
        query.split(),
        facets=ListingFilter(remote_types=remote_type or None, roles=roles or None),
        min_salary=min_salary,
        limit=limit,
    )
    fields = ["title", "company", "role", "seniority", "remote_type", "source"]
    fields += ["annual_usd_min", "annual_usd_max", "url", "first_seen"]
    documents = [
        {name: getattr(hit, name) for name in fields} | {"first_seen": hit.first_seen.isoformat()}
        for hit in hits
    ]
    rows = [[document[name] for name in fields] for document in documents]
    _write_rows(fmt, fields, rows, {"results": documents}, f"{len(hits)} listings")


@cli.command("schedule")
@click.option("--at", "at", default="06:00", show_default=True, metavar="HH:MM")
@click.option("--timezone", "zone", default="UTC", show_default=True, metavar="TZ")
@click.option(
    "--offline", is_flag=True, help="Replay the recordings that ship with jobradar (no network)."
)
@sources_option
@db_option
@click.option(
    "--out", "out", default="reports", metavar="DIR", show_default=True, help="Where reports go."
)
def schedule_command(
    *, at: str, zone: str, offline: bool, sources: str | None, db: str | None, out: str
) -> None:
    """Refresh every day at HH:MM in TZ (blocking; stop with Ctrl-C)."""
    when, tz = parse_at(at), parse_timezone(zone)
    options = _crawl_options(db, sources, offline)
    engine = open_store(options.database_url)

    def job(trigger: str) -> None:
        try:
            result = refresh(options, Path(out), write_reports, trigger=trigger)
        except RefreshRunningError as busy:
            console.print(f"{trigger} refresh skipped: {busy}")
            return
        console.print(f"{trigger} refresh of {result.day}: {result.status}")

    scheduler = build_scheduler(job, engine, when, tz)
    console.print(f"refreshing daily at {when:%H:%M} {zone}; Ctrl-C stops")
    with contextlib.suppress(KeyboardInterrupt, SystemExit):
        scheduler.start()


@cli.command("train")
@click.option(
    "--data",
    "data",
    metavar="FILE",
    help="Labelled JSON lines to cross-validate and train on "
    "(default: the packaged reference labels, plus jobradar's own labels in training).",
)
@click.option(
    "--out", "out", metavar="PATH", help="Where to write the model (default: the packaged one)."
)
def train_command(data: str | None, out: str | None) -> None:
    """Train the role classifier, cross-validate it, and save it with its metadata."""
    if data is None:
        pipeline, metadata = training.train_packaged()
    else:
        path = Path(data)
        if not path.is_file():
            raise UserError(f"no such labels file: {data}")
        pipeline, metadata = training.train(load_examples(path))
    target = Path(out) if out else training.PACKAGED_MODEL
    training.save(pipeline, metadata, target)
    scores = metadata.cross_validation
    console.print(
        f"trained {metadata.version} on {metadata.training_examples} examples "
        f"in {metadata.training_seconds:.1f} s"
    )
    console.print(
        f"{scores['folds']}-fold cross-validation on {scores['examples']} labels: "
        f"accuracy {scores['accuracy']:.3f} (titles only {scores['accuracy_title_only']:.3f}), "
        f"macro-F1 {scores['macro_f1']:.3f}, "
        f"calibration error {scores['expected_calibration_error']:.3f}"
    )
    console.print(f"wrote {target} and {training.metadata_path(target)}")


@cli.command("reclassify")
@db_option
def reclassify_command(db: str | None) -> None:
    """Re-tag stored listings that an older role model or older extractors tagged."""
    engine = open_store(database_url(db))
    model = load_role_model()
    changed = retag(engine, model)
    console.print(f"re-tagged {changed} listings with {model.version} and {EXTRACTOR_VERSION}")


def render_evaluation(result: Evaluation) -> None:
    salary = result.salary
    console.print(f"{result.examples} labelled postings")
    console.print(
        f"salary: precision {salary['precision']:.3f}, recall {salary['recall']:.3f} "
        f"({salary['correct']} of {salary['labelled']} exact), false-salary rate {salary['false_salary_rate']:.3f}"
    )
    console.print(
        f"remote type accuracy {result.remote_accuracy:.3f}; seniority accuracy {result.seniority_accuracy:.3f}"
    )
    console.print(
        f"role accuracy {result.role_accuracy:.3f} (titles only {result.role_accuracy_title_only:.3f}); "
        f"macro-F1 {result.macro_f1:.3f} over roles with ≥5 examples"
    )
    rows = [
        [
            role,
            scores["support"],
            f"{scores['precision']:.2f}",
            f"{scores['recall']:.2f}",
            f"{scores['f1']:.2f}",
        ]
        for role, scores in result.per_role.items()
    ]
    console.print(table("Per role", ["role", "support", "precision", "recall", "F1"], rows))
    roles = [
        role
        for role in ROLE_SLUGS
        if role in result.confusion or any(role in r for r in result.confusion.values())
    ]
    short = [role[:8] for role in roles]
    grid = [
        [truth, *[result.confusion.get(truth, {}).get(p, "") or "" for p in roles]]
        for truth in roles
        if truth in result.confusion
    ]
    console.print(table("Confusion (rows: label, columns: predicted)", ["label", *short], grid))


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the command; user mistakes become one line and exit code 2."""
    try:
        cli.main(args=argv, prog_name="jobradar", standalone_mode=False)
    except click.exceptions.Exit as exit_:
        sys.exit(exit_.exit_code)
    except click.exceptions.Abort:
        click.echo("jobradar: aborted", err=True)
        sys.exit(130)
    except click.ClickException as error:
        click.echo(f"jobradar: error: {error.format_message()}", err=True)
        sys.exit(USAGE_ERROR)
    except (
        SourcesError,
        StoreError,
        UserError,
        CorpusError,
        ModelError,
        ScheduleError,
        RefreshRunningError,
    ) as error:
        click.echo(f"jobradar: error: {error}", err=True)
        sys.exit(USAGE_ERROR)
