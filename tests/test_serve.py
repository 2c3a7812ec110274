"""`jobradar serve`: Datasette on the SQLite store, seen in headless Chromium: the views,
the tables' and columns' descriptions, the sources' terms, a full-text search result and
a canned query."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from jobradar.serve import metadata
from jobradar.store.models import Listing
from tests.conftest import ROOT, missing_service
from tests.store_seed import seeded


def test_the_metadata_describes_every_column_people_read() -> None:
    described = metadata("jobradar")["databases"]["jobradar"]["tables"]["listings"]["columns"]
    internal = {"source_record", "workplace_raw", "location_requirements", "salary_raw"}
    internal |= {"pay_structured", "description_hash", "content_hash", "expires_at"}
    internal |= {"classifier_version", "extractor_version", "tagged_hash"}
    internal |= {"company_key", "title_key", "record_hash"}
    assert set(Listing.model_fields) - internal <= set(described)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def served(tmp_path: Path) -> Iterator[str]:
    """`jobradar serve` on a seeded store; its base URL."""
    seeded(f"sqlite:///{tmp_path / 'jobradar.db'}")
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "jobradar", "serve", "--port", str(port), "--db",
         f"sqlite:///{tmp_path / 'jobradar.db'}"],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(base, timeout=2):
                    break
            except (urllib.error.URLError, ConnectionError):
                if process.poll() is not None or time.monotonic() > deadline:
                    output = process.stdout.read().decode() if process.stdout else ""
                    pytest.fail(f"jobradar serve did not start: {output}")
                time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=20)


@pytest.mark.browser
def test_datasette_shows_views_descriptions_and_search_results(served: str) -> None:
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        missing_service("needs headless Chromium (Debian package chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        page = browser.new_page()
        page.goto(f"{served}/jobradar")
        body = page.locator("body").inner_text()
        for view in ("active_listings", "active_role_counts", "latest_salary_index"):
            assert view in body
        page.goto(served)
        assert "belong to the employers and job boards" in page.locator("body").inner_text()
        assert page.locator('a:has-text("terms")').count() >= 5

        page.goto(f"{served}/jobradar/listings?_search=kubernetes+model")
        body = page.locator("body").inner_text()
        assert "Every listing jobradar has seen" in body  # the table's description
        assert "ISO 3166 alpha-2" in body  # a column's description
        rows = page.locator("table.rows-and-columns tbody tr")
        assert rows.count() == 2
        assert "Senior MLOps Engineer" in rows.all_inner_texts()[0] + rows.all_inner_texts()[1]

        page.goto(f"{served}/jobradar/search?q=serve")
        assert "Inference Engineer" in page.locator("table.rows-and-columns").inner_text()
        browser.close()


def test_without_datasette_serve_is_one_line_and_exit_2(
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from jobradar.cli import main

    monkeypatch.setitem(sys.modules, "datasette", None)  # import datasette raises ImportError
    monkeypatch.setitem(sys.modules, "datasette.cli", None)
    with pytest.raises(SystemExit) as exited:
        main(["serve", "--db", sqlite_url])
    assert exited.value.code == 2
    [line] = capsys.readouterr().err.strip().splitlines()
    assert line == "jobradar: error: jobradar serve needs Datasette: pip install 'jobradar[serve]'"
