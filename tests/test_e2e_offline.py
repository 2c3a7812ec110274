"""End to end: `jobradar run --offline` over real HTTP on 127.0.0.1 into a real database."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from classifier import training
from crawler.replay import Catalog, ReplayServer
from tests.conftest import jobradar

pytestmark = pytest.mark.slow


def sql(url: str, query: str) -> list[tuple]:
    engine = create_engine(url)
    with engine.connect() as connection:
        rows = [tuple(row) for row in connection.execute(text(query))]
    engine.dispose()
    return rows


@pytest.fixture(scope="module")
def offline_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, str]:
    """One offline run shared by the tests of this module: its folder, database and output."""
    workdir = tmp_path_factory.mktemp("offline")
    url = f"sqlite:///{workdir / 'X.db'}"
    result = jobradar("run", "--offline", "--db", url, "--out", "reports", cwd=workdir)
    assert result.returncode == 0, result.stdout + result.stderr
    return workdir, url, result.stdout


def test_run_offline_stores_listings_from_every_source_and_writes_the_report(
    offline_run: tuple[Path, str, str],
) -> None:
    workdir, url, _ = offline_run
    roles = jobradar("roles", "--db", url, "--format", "json", cwd=workdir)
    document = json.loads(roles.stdout)
    assert set(document) == {"date", "total", "roles"}
    assert document["total"] > 0
    assert {"role", "count"} == set(document["roles"][0])
    assert sum(r["count"] for r in document["roles"]) == document["total"]
    for source in ("remoteok", "greenhouse"):
        only = json.loads(
            jobradar(
                "roles", "--db", url, "--source", source, "--format", "json", cwd=workdir
            ).stdout
        )
        assert only["total"] > 0, source
    [folder] = (workdir / "reports").iterdir()
    assert {p.name for p in folder.iterdir()} >= {"salary-index.md", "salary-index.json"}
    index = json.loads((folder / "salary-index.json").read_text())
    assert index["currency"] == "USD"
    assert any(row["role"] == "all" and row["seniority"] == "all" for row in index["rows"])


def test_crawled_listings_are_tagged_by_the_shipped_role_model(
    offline_run: tuple[Path, str, str],
) -> None:
    _, url, _ = offline_run
    shipped = training.read_metadata(training.PACKAGED_MODEL).version
    assert sql(url, "SELECT DISTINCT classifier_version FROM listings") == [(shipped,)]
    roles = dict(
        sql(
            url,
            "SELECT title, role FROM listings WHERE title = 'Infrastructure and MLOps Engineer'"
            " OR title LIKE 'ML6 | Machine Learning Engineer, Data Engineer |%'"
            " OR title LIKE 'Revio Insight | Data Engineer |%'",
        )
    )
    assert sorted(roles.values()) == ["data-platform", "ml-engineer", "mlops"], roles


def test_the_summary_table_names_each_enabled_source(offline_run: tuple[Path, str, str]) -> None:
    _, _, output = offline_run
    summary = output[output.index("Crawl summary") :]
    for source in (
        "remoteok",
        "remotive",
        "himalayas",
        "jobicy",
        "hackernews",
        "greenhouse",
        "lever",
        "ashby",
    ):
        assert source in summary


def test_a_second_identical_run_adds_nothing(offline_run: tuple[Path, str, str]) -> None:
    workdir, url, _ = offline_run
    before = sql(url, "SELECT count(*) FROM listings")[0][0]
    closed_before = sql(url, "SELECT count(*) FROM listings WHERE closed_at IS NOT NULL")[0][0]
    result = jobradar("run", "--offline", "--db", url, "--out", "reports", cwd=workdir)
    assert result.returncode == 0, result.stderr
    assert sql(url, "SELECT count(*) FROM listings")[0][0] == before
    last_refresh = sql(url, "SELECT max(refresh_id) FROM crawl_runs")[0][0]
    new, unchanged = sql(
        url, f"SELECT sum(new), sum(unchanged) FROM crawl_runs WHERE refresh_id = {last_refresh}"
    )[0]
    assert new == 0
    assert unchanged == before
    # nothing the replay still lists is closed; only listings past their own expiry date are
    assert (
        sql(url, "SELECT count(*) FROM listings WHERE closed_at IS NOT NULL")[0][0] == closed_before
    )
    assert (
        sql(
            url, "SELECT count(*) FROM listings WHERE closed_at IS NOT NULL AND expires_at IS NULL"
        )[0][0]
        == 0
    )


def _sources_file(path: Path, base_url: str) -> Path:
    path.write_text(
        f'[[source]]\ntype = "remoteok"\nbase_url = "{base_url}"\n\n'
        f'[[source]]\ntype = "greenhouse"\nboards = ["anthropic", "gitlab"]\nbase_url = "{base_url}"\n',
        encoding="utf-8",
    )
    return path


def test_a_source_answering_500_fails_alone_and_loses_nothing(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'fault.db'}"
    catalog = Catalog.load()
    with ReplayServer(catalog) as healthy:
        good = jobradar(
            "crawl",
            "--sources",
            str(_sources_file(tmp_path / "good.toml", healthy.base_url)),
            "--db",
            url,
            cwd=tmp_path,
        )
    assert good.returncode == 0, good.stdout + good.stderr
    stored = sql(url, "SELECT count(*) FROM listings")[0][0]

    with ReplayServer(catalog, faults={"remoteok": "500"}) as faulty:
        bad = jobradar(
            "crawl",
            "--sources",
            str(_sources_file(tmp_path / "bad.toml", faulty.base_url)),
            "--db",
            url,
            cwd=tmp_path,
        )
    assert bad.returncode == 1
    runs = {
        source: (status, exit_code)
        for source, status, exit_code in sql(
            url, "SELECT source, status, exit_code FROM crawl_runs WHERE id > 2"
        )
    }

    assert runs["remoteok"][0] == "failed"
    assert runs["remoteok"][1] != 0
    assert runs["greenhouse"] == ("ok", 0)
    assert sql(url, "SELECT count(*) FROM listings")[0][0] == stored
    assert sql(url, "SELECT count(*) FROM listings WHERE closed_at IS NOT NULL")[0][0] == 0
