"""A user's mistake gets one line on stderr and exit code 2, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import jobradar


@pytest.mark.parametrize(
    "args",
    [
        ("roles", "--format", "xml"),
        ("roles", "--db", "nosuch://x"),
        ("roles", "--date", "yesterday"),
        ("crawl", "nosuchsource", "--offline"),
        ("run", "--offline", "--db", "nosuch://x"),
        ("crawl", "--sources", "/nonexistent/sources.toml"),
        ("salary-index", "--format", "pdf"),
        ("nosuchcommand",),
        # database URLs: a bad port, no database name, a driver that is not installed,
        # a file that is not SQLite
        ("roles", "--db", "postgresql://u:s3cret@127.0.0.1:abc/db"),
        ("roles", "--db", "postgresql://postgres:s3cret@127.0.0.1:5432"),
        ("roles", "--db", "postgresql+psycopg2://postgres:s3cret@127.0.0.1/test"),
        ("roles", "--db", "ftp://u:s3cret@host/db"),
        ("roles", "--db", "sqlite:///{tmp}/not-sqlite.txt"),
        # where output goes, checked before any work
        (
            "salary-index",
            "--out",
            "{tmp}/no/such/folder/index.html",
            "--db",
            "sqlite:///{tmp}/x.db",
        ),
        ("salary-index", "--out", "{tmp}", "--db", "sqlite:///{tmp}/x.db"),
        ("run", "--offline", "--out", "/proc/jobradar", "--db", "sqlite:///{tmp}/x.db"),
        ("classify", "--input", "{tmp}/missing.jsonl"),
        # names that do not exist, or are switched off
        ("roles", "--source", "nosuch", "--db", "sqlite:///{tmp}/x.db"),
        ("crawl", "weworkremotely", "--db", "sqlite:///{tmp}/x.db"),
        ("sources", "--sources", "{tmp}/misspelt.toml", "--db", "sqlite:///{tmp}/x.db"),
        # filters
        ("roles", "--country", "Narnia", "--db", "sqlite:///{tmp}/x.db"),
        ("roles", "--min-confidence", "1.5", "--db", "sqlite:///{tmp}/x.db"),
        ("search", "--company", " ", "--db", "sqlite:///{tmp}/x.db"),
        ("search", "--since", "last week", "--db", "sqlite:///{tmp}/x.db"),
        ("search", "--since", "2999-01-01", "--db", "sqlite:///{tmp}/x.db"),
        # the store handed over
        ("export", "--format", "xlsx", "--db", "sqlite:///{tmp}/x.db"),
        ("export", "--format", "parquet", "--db", "sqlite:///{tmp}/x.db"),
        ("export", "--out", "{tmp}/no/such/folder/x.csv", "--db", "sqlite:///{tmp}/x.db"),
        ("serve", "--port", "0", "--db", "sqlite:///{tmp}/x.db"),
        ("serve", "--db", "postgresql://postgres:s3cret@127.0.0.1:5432"),
    ],
)
def test_user_mistakes_exit_2_with_one_line(args: tuple[str, ...], tmp_path: Path) -> None:
    (tmp_path / "not-sqlite.txt").write_text("hello, not a database\n", encoding="utf-8")
    (tmp_path / "misspelt.toml").write_text('[[source]]\ntype = "remotok"\n', encoding="utf-8")
    result = jobradar(*(arg.format(tmp=tmp_path) for arg in args), cwd=tmp_path)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("jobradar: error:")
    assert "s3cret" not in result.stderr  # a password is never echoed


def test_an_invalid_sources_file_is_named_in_the_error(tmp_path: Path) -> None:
    bad = tmp_path / "sources.toml"
    bad.write_text('[[source]]\ntype = "greenhouse"\nboards = "anthropic"\n', encoding="utf-8")
    result = jobradar(
        "crawl", "--sources", str(bad), "--db", f"sqlite:///{tmp_path / 'x.db'}", cwd=tmp_path
    )
    assert result.returncode == 2
    assert str(bad) in result.stderr
    assert "boards" in result.stderr
