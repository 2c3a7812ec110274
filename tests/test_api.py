"""The Python API answers what the command line prints: `jobradar.open(url).roles()` is
`jobradar roles --format json`, row for row; its filters are the command line's; pandas
is optional and its absence is one clear error; `import jobradar` stays light."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

import jobradar
from jobradar.cli import main
from jobradar.errors import UserError
from jobradar.store.snapshots import take_snapshot
from jobradar.store.types import utc_now
from tests.conftest import jobradar as run_jobradar
from tests.store_seed import LISTINGS, seeded


@pytest.fixture
def url(sqlite_url: str) -> str:
    seeded(sqlite_url)
    return sqlite_url


def printed(capsys: pytest.CaptureFixture[str], *args: str) -> Any:
    """What `jobradar ARGS --format json` prints, run in this process."""
    capsys.readouterr()
    main([*args, "--format", "json"])
    return json.loads(capsys.readouterr().out)


def test_roles_equal_the_command_line_json(url: str, tmp_path: Path) -> None:
    result = run_jobradar("roles", "--db", url, "--format", "json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    frame = jobradar.open(url).roles()
    assert frame.to_dict("records") == document["roles"]
    assert frame.attrs == {"date": document["date"], "total": document["total"]}
    assert document["total"] == len(LISTINGS)


@pytest.mark.parametrize(
    ("args", "filters"),
    [
        (["--country", "US", "--min-confidence", "0.5"], {"country": "US", "min_confidence": 0.5}),
        (["--company", "northwind labs"], {"company": "Northwind Labs"}),
        (
            ["--country", "Canada", "--remote-type", "hybrid"],
            {"country": "CA", "remote_type": "hybrid"},
        ),
    ],
)
def test_filtered_roles_equal_the_command_line(
    url: str, capsys: pytest.CaptureFixture[str], args: list[str], filters: dict[str, Any]
) -> None:
    document = printed(capsys, "roles", "--db", url, *args)
    assert jobradar.open(url).roles(**filters).to_dict("records") == document["roles"]
    assert 0 < document["total"] < len(LISTINGS)


def test_search_equals_the_command_line(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    document = printed(capsys, "search", "kubernetes", "--db", url, "--country", "US")
    frame = jobradar.open(url).search("kubernetes", country="us")
    assert frame.to_dict("records") == document["results"]
    assert frame["title"].tolist()[0] == "ML Platform Engineer"  # the title match first


def test_listings_companies_history_and_salary_index(url: str) -> None:
    store = jobradar.open(url)
    take_snapshot(store.engine, utc_now().date())
    listings = store.listings(role="mlops", columns=["title", "company", "countries"])
    assert listings.to_dict("records") == [
        {"title": "Senior MLOps Engineer", "company": "Quillfeather", "countries": ["US"]}
    ]
    companies = store.companies()
    assert companies.set_index("company")["listings"].to_dict() == {
        "Quillfeather": 2,
        "Northwind Labs": 2,
        "Bluefin": 2,
    }
    # a date with a snapshot, and a filter snapshots do not keep: counted from the listings
    assert store.roles(utc_now().date(), country="US").attrs["total"] == 3
    history = store.history(days=7)
    assert set(history["date"]) == {utc_now().date()}
    assert history["count"].sum() == len(LISTINGS)
    index = store.salary_index()
    assert {"role", "seniority", "median", "p25", "p75"} <= set(index.columns)
    assert index.attrs["currency"] == "USD"
    # a past day without a snapshot: counted from the listings active then
    assert store.roles(utc_now().date() - timedelta(days=4)).attrs["total"] == 3


@pytest.mark.parametrize(
    "filters",
    [
        {"country": "Narnia"},
        {"role": "wizard"},
        {"remote_type": "sometimes"},
        {"min_confidence": 1.5},
        {"company": " "},
        {"date": "yesterday"},
    ],
)
def test_unknown_filter_values_are_user_errors(url: str, filters: dict[str, Any]) -> None:
    with pytest.raises(UserError):
        jobradar.open(url).roles(**filters)


def test_without_pandas_the_api_says_how_to_get_it(
    url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)  # import pandas raises ImportError
    with pytest.raises(UserError, match=r"pip install 'jobradar\[pandas\]'"):
        jobradar.open(url).roles()


def test_classify_tags_records_as_the_command_does(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    records = [
        {"id": "a", "title": "Senior MLOps Engineer", "description": "$150k-$180k, remote (US)"},
        {"title": "GPU Cluster Engineer", "description": "Slurm, hybrid in Berlin, €90,000"},
    ]
    lines = tmp_path / "in.jsonl"
    lines.write_text(
        json.dumps(records[0]) + "\n" + json.dumps({"id": "1", **records[1]}) + "\n",
        encoding="utf-8",
    )
    capsys.readouterr()
    main(["classify", "--input", str(lines)])
    expected = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert jobradar.classify(records) == expected
    assert expected[0]["role"] == "mlops"
    with pytest.raises(UserError, match="record 0"):
        jobradar.classify([{"description": "no title"}])


def test_import_jobradar_loads_no_store_and_no_model() -> None:
    code = (
        "import sys, jobradar; jobradar.__version__; "
        "print([m for m in ('sqlalchemy', 'sklearn', 'pandas', 'scrapy') if m in sys.modules])"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
