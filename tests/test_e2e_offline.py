"""End to end: `jobradar run --offline` over real HTTP on 127.0.0.1 into a real database.

Two replays: the real recordings of the data directory (`--data-dir`), and jobradar's
own demo market (`--demo`, what a fresh clone without a data directory replays), with
its month and a half of history.
"""

from __future__ import annotations

import json
import re
import shutil
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from jobradar.classifier import training
from jobradar.crawler.replay import Catalog, ReplayServer
from jobradar.scheduler import stages
from jobradar.scheduler.crawls import logged_stats
from jobradar.store.engine import open_store
from tests.conftest import DATA, jobradar, missing_data

pytestmark = pytest.mark.slow


def sql(url: str, query: str) -> list[tuple]:
    engine = create_engine(url)
    with engine.connect() as connection:
        rows = [tuple(row) for row in connection.execute(text(query))]
    engine.dispose()
    return rows


@pytest.fixture(scope="module")
def offline_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, str]:
    """One offline run of the real recordings: its folder, database and output."""
    if DATA is None:
        missing_data()
    assert DATA is not None
    workdir = tmp_path_factory.mktemp("offline")
    url = f"sqlite:///{workdir / 'X.db'}"
    result = jobradar(
        "run",
        "--offline",
        "--data-dir",
        str(DATA.root),
        "--db",
        url,
        "--out",
        "reports",
        cwd=workdir,
    )
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
    first_lines = (folder / "salary-index.md").read_text(encoding="utf-8").splitlines()[:3]
    assert "Data: replayed recordings from" in first_lines[2]
    assert any(row["role"] == "all" and row["seniority"] == "all" for row in index["rows"])


def test_crawled_listings_are_tagged_by_the_shipped_role_model(
    offline_run: tuple[Path, str, str],
) -> None:
    _, url, _ = offline_run
    shipped = training.read_metadata(training.PACKAGED_MODEL).version
    assert sql(url, "SELECT DISTINCT classifier_version FROM listings") == [(shipped,)]
    # by source id: an "Infrastructure and MLOps Engineer" on Graphcore's board, an HN post
    # listing "Machine Learning Engineer, Data Engineer" (its first job wins), and an HN
    # post for a data engineer
    roles = dict(
        sql(
            url,
            "SELECT source_id, role FROM listings WHERE source_id IN "
            "('8636574002', '47979994', '47978222')",
        )
    )
    assert roles == {
        "8636574002": "mlops",
        "47979994": "ml-engineer",
        "47978222": "data-platform",
    }, roles


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


def test_each_crawl_log_says_where_its_cpu_went(offline_run: tuple[Path, str, str]) -> None:
    workdir, _, _ = offline_run
    [day] = (workdir / "logs").iterdir()
    prefix = "jobradar/cpu_seconds/"
    spent = {
        log.stem: {
            name.removeprefix(prefix): seconds
            for name, seconds in logged_stats(log).items()
            if name.startswith(prefix)
        }
        for log in day.glob("*.log")
    }
    assert "greenhouse" in spent, sorted(spent)
    for source, steps in spent.items():
        assert set(steps) == {"validate", "clean_text", "derive", "store"}, source
    assert spent["greenhouse"]["derive"] > 0


def test_a_second_identical_run_adds_nothing(offline_run: tuple[Path, str, str]) -> None:
    workdir, url, _ = offline_run
    before = sql(url, "SELECT count(*) FROM listings")[0][0]
    closed_before = sql(url, "SELECT count(*) FROM listings WHERE closed_at IS NOT NULL")[0][0]
    assert DATA is not None
    result = jobradar(
        "run",
        "--offline",
        "--data-dir",
        str(DATA.root),
        "--db",
        url,
        "--out",
        "reports",
        cwd=workdir,
    )
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


@pytest.mark.data
def test_a_source_answering_500_fails_alone_and_loses_nothing(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'fault.db'}"
    assert DATA is not None
    catalog = Catalog.recorded(DATA.recordings)
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


@pytest.fixture(scope="module")
def demo_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, str]:
    """One offline run of the demo market (what a fresh clone replays)."""
    workdir = tmp_path_factory.mktemp("demo")
    url = f"sqlite:///{workdir / 'demo.db'}"
    result = jobradar("run", "--offline", "--demo", "--db", url, "--out", "reports", cwd=workdir)
    assert result.returncode == 0, result.stdout + result.stderr
    return workdir, url, result.stdout


def test_the_demo_market_gives_a_new_store_a_month_and_a_half_of_history(
    demo_run: tuple[Path, str, str],
) -> None:
    workdir, url, _ = demo_run
    days = [
        date.fromisoformat(str(d))
        for (d,) in sql(url, "SELECT DISTINCT snapshot_date FROM salary_index ORDER BY 1")
    ]
    assert len(days) >= 4
    assert (days[-1] - days[0]).days >= 30
    # listings opened and closed between the replayed dates
    assert len(sql(url, "SELECT DISTINCT date(first_seen) FROM listings")) >= 4
    assert sql(url, "SELECT count(*) FROM listings WHERE closed_at IS NOT NULL")[0][0] > 0
    # a job on two sources counts once
    assert sql(url, "SELECT count(*) FROM listings WHERE canonical_id IS NOT NULL")[0][0] > 0
    [folder] = (workdir / "reports").iterdir()
    markdown = (folder / "salary-index.md").read_text(encoding="utf-8").splitlines()
    assert "demo data \\(generated\\)" in markdown[2]
    assert days[0].isoformat().replace("-", "\\-") in markdown[2]
    page = (folder / "salary-index.html").read_text(encoding="utf-8")
    assert "demo data (generated)" in page[: page.index("</h1>") + 200]


def test_the_daily_dedupes_of_the_demo_history_link_as_one_over_every_listing(
    demo_run: tuple[Path, str, str], tmp_path: Path
) -> None:
    """The refreshes of the replayed history each linked the companies their crawls marked
    (the first, every company): every mark was read, the matcher is recorded, and the links
    left are those a run over every company finds."""
    workdir, url, _ = demo_run
    assert sql(url, "SELECT count(*) FROM dedupe_marks") == [(0,)]
    assert sql(url, "SELECT value FROM store_state") == [(stages.MATCHER_VERSION,)]
    linked = (
        "SELECT id, canonical_id FROM listings WHERE closed_at IS NULL AND canonical_id IS NOT NULL"
    )
    copy = tmp_path / "demo.db"
    shutil.copyfile(workdir / "demo.db", copy)
    every = open_store(f"sqlite:///{copy}")
    with every.begin() as connection:  # as a store no matcher has linked
        connection.execute(text("DELETE FROM store_state"))
    stages.dedupe(every)
    every.dispose()
    assert set(sql(url, linked)) == set(sql(f"sqlite:///{copy}", linked))


def test_the_demo_index_has_percentiles_and_trends_for_the_ai_roles(
    demo_run: tuple[Path, str, str],
) -> None:
    workdir, url, _ = demo_run
    index = json.loads(
        jobradar("salary-index", "--db", url, "--format", "json", cwd=workdir).stdout
    )
    priced = {
        row["role"]
        for row in index["rows"]
        if row["seniority"] == "all" and row["role"] not in {"all", "other"} and row["median"]
    }
    assert len(priced) >= 5, priced
    assert any(row["change_30d"] is not None for row in index["rows"])
    roles = json.loads(jobradar("roles", "--db", url, "--format", "json", cwd=workdir).stdout)
    other = sum(r["count"] for r in roles["roles"] if r["role"] == "other")
    assert other < roles["total"] / 2  # a market of AI and ML jobs
    [folder] = (workdir / "reports").iterdir()
    page = (folder / "salary-index.html").read_text(encoding="utf-8")
    series = re.findall(r'<g class="series">(.*?)</g>', page, flags=re.DOTALL)
    assert series
    assert max(part.count("<circle") for part in series) >= 4  # a trend over the history


def test_every_demo_source_is_crawled_and_healthy(demo_run: tuple[Path, str, str]) -> None:
    _, url, output = demo_run
    runs = sql(
        url,
        "SELECT source, status, fetched FROM crawl_runs WHERE refresh_id = (SELECT max(id) FROM refreshes)",
    )
    assert {source for source, _, _ in runs} == {
        "remoteok",
        "remotive",
        "himalayas",
        "jobicy",
        "hackernews",
        "greenhouse",
        "lever",
        "ashby",
        "jobposting",
    }
    assert all(status == "ok" and fetched > 0 for _, status, fetched in runs), runs
    assert "demo data (generated)" in output


def test_a_demo_rerun_on_the_same_day_replays_only_today(demo_run: tuple[Path, str, str]) -> None:
    workdir, url, _ = demo_run
    before = sql(url, "SELECT count(*) FROM refreshes")[0][0]
    result = jobradar("run", "--offline", "--demo", "--db", url, "--out", "reports", cwd=workdir)
    assert result.returncode == 0, result.stdout + result.stderr
    assert sql(url, "SELECT count(*) FROM refreshes")[0][0] == before + 1
    assert (
        sql(
            url,
            "SELECT count(*) FROM crawl_runs WHERE new > 0 AND refresh_id = (SELECT max(id) FROM refreshes)",
        )[0][0]
        == 0
    )
