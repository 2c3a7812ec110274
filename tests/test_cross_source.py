"""The same job fed through two sources (its Greenhouse board and its Built In page) counts once.

The Greenhouse board answer is built at test time from the recorded Greenhouse-hosted
page of the same job (its title, location line and `job__description` HTML, escaped as
the board API escapes `content`), dated like the Built In page of that job.
"""

from __future__ import annotations

import html
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from parsel import Selector
from sqlalchemy import select
from sqlmodel import Session

from jobradar.crawler.replay import Catalog, ReplayServer
from jobradar.scheduler.jobs import CrawlOptions, crawl
from jobradar.store.engine import open_store
from jobradar.store.models import Listing
from jobradar.store.queries import role_counts
from tests.conftest import jobradar, recording, write_catalog

pytestmark = [pytest.mark.data, pytest.mark.slow, pytest.mark.usefixtures("child_env")]
PAGE = "https://www.builtinsf.com/job/technical-program-manager-infrastructure/8419332"
SEEN = datetime(
    2026, 6, 20, 6, 0, tzinfo=UTC
)  # both postings were live (the page expires 2026-07-13)


def _board_answer(path: Path) -> Path:
    """The Anthropic board's API answer holding this one job, from its hosted page."""
    page = Selector(
        text=recording(
            "jsonld_html/greenhouse-hosted_anthropic_tpm-infrastructure_5111783008_2026-06.html"
        ).read_text(encoding="utf-8")
    )
    job = {
        "absolute_url": "https://job-boards.greenhouse.io/anthropic/jobs/5111783008",
        "id": 5111783008,
        "title": page.css("h1::text").get(),
        "company_name": "Anthropic",
        "location": {"name": page.css(".job__location ::text").re_first(r"\S.*\S")},
        "metadata": None,
        "updated_at": "2026-06-13T00:00:00-04:00",
        "first_published": "2026-06-13T00:00:00-04:00",
        "content": html.escape(page.css("div.job__description").get() or "", quote=True),
    }
    path.write_text(json.dumps({"jobs": [job], "meta": {"total": 1}}), encoding="utf-8")
    return path


def test_one_job_on_two_sources_counts_once(tmp_path: Path, sqlite_url: str) -> None:
    catalog = Catalog.load(
        write_catalog(
            tmp_path / "catalog",
            [
                {
                    "source": "greenhouse",
                    "board": "anthropic",
                    "path": "/v1/boards/anthropic/jobs",
                    "file": _board_answer(tmp_path / "anthropic.json"),
                },
                {
                    "source": "jobposting",
                    "path": "/job/technical-program-manager-infrastructure/8419332",
                    "file": recording(
                        "jsonld_html/builtinsf_anthropic_tpm-infrastructure_8419332_2026-06.html"
                    ),
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
