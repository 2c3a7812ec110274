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
    ],
)
def test_user_mistakes_exit_2_with_one_line(args: tuple[str, ...], tmp_path: Path) -> None:
    result = jobradar(*args, cwd=tmp_path)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("jobradar: error:")


def test_an_invalid_sources_file_is_named_in_the_error(tmp_path: Path) -> None:
    bad = tmp_path / "sources.toml"
    bad.write_text('[[source]]\ntype = "greenhouse"\nboards = "anthropic"\n', encoding="utf-8")
    result = jobradar(
        "crawl", "--sources", str(bad), "--db", f"sqlite:///{tmp_path / 'x.db'}", cwd=tmp_path
    )
    assert result.returncode == 2
    assert str(bad) in result.stderr
    assert "boards" in result.stderr
