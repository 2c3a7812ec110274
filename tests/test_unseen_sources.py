"""A spider parses a board or feed it has never seen, served at its public path under a
`base_url`, and stores every listing in it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from jobradar.crawler.replay import Catalog, ReplayServer
from tests.conftest import jobradar, recording, write_catalog

pytestmark = [pytest.mark.data, pytest.mark.slow]


def _count_jobs(path: Path, source: str) -> int:
    data = json.loads(path.read_bytes())
    if source == "remoteok":
        return sum(1 for r in data if r.get("id") and r.get("position"))
    if source == "lever":
        return len(data)
    if source == "ashby":
        return sum(1 for job in data["jobs"] if job.get("isListed", True) is not False)
    return len(data["jobs"])


# (source, recording, path it is served at, sources-file lines)
CASES = [
    (
        "greenhouse",
        "greenhouse/greenhouse_warp_jobs_content_2026-08-14_4items_sift.json",
        "/v1/boards/newco/jobs",
        'boards = ["newco"]',
    ),
    (
        "greenhouse",
        "greenhouse/greenhouse_stripe_jobs_content_2026-08-01_4items_job_hunt.json",
        "/v1/boards/otherco/jobs",
        'boards = ["otherco"]',
    ),
    (
        "lever",
        "lever/lever_jumpcloud_postings_2026-08-11_2items_trimmed_job-agent.json",
        "/v0/postings/newco",
        'boards = ["newco"]',
    ),
    (
        "ashby",
        "ashby/ashby_linear_job-board_includeCompensation_2026-07-18_2items_tech-salary-radar.json",
        "/posting-api/job-board/newco",
        'boards = ["newco"]',
    ),
    (
        "remoteok",
        "remoteok/remoteok_api_2026-08-03_4items-spam-posts_JobSearchAggregator.json",
        "/api",
        "",
    ),
    (
        "jobicy",
        "jobicy/jobicy_v2_remote-jobs_2026-07-10_trimmed-snapshot_remote-jobs-collector.json",
        "/api/v2/remote-jobs",
        "",
    ),
    (
        "himalayas",
        "himalayas/himalayas_jobs_api_2026-07-10_trimmed-snapshot_remote-jobs-collector.json",
        "/jobs/api",
        "",
    ),
]


@pytest.mark.parametrize(
    ("source", "relative", "path", "extra"), CASES, ids=[f"{c[0]}:{c[1]}" for c in CASES]
)
def test_an_unseen_response_is_stored_whole(
    tmp_path: Path, source: str, relative: str, path: str, extra: str
) -> None:
    answer = recording(relative)
    catalog = Catalog.load(
        write_catalog(tmp_path / "catalog", [{"source": source, "path": path, "file": answer}])
    )
    url = f"sqlite:///{tmp_path / 'x.db'}"
    with ReplayServer(catalog) as server:
        sources = tmp_path / "sources.toml"
        sources.write_text(
            f'[[source]]\ntype = "{source}"\n{extra}\nbase_url = "{server.base_url}"\n',
            encoding="utf-8",
        )
        result = jobradar("crawl", source, "--sources", str(sources), "--db", url, cwd=tmp_path)
    engine = create_engine(url)
    with engine.connect() as connection:
        stored = connection.execute(text("SELECT count(*) FROM listings")).scalar()
    engine.dispose()
    assert stored == _count_jobs(answer, source), result.stdout + result.stderr


@pytest.mark.parametrize(
    "page",
    [
        "builtinsf_superhuman_senior-tpm-growth_9383286_2026-06.html",
        "ashby-hosted_echotwin_senior-tpm_2026-06.html",
    ],
)
def test_an_unseen_jobposting_page_is_stored(tmp_path: Path, page: str) -> None:
    catalog = Catalog.load(
        write_catalog(
            tmp_path / "catalog",
            [
                {
                    "source": "jobposting",
                    "path": "/careers/job-1",
                    "file": recording(f"jsonld_html/{page}"),
                    "content_type": "text/html",
                },
            ],
        )
    )
    url = f"sqlite:///{tmp_path / 'x.db'}"
    with ReplayServer(catalog) as server:
        sources = tmp_path / "sources.toml"
        sources.write_text(
            f'[[source]]\ntype = "jobposting"\nurls = ["https://careers.example.com/careers/job-1"]\n'
            f'base_url = "{server.base_url}"\n',
            encoding="utf-8",
        )
        result = jobradar(
            "crawl", "jobposting", "--sources", str(sources), "--db", url, cwd=tmp_path
        )
    assert result.returncode == 0, result.stdout + result.stderr
    engine = create_engine(url)
    with engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM listings")).scalar() == 1
    engine.dispose()
