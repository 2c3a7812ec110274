"""Every command and option is documented: the README names each, the architecture
document exists and the README links it."""

from __future__ import annotations

import re

import click
import pytest

from jobradar.cli import cli
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _commands() -> list[tuple[str, click.Command]]:
    context = click.Context(cli)
    return [(name, cli.get_command(context, name)) for name in cli.list_commands(context)]  # type: ignore[misc]


@pytest.mark.parametrize(("name", "command"), _commands(), ids=[name for name, _ in _commands()])
def test_the_readme_shows_every_command_with_every_option(
    name: str, command: click.Command
) -> None:
    usage = [line for line in README.splitlines() if re.match(rf"\s*jobradar {name}\b", line)]
    assert usage, f"the README never shows `jobradar {name}`"
    # A command's options are listed on its usage line or the indented lines that follow it.
    block = _usage_block(name)
    for parameter in command.params:
        if isinstance(parameter, click.Option):
            longest = max(parameter.opts, key=len)
            assert longest in block, f"`jobradar {name}`: {longest} is not in the README"


def _usage_block(name: str) -> str:
    lines = README.splitlines()
    for number, line in enumerate(lines):
        if re.match(rf"jobradar {name}\b", line) and "[" in line:
            block = [line]
            for following in lines[number + 1 :]:
                if not following.startswith(" "):
                    break
                block.append(following)
            return "\n".join(block)
    return ""


def test_the_architecture_document_exists_and_the_readme_links_it() -> None:
    architecture = ROOT / "docs" / "ARCHITECTURE.md"
    assert architecture.is_file()
    assert "docs/ARCHITECTURE.md" in README
    text = architecture.read_text(encoding="utf-8")
    for heading in ("How to add a source", "How to add a role", "extractor rule", "report section"):
        assert heading in text


def test_the_readme_says_how_to_start_a_cluster() -> None:
    """Scale-out is a setup of several machines: the README walks through each part."""
    import configparser

    section = README[README.index("## A cluster") :]
    section = section[: section.index("\n## ", 1)]
    config = configparser.ConfigParser()
    config.read(ROOT / "scrapy.cfg")
    targets = [name.split(":", 1)[1] for name in config.sections() if name.startswith("deploy:")]
    assert targets, "scrapy.cfg names no scrapyd-deploy target"
    for needed in (
        "scrapyd-deploy",
        *(f"scrapyd-deploy {target}" for target in targets),
        "addversion.json",
        "jobradar[cluster]",
        "--scrapyd",
        "--boards-per-job",
        "JOBRADAR_SCRAPYD",
        "PGPASSWORD",
        "scrapyd.conf",
        "services:",  # the compose example
        "python -m bench.cluster",
    ):
        assert needed in section, f"the README's cluster section does not mention {needed}"
