"""Shared fixtures: stores (SQLite, PostgreSQL), recorded responses, spiders run offline.

Real recordings and the labelled corpus are read from the data directory (`../shared`
beside the repository, or `$JOBRADAR_DATA`). A test that needs it is marked `data` (or
asks for the `data_dir` fixture): where there is none it is skipped with a reason, and
where it must be there (CI sets JOBRADAR_REQUIRE_DATA=1) it fails.
"""

from __future__ import annotations

import functools
import json
import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings
from scrapy import Spider
from scrapy.http import Request, TextResponse
from scrapy.statscollectors import MemoryStatsCollector
from scrapy.utils.test import get_crawler
from sqlalchemy import Engine, create_engine, text

from jobradar.classifier.corpus import Corpus
from jobradar.crawler.replay import Catalog
from jobradar.datadir import DataDir, find_data_dir
from jobradar.store.engine import open_store

ROOT = Path(__file__).resolve().parent.parent

# A test run must be reproducible: by default each property test draws the same examples
# every time. HYPOTHESIS_PROFILE=explore searches with fresh random ones.
settings.register_profile("reproducible", derandomize=True)
settings.register_profile("explore", derandomize=False)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "reproducible"))
FIXTURES = Path(__file__).with_name("fixtures")
POSTGRES_URL = os.environ.get(
    "JOBRADAR_TEST_POSTGRES", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)


DATA: DataDir | None = find_data_dir()
# Where recordings would be: paths built at import time name it even without a data directory.
_RECORDINGS = DATA.recordings if DATA else Path("<no data directory>") / "recordings"
NO_DATA = "no data directory (../shared beside the repository, or set $JOBRADAR_DATA)"


def missing_data() -> None:
    """Skip a test that needs the data directory, except where it must be there."""
    if os.environ.get("JOBRADAR_REQUIRE_DATA") == "1":
        pytest.fail(f"required by JOBRADAR_REQUIRE_DATA: {NO_DATA}")
    pytest.skip(reason=NO_DATA)


def pytest_runtest_setup(item: pytest.Item) -> None:
    if item.get_closest_marker("data") is not None and DATA is None:
        missing_data()


@pytest.fixture
def data_dir() -> DataDir:
    """The data directory (real recordings, corpus, reference labels)."""
    if DATA is None:
        missing_data()
    assert DATA is not None
    return DATA


def data_params(params: list[Any]) -> list[Any]:
    """Parameters read from the data directory; without one, a single placeholder, so
    the test reports the missing directory (a skip, or a failure in CI) instead of
    quietly collecting nothing."""
    return params if DATA is not None else [pytest.param(None, id="no-data-directory")]


@pytest.fixture(scope="session")
def corpus() -> Corpus:
    """The data directory's postings and reference labels."""
    if DATA is None:
        missing_data()
    assert DATA is not None
    return DATA.corpus()


def recording(relative: str) -> Path:
    """A file of the data directory's recordings (tests using it are marked `data`)."""
    return _RECORDINGS / relative


@functools.cache
def _recorded_catalog() -> Catalog:
    return Catalog.recorded(_RECORDINGS)


def recorded(reference: str) -> bytes:
    """A recorded body: a file of the recordings, or ("/path?query") what the offline
    replay of the recordings serves at that public path (reshaped recordings)."""
    if not reference.startswith("/"):
        return recording(reference).read_bytes()
    found = _recorded_catalog().find(reference)
    assert found is not None, f"the recordings' catalog serves nothing at {reference}"
    return found.body()


def make_spider(spider_cls: type[Spider], settings: dict[str, Any] | None = None) -> Spider:
    """A spider built by a crawler (with stats), as Scrapy would build it."""
    crawler = get_crawler(spider_cls, settings or {})
    crawler.stats = MemoryStatsCollector(crawler)
    return spider_cls.from_crawler(crawler)


def response_for(body: bytes | str, url: str) -> TextResponse:
    """A recorded body as the response to a GET of `url`."""
    data = body if isinstance(body, bytes) else body.encode()
    return TextResponse(url=url, body=data, encoding="utf-8", request=Request(url))


def run_spider(
    spider_cls: type[Spider] | Spider,
    body: bytes | str,
    url: str,
    settings: dict[str, Any] | None = None,
    callback: str = "parse",
    **kwargs: Any,
) -> tuple[list[dict[str, Any]], dict[str, Any], Spider]:
    """Feed one recorded response to a spider callback; return its items, stats and the spider.

    The requests the callback yielded are on `spider.follow_requests`.
    """
    spider = spider_cls if isinstance(spider_cls, Spider) else make_spider(spider_cls, settings)
    results = list(getattr(spider, callback)(response_for(body, url), **kwargs) or [])
    spider.follow_requests = [r for r in results if isinstance(r, Request)]  # type: ignore[attr-defined]
    items = [_without_record_hash(dict(r)) for r in results if not isinstance(r, Request)]
    assert spider.crawler.stats is not None
    return items, spider.crawler.stats.get_stats(), spider


def _without_record_hash(item: dict[str, Any]) -> dict[str, Any]:
    """An item without its record digest, checked here: the digest covers the mapping code,
    so it changes with every edit of a spider and no test can spell it out."""
    digest = item.pop("record_hash", None)
    assert digest is None or (len(digest) == 64 and int(digest, 16) >= 0), digest
    return item


def answer_every_try(
    spider_cls: type[Spider], body: bytes | str, url: str, **kwargs: Any
) -> tuple[list[dict[str, Any]], dict[str, Any], int]:
    """Give the same (unreadable) answer to a request and to every retry the spider asks
    for; the items, the stats, and how many times the URL was asked."""
    spider = make_spider(spider_cls)
    data = body if isinstance(body, bytes) else body.encode()
    request = Request(url, cb_kwargs=kwargs)
    items: list[dict[str, Any]] = []
    tries = 0
    while request is not None:
        tries += 1
        response = TextResponse(url=url, body=data, encoding="utf-8", request=request)
        results = list(spider.parse(response, **request.cb_kwargs) or [])
        items += [dict(r) for r in results if not isinstance(r, Request)]
        retries = [r for r in results if isinstance(r, Request) and r.url == url]
        request = retries[0] if retries else None
    assert spider.crawler.stats is not None
    return items, spider.crawler.stats.get_stats(), tries


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'jobradar.db'}"


def missing_service(reason: str) -> None:
    """Skip a test whose server or browser is absent, except where it must be there.

    CI sets JOBRADAR_REQUIRE_SERVICES=1: there a missing PostgreSQL or Chromium is a
    failure, not a quiet skip.
    """
    if os.environ.get("JOBRADAR_REQUIRE_SERVICES") == "1":
        pytest.fail(f"required by JOBRADAR_REQUIRE_SERVICES: {reason}")
    pytest.skip(reason=reason)


def _postgres_available() -> bool:
    try:
        engine = create_engine(POSTGRES_URL)
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        engine.dispose()
    except Exception:  # noqa: BLE001 (any failure means: no server to test against)
        return False
    return True


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A fresh PostgreSQL schema on the local server, dropped afterwards."""
    if not _postgres_available():
        missing_service(f"no PostgreSQL server at {POSTGRES_URL} (set JOBRADAR_TEST_POSTGRES)")
    schema = f"t_{uuid.uuid4().hex[:10]}"
    admin = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f"CREATE SCHEMA {schema}"))
    url = f"{POSTGRES_URL}?options=-csearch_path%3D{schema}"
    yield url
    with admin.connect() as connection:
        connection.execute(text(f"DROP SCHEMA {schema} CASCADE"))
    admin.dispose()


@pytest.fixture
def postgres_database_url() -> Iterator[str]:
    """A fresh PostgreSQL database of its own, dropped afterwards.

    For a test that needs VACUUM to mark pages all-visible (index-only scans): a transaction
    open in the same database, a concurrent test's in another schema, holds that back.
    """
    if not _postgres_available():
        missing_service(f"no PostgreSQL server at {POSTGRES_URL} (set JOBRADAR_TEST_POSTGRES)")
    name = f"t_{uuid.uuid4().hex[:10]}"
    admin = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f"CREATE DATABASE {name}"))
    yield POSTGRES_URL.rsplit("/", 1)[0] + f"/{name}"
    with admin.connect() as connection:
        connection.execute(text(f"DROP DATABASE {name} WITH (FORCE)"))
    admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Each store test runs on SQLite and on PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'jobradar.db'}"
    return request.getfixturevalue("postgres_url")


@pytest.fixture
def engine(store_url: str) -> Engine:
    return open_store(store_url)


def jobradar(
    *args: str, cwd: Path, env: dict[str, str] | None = None, timeout: float = 300
) -> subprocess.CompletedProcess[str]:
    """Run the `jobradar` command as a user would, with fast crawl settings."""
    environment = {
        **os.environ,
        "SCRAPY_SETTINGS_MODULE": "tests.fast_settings",
        "PYTHONPATH": str(ROOT),
        **(env or {}),
    }
    environment.pop("JOBRADAR_DATABASE_URL", None)
    environment.pop("JOBRADAR_SOURCES", None)
    return subprocess.run(
        [sys.executable, "-m", "jobradar", *args],
        cwd=cwd,
        env=environment,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def load_json(text_: str) -> Any:
    return json.loads(text_)


def write_catalog(directory: Path, entries: list[dict[str, Any]]) -> Path:
    """A replay catalog in `directory`: each entry names a file to copy and where it answers.

    Entry keys: source, path, file (a Path), and optionally query, board, content_type.
    """
    directory.mkdir(parents=True, exist_ok=True)
    lines = []
    for number, entry in enumerate(entries):
        target = f"f{number}_{Path(entry['file']).name}"
        (directory / target).write_bytes(Path(entry["file"]).read_bytes())
        lines += [
            "[[response]]",
            f'source = "{entry["source"]}"',
            f'path = "{entry["path"]}"',
            f'file = "{target}"',
        ]
        if entry.get("query"):
            pairs = ", ".join(f'{key} = "{value}"' for key, value in entry["query"].items())
            lines.append(f"query = {{ {pairs} }}")
        for key in ("board", "content_type"):
            if entry.get(key):
                lines.append(f'{key} = "{entry[key]}"')
        lines.append("")
    (directory / "catalog.toml").write_text("\n".join(lines), encoding="utf-8")
    return directory


@pytest.fixture
def child_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """Child crawls started in-process use the fast test settings."""
    monkeypatch.setenv("SCRAPY_SETTINGS_MODULE", "tests.fast_settings")
    monkeypatch.setenv("PYTHONPATH", str(ROOT))
