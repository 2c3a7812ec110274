"""`jobradar boards add COMPANY`: find a company's board and add it to a sources file."""

from __future__ import annotations

from pathlib import Path

import click


@click.group("boards")
def boards_command() -> None:
    """The company boards the ATS sources crawl."""


@boards_command.command("add")
@click.argument("company")
@click.option(
    "--sources",
    "sources",
    metavar="FILE",
    help="The sources file to add it to (default: $JOBRADAR_SOURCES, else ./sources.toml, "
    "made from the packaged one when missing).",
)
def add_command(company: str, sources: str | None) -> None:
    """Try COMPANY's board on Greenhouse, Lever and Ashby; add the one that answers."""
    import os

    from jobradar.console import console
    from jobradar.crawler.boards import add_board, find_board
    from jobradar.crawler.sources import DEFAULT_SOURCES, SOURCES_ENV, load_sources
    from jobradar.errors import UserError

    target = Path(sources or os.environ.get(SOURCES_ENV) or "sources.toml")
    configured = load_sources(target if target.exists() else DEFAULT_SOURCES)
    found = find_board(company, configured)
    if found is None:
        raise UserError(f"no Greenhouse, Lever or Ashby board answers for {company!r}")
    ats, token = found
    if add_board(target, ats, token):
        console.print(f"added the {ats} board {token!r} to {target}")
    else:
        console.print(f"the {ats} board {token!r} is already in {target}")
