"""The `jobradar` command (DESIGN.md, "The command line"): thin glue over the packages.

Every command calls a function a test can call directly. A user's mistake (a bad
option, an unknown source, an unusable database URL) is one line on stderr and
exit code 2, never a traceback.
"""

from __future__ import annotations

import signal
import sys

import click

from jobradar.commands import boards, data, queries, refresh, tagging
from jobradar.errors import JobradarError

USAGE_ERROR = 2


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="jobradar")
def cli() -> None:
    """Daily counts and a salary index of the remote AI-infrastructure job market."""


for command in (
    refresh.run_command,
    refresh.crawl_command,
    queries.sources_command,
    queries.roles_command,
    queries.salary_index_command,
    queries.search_command,
    tagging.classify_command,
    tagging.train_command,
    tagging.evaluate_command,
    tagging.reclassify_command,
    refresh.schedule_command,
    boards.boards_command,
    data.export_command,
    data.serve_command,
):
    cli.add_command(command)


def _terminate(signum: int, frame: object) -> None:
    # SIGTERM unwinds like Ctrl-C: child crawls are stopped and every record is finished
    raise SystemExit(128 + signum)


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the command; user mistakes become one line and exit code 2."""
    signal.signal(signal.SIGTERM, _terminate)
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
    except JobradarError as error:
        click.echo(f"jobradar: error: {error}", err=True)
        sys.exit(USAGE_ERROR)
