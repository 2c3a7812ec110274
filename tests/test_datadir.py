"""The data directory: found where the user says, never silently replaced, never copied."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from jobradar import datadir
from jobradar.datadir import DataDirError, find_data_dir, require_data_dir
from tests.conftest import ROOT, jobradar


def test_the_option_wins_over_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    chosen, other = tmp_path / "chosen", tmp_path / "other"
    chosen.mkdir()
    other.mkdir()
    monkeypatch.setenv(datadir.DATA_ENV, str(other))
    assert find_data_dir(chosen) == datadir.DataDir(chosen)
    assert find_data_dir(None) == datadir.DataDir(other)


def test_a_named_directory_that_does_not_exist_is_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(DataDirError, match="--data-dir: no such directory"):
        find_data_dir(tmp_path / "nope")
    monkeypatch.setenv(datadir.DATA_ENV, str(tmp_path / "gone"))
    with pytest.raises(DataDirError, match=r"\$JOBRADAR_DATA: no such directory"):
        find_data_dir(None)


def test_without_shared_beside_the_repository_there_is_none(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(datadir.DATA_ENV, raising=False)
    checkout = tmp_path / "jobradar"
    checkout.mkdir()
    (checkout / "pyproject.toml").write_text("", encoding="utf-8")
    monkeypatch.setattr(datadir, "_REPOSITORY", checkout)
    assert find_data_dir(None) is None
    with pytest.raises(DataDirError, match="no data directory: pass --data-dir"):
        require_data_dir(None)
    (tmp_path / "shared").mkdir()
    assert find_data_dir(None) == datadir.DataDir(tmp_path / "shared")


def test_commands_name_what_the_data_directory_lacks_in_one_line(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    for args, message in (
        (["train", "--data-dir", str(empty)], "has no corpus postings"),
        (["train", "--data-dir", str(tmp_path / "nope")], "--data-dir: no such directory"),
        (["run", "--offline", "--data-dir", str(empty), "--db", "sqlite:///x.db"], "recording"),
        (["run", "--demo", "--db", "sqlite:///x.db"], "--demo replays the demo market"),
    ):
        result = jobradar(*args, cwd=tmp_path)
        assert result.returncode == 2, (args, result.stderr)
        assert result.stderr.count("\n") == 1, result.stderr
        assert message in result.stderr


def test_the_repository_holds_no_copy_of_the_data_directory() -> None:
    git = shutil.which("git")
    if git is None or not (ROOT / ".git").exists():
        pytest.skip(reason="not a git checkout")
    assert git is not None
    tracked = subprocess.run(
        [git, "ls-files", "-s"], cwd=ROOT, capture_output=True, text=True, check=True
    )
    blobs = {line.split()[1] for line in tracked.stdout.splitlines()}
    data = find_data_dir(None)
    if data is None:
        pytest.skip(reason="no data directory to compare with")
    # what the data directory holds of others': recorded responses and the corpus
    shared = [
        path
        for folder in (data.recordings, data.root / "corpus")
        for path in folder.rglob("*")
        if path.is_file()
    ]
    hashes = subprocess.run(
        [git, "hash-object", "--stdin-paths"],
        input="\n".join(str(path) for path in shared),
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    copied = [str(path) for path, digest in zip(shared, hashes, strict=True) if digest in blobs]
    assert copied == []


@pytest.mark.slow
def test_the_wheel_is_small_and_carries_no_postings(tmp_path: Path) -> None:
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "-q", "-w", str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert built.returncode == 0, built.stderr
    [wheel] = tmp_path.glob("jobradar-*.whl")
    assert wheel.stat().st_size < 6_000_000
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
    assert "jobradar/crawler/replay/recorded.toml" in names
    for packaged in ("classifier/data/role_model.skops", "report/templates/report.html.j2"):
        assert f"jobradar/{packaged}" in names
    assert not [name for name in names if name.endswith((".gz", ".rss", ".html"))]
    assert not [name for name in names if "recordings/" in name or name.startswith("tests/")]
