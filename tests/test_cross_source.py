"""The same job fed through two sources (its Greenhouse board and its Built In page) counts once."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlmodel import Session

from crawler.replay import Catalog, ReplayServer
from scheduler.jobs import CrawlOptions, crawl
from store.engine import open_store
from store.models import Listing
from store.queries import role_counts
from tests.conftest import FIXTURES, jobradar, recording, write_catalog

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("child_env")]
PAGE = "https://www.builtinsf.com/job/technical-program-manager-infrastructure/8419332"
SEEN = datetime(
    2026, 6, 20, 6, 0, tzinfo=UTC
)  # both postings were live (the page expires 2026-07-13)


def test_one_job_on_two_sources_counts_once(tmp_path: Path, sqlite_url: str) -> None:
    catalog = Catalog.load(
        write_catalog(
            tmp_path / "catalog",
            [
                {
                    "source": "greenhouse",
                    "board": "anthropic",
                    "path": "/v1/boards/anthropic/jobs",
                    "file": FIXTURES / "greenhouse_anthropic_tpm_infrastructure.json",
                },
                {
                    "source": "jobposting",
                    "path": "/job/technical-program-manager-infrastructure/8419332",
                    "file": recording("jsonld/builtinsf_anthropic_8419332.html"),
                    "content_type": "text/html",
                },
            ],
        )
    )
    with ReplayServer(catalog) as server:
        sources = tmp_path / "sources.toml"
        sources.write_text(
            f'[[source]]\ntype = "greenhouse"\nboards = ["anthropic"]\nbase_url = "{server.base_url}"\n\n'
            f'[[source]]\ntype = "jobposting"\nurls = ["{PAGE}"]\nbase_url = "{server.base_url}"\n',
            encoding="utf-8",
        )
        report = crawl(CrawlOptions(sqlite_url, sources), seen_at=SEEN)
    assert [r.status for r in report.results] == ["ok", "ok"]
    assert report.duplicates == 1

    engine = open_store(sqlite_url)
    with Session(engine) as session:
        listings = {row.source: row for row in session.scalars(select(Listing))}
    assert set(listings) == {"greenhouse", "jobposting"}
    assert listings["greenhouse"].canonical_id is None  # the employer's own posting is canonical
    assert listings["jobposting"].canonical_id == listings["greenhouse"].id
    assert sum(role_counts(engine, SEEN.date()).values()) == 1

    roles = json.loads(
        jobradar(
            "roles", "--db", sqlite_url, "--date", "2026-06-20", "--format", "json", cwd=tmp_path
        ).stdout
    )
    assert roles["total"] == 1
