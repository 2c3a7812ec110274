"""Lifecycle through real crawls: a later, smaller snapshot closes exactly what disappeared;
a failed or partial crawl closes nothing; a listing that comes back is reopened."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, select
from sqlmodel import Session

from jobradar.crawler.replay import Catalog, ReplayServer
from jobradar.scheduler.jobs import CrawlOptions, crawl
from jobradar.store.engine import open_store
from jobradar.store.models import CrawlRun, Listing
from tests.conftest import recording, write_catalog

pytestmark = [pytest.mark.data, pytest.mark.slow, pytest.mark.usefixtures("child_env")]
T0 = datetime(2026, 11, 1, 6, 0, tzinfo=UTC)
GITLAB = recording("greenhouse/greenhouse_gitlab_jobs_content_2026-08-15_3items_BreteAI.json")


def board_answer(tmp_path: Path, name: str, drop: int = 0) -> Path:
    """The recorded GitLab board, less its first `drop` jobs (a later, smaller snapshot)."""
    data = json.loads(GITLAB.read_bytes())
    data["jobs"] = data["jobs"][drop:]
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def sources_file(tmp_path: Path, base_url: str, boards: str = '"gitlab"') -> Path:
    path = tmp_path / "sources.toml"
    path.write_text(
        f'[[source]]\ntype = "greenhouse"\nboards = [{boards}]\nbase_url = "{base_url}"\n',
        encoding="utf-8",
    )
    return path


def crawl_snapshot(
    tmp_path: Path,
    url: str,
    answer: Path,
    when: datetime,
    *,
    faults: dict[str, str] | None = None,
    extra: list[dict] | None = None,
    boards: str = '"gitlab"',
) -> None:
    entries = [
        {
            "source": "greenhouse",
            "board": "gitlab",
            "path": "/v1/boards/gitlab/jobs",
            "file": answer,
        }
    ]
    catalog = Catalog.load(
        write_catalog(tmp_path / f"catalog-{when:%d%H}", entries + (extra or []))
    )
    with ReplayServer(catalog, faults=faults) as server:
        crawl(CrawlOptions(url, sources_file(tmp_path, server.base_url, boards)), seen_at=when)


def open_ids(engine: Engine) -> set[str]:
    with Session(engine) as session:
        return set(session.scalars(select(Listing.source_id).where(Listing.closed_at.is_(None))))


def last_run(engine: Engine) -> CrawlRun:
    with Session(engine) as session:
        return session.scalars(select(CrawlRun).order_by(CrawlRun.id.desc())).first()  # type: ignore[return-value]


def test_a_smaller_snapshot_closes_exactly_what_disappeared_and_a_return_reopens(
    tmp_path: Path, sqlite_url: str
) -> None:
    engine = open_store(sqlite_url)
    all_ids = {str(job["id"]) for job in json.loads(GITLAB.read_bytes())["jobs"]}
    crawl_snapshot(tmp_path, sqlite_url, board_answer(tmp_path, "v1.json"), T0)
    assert open_ids(engine) == all_ids

    gone = str(json.loads(GITLAB.read_bytes())["jobs"][0]["id"])
    crawl_snapshot(
        tmp_path, sqlite_url, board_answer(tmp_path, "v2.json", drop=1), T0 + timedelta(days=1)
    )
    assert open_ids(engine) == all_ids - {gone}
    assert last_run(engine).closed == 1
    with Session(engine) as session:
        closed = session.scalars(select(Listing).where(Listing.source_id == gone)).one()
        assert closed.closed_at == T0 + timedelta(days=1)

    crawl_snapshot(tmp_path, sqlite_url, board_answer(tmp_path, "v3.json"), T0 + timedelta(days=2))
    assert open_ids(engine) == all_ids
    with Session(engine) as session:
        back = session.scalars(select(Listing).where(Listing.source_id == gone)).one()
        assert back.closed_at is None
        assert back.first_seen == T0


@pytest.mark.parametrize("fault", ["500", "garbage", "truncate"])
def test_a_failed_crawl_closes_nothing(tmp_path: Path, sqlite_url: str, fault: str) -> None:
    engine = open_store(sqlite_url)
    crawl_snapshot(tmp_path, sqlite_url, board_answer(tmp_path, "v1.json"), T0)
    before = open_ids(engine)
    crawl_snapshot(
        tmp_path,
        sqlite_url,
        board_answer(tmp_path, "v2.json", drop=2),
        T0 + timedelta(days=1),
        faults={"greenhouse": fault},
    )
    run = last_run(engine)
    assert run.status == "failed"
    assert run.closed == 0
    assert open_ids(engine) == before


def test_a_partial_crawl_with_one_dead_board_closes_nothing(
    tmp_path: Path, sqlite_url: str
) -> None:
    engine = open_store(sqlite_url)
    crawl_snapshot(tmp_path, sqlite_url, board_answer(tmp_path, "v1.json"), T0)
    before = open_ids(engine)
    crawl_snapshot(
        tmp_path,
        sqlite_url,
        board_answer(tmp_path, "v2.json", drop=2),
        T0 + timedelta(days=1),
        boards='"gitlab", "nosuchboard"',
    )
    run = last_run(engine)
    assert run.status == "failed"
    assert "error" in (run.message or "")
    assert open_ids(engine) == before
