"""The curated default boards, and `jobradar boards add` against the replay server."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest

from jobradar.crawler.boards import candidate_tokens
from jobradar.crawler.replay import Catalog, Recording, ReplayServer
from jobradar.crawler.sources import curated_boards, load_sources, sources_path
from tests.conftest import ROOT, jobradar


def test_the_default_sources_crawl_more_than_300_curated_boards() -> None:
    boards = curated_boards()
    assert len(boards) >= 300
    assert len({(board.ats, board.token) for board in boards}) == len(boards)
    configured = {source.type: source for source in load_sources(sources_path(None))}
    for ats in ("greenhouse", "lever", "ashby"):
        assert configured[ats].boards == tuple(b.token for b in boards if b.ats == ats)
    documented = (ROOT / "docs" / "boards.md").read_text(encoding="utf-8")
    assert all(f"| `{board.token}` |" in documented for board in boards)  # each with evidence


def test_a_company_name_gives_the_spellings_boards_use() -> None:
    assert candidate_tokens("Scale AI")[:3] == ["scaleai", "scale-ai", "scale"]
    assert candidate_tokens("Acme Labs, Inc.")[:3] == ["acmelabsinc", "acme-labs-inc", "acme"]


@pytest.mark.slow
def test_boards_add_finds_the_board_that_answers_and_adds_it_once(tmp_path: Path) -> None:
    answer = json.dumps([{"id": "1", "text": "MLOps Engineer"}]).encode()
    catalog = Catalog(
        [
            Recording(
                source="lever",
                path="/v0/postings/quillfeather-robotics",
                body=lambda: answer,
                query={"mode": "json"},
                board="quillfeather-robotics",
            )
        ]
    )
    with ReplayServer(catalog) as server:
        sources = tmp_path / "sources.toml"
        sources.write_text(
            "".join(
                f'[[source]]\ntype = "{ats}"\nboards = ["acme"]\nbase_url = "{server.base_url}"\n\n'
                for ats in ("greenhouse", "lever", "ashby")
            ),
            encoding="utf-8",
        )
        added = jobradar(
            "boards", "add", "Quillfeather Robotics", "--sources", str(sources), cwd=tmp_path
        )
        again = jobradar(
            "boards", "add", "Quillfeather Robotics", "--sources", str(sources), cwd=tmp_path
        )
        missing = jobradar("boards", "add", "Nobody Here", "--sources", str(sources), cwd=tmp_path)
    assert added.returncode == 0, added.stderr
    assert "added the lever board 'quillfeather-robotics'" in added.stdout
    entries = {entry["type"]: entry for entry in tomllib.loads(sources.read_text())["source"]}
    assert entries["lever"]["boards"] == ["acme", "quillfeather-robotics"]
    assert entries["greenhouse"]["boards"] == ["acme"]
    assert "already in" in again.stdout
    assert missing.returncode == 2
    assert missing.stderr.strip() == (
        "jobradar: error: no Greenhouse, Lever or Ashby board answers for 'Nobody Here'"
    )
