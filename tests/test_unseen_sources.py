"""A spider parses a board or feed it has never seen, served at its public path under a
`base_url`, and stores every listing in it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from crawler.replay import Catalog, ReplayServer
from tests.conftest import jobradar, write_catalog

pytestmark = pytest.mark.slow
SHARED = Path(__file__).resolve().parent.parent / "crawler" / "replay" / "recordings"


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
        "greenhouse/warp_2026-08-14.json",
        "/v1/boards/newco/jobs",
        'boards = ["newco"]',
    ),
    (
        "greenhouse",
        "greenhouse/stripe_2026-08-01.json",
        "/v1/boards/otherco/jobs",
        'boards = ["otherco"]',
    ),
    ("lever", "lever/jumpcloud_2026-08-11.json", "/v0/postings/newco", 'boards = ["newco"]'),
    (
        "ashby",
        "ashby/linear_2026-07-18_compensation.json",
        "/posting-api/job-board/newco",
        'boards = ["newco"]',
    ),
    ("remoteok", "remoteok/spam_2026-08-03.json", "/api", ""),
    ("jobicy", "jobicy/remote-jobs_2026-07-10.json", "/api/v2/remote-jobs", ""),
    ("himalayas", "himalayas/jobs_2026-07-10.json", "/jobs/api", ""),
]


@pytest.mark.parametrize(
    ("source", "relative", "path", "extra"), CASES, ids=[f"{c[0]}:{c[1]}" for c in CASES]
)
def test_an_unseen_response_is_stored_whole(
    tmp_path: Path, source: str, relative: str, path: str, extra: str
) -> None:
    answer = SHARED / relative
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


@pytest.mark.parametrize("page", ["builtinsf_superhuman_9383286.html", "ashby_echotwin.html"])
def test_an_unseen_jobposting_page_is_stored(tmp_path: Path, page: str) -> None:
    catalog = Catalog.load(
        write_catalog(
            tmp_path / "catalog",
            [
                {
                    "source": "jobposting",
                    "path": "/careers/job-1",
                    "file": SHARED / "jsonld" / page,
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
