"""`jobradar export`: every listing, or the active ones, as CSV, JSON lines or Parquet
(the same rows in each); Parquet without pyarrow is one line and exit code 2."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

import pytest

from jobradar.cli import main
from tests.store_seed import LISTINGS, seeded


@pytest.fixture
def url(sqlite_url: str) -> str:
    engine = seeded(sqlite_url)
    with engine.begin() as connection:  # one closed listing: only a full export has it
        connection.exec_driver_sql(
            "UPDATE listings SET closed_at = first_seen WHERE source_id = '3'"
        )
    return sqlite_url


def test_csv_jsonl_and_parquet_hold_the_same_listings(url: str, tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    for fmt in ("csv", "jsonl", "parquet"):
        main(["export", "--format", fmt, "--out", str(tmp_path / f"x.{fmt}"), "--db", url])
    with (tmp_path / "x.csv").open(encoding="utf-8", newline="") as stream:
        from_csv = list(csv.DictReader(stream))
    from_jsonl = [json.loads(line) for line in (tmp_path / "x.jsonl").read_text().splitlines()]
    from_parquet = pq.read_table(tmp_path / "x.parquet").to_pylist()
    assert [row["title"] for row in from_csv] == [title for title, *_ in LISTINGS]
    assert [row["title"] for row in from_jsonl] == [row["title"] for row in from_parquet]
    assert json.loads(from_csv[1]["countries"]) == from_jsonl[1]["countries"] == ["US", "CA"]
    assert from_parquet[1]["countries"] == ["US", "CA"]
    assert from_jsonl[3]["closed_at"] is not None
    assert from_parquet[0]["first_seen"].tzinfo is not None
    assert from_jsonl[0]["annual_usd_min"] == from_parquet[0]["annual_usd_min"] == 100_000.0


def test_active_leaves_out_closed_listings(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    main(["export", "--format", "jsonl", "--active", "--db", url])
    titles = [json.loads(line)["title"] for line in capsys.readouterr().out.splitlines()]
    assert len(titles) == len(LISTINGS) - 1
    assert "Data Platform Engineer" not in titles


def test_parquet_without_pyarrow_is_one_line_and_exit_2(
    url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # import pyarrow raises ImportError
    with pytest.raises(SystemExit) as exited:
        main(["export", "--format", "parquet", "--out", str(tmp_path / "x.parquet"), "--db", url])
    assert exited.value.code == 2
    [line] = capsys.readouterr().err.strip().splitlines()
    assert (
        line == "jobradar: error: --format parquet needs pyarrow: pip install 'jobradar[parquet]'"
    )
    assert not (tmp_path / "x.parquet").exists()
