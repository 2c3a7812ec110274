"""The daily report as users get it: the contract's JSON, charts in headless Chromium,
hostile scraped strings shown as text in every format, one refresh at a time, and
`jobradar schedule` running exactly one refresh at the time it was given.

The report is made from the demo market (`run --offline --demo`), which needs no data
directory; the refresh-lock and schedule tests replay the real recordings.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright
from sqlmodel import Session, select

from jobradar.classifier.taxonomy import ROLE_NAMES, ROLE_SLUGS, SENIORITIES
from jobradar.report.data import GROUP_NAMES
from jobradar.store.engine import open_store
from jobradar.store.models import Listing, Refresh
from jobradar.store.types import utc_now
from tests.conftest import DATA, ROOT, jobradar, missing_service

pytestmark = pytest.mark.slow

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
# The contract's row keys (DESIGN.md), written out rather than imported from the code,
# so a change to the code's list fails here.
INDEX_KEYS = {
    "role",
    "seniority",
    "n_listings",
    "n_with_salary",
    "disclosure_rate",
    "p25",
    "median",
    "p75",
    "change_30d",
}


@pytest.fixture(scope="module")
def offline(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """One `jobradar run --offline --demo`, then a hostile listing added beside what it stored."""
    workdir = tmp_path_factory.mktemp("report")
    url = f"sqlite:///{workdir / 'r.db'}"
    # a loaded machine (CI shares its cores) takes over the default five minutes for this
    result = jobradar(
        "run", "--offline", "--demo", "--db", url, "--out", "reports", cwd=workdir, timeout=900
    )
    assert result.returncode == 0, result.stdout + result.stderr
    now = utc_now()
    with Session(open_store(url)) as session:
        session.add(
            Listing(
                source="remoteok",
                source_id="hostile",
                url="javascript:alert(1)",
                title=SCRIPT,
                company=IMG,
                description_text=f"{SCRIPT} {IMG}",
                first_seen=now,
                last_seen=now,
                remote_type="remote",
                role="mlops",
                skills=[SCRIPT],
                salary_min=900_000,
                salary_max=950_000,
                salary_currency="USD",
                salary_period="year",
                annual_usd_min=900_000,
                annual_usd_max=950_000,
            )
        )
        session.commit()
    return workdir, url


def test_salary_index_json_matches_the_contract(offline: tuple[Path, str]) -> None:
    workdir, url = offline
    result = jobradar("salary-index", "--db", url, "--format", "json", cwd=workdir)
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert set(document) == {"date", "currency", "rows"}
    assert document["currency"] == "USD"
    date.fromisoformat(document["date"])
    rows = document["rows"]
    assert all(set(row) == INDEX_KEYS for row in rows)
    assert {row["role"] for row in rows} <= {*ROLE_SLUGS, "all"}
    assert {row["seniority"] for row in rows} <= {*SENIORITIES, "all"}
    overall = next(row for row in rows if (row["role"], row["seniority"]) == ("all", "all"))
    assert overall["n_with_salary"] >= 5
    assert overall["p25"] <= overall["median"] <= overall["p75"]
    for row in rows:
        assert (row["median"] is None) == (row["n_with_salary"] < 5)
        assert 0 <= row["disclosure_rate"] <= 1
    for role in {row["role"] for row in rows if row["role"] != "all"}:
        assert any(r["role"] == role and r["seniority"] == "all" for r in rows)


def test_run_writes_the_report_in_every_format(offline: tuple[Path, str]) -> None:
    workdir, _ = offline
    [folder] = (workdir / "reports").iterdir()
    assert {path.name for path in folder.iterdir()} == {
        *(f"salary-index.{fmt}" for fmt in ("md", "html", "json", "csv")),
        "report.json",
        "feeds",
    }
    page = (folder / "salary-index.html").read_text(encoding="utf-8")
    for section in ("How sure we are", "Method", "Sources", "Top skills per role"):
        assert section in page
    assert 'href="https://remoteok.com' in page  # RemoteOK asks for a link back


def _folder(workdir: Path) -> Path:
    [folder] = (workdir / "reports").iterdir()
    return folder


MONEY = r"\$[0-9,]+"


def test_the_first_screen_gives_ai_ml_and_ai_infra_medians_with_intervals_and_n(
    offline: tuple[Path, str],
) -> None:
    folder = _folder(offline[0])
    markdown = (folder / "salary-index.md").read_text(encoding="utf-8")
    first_screen = markdown.split("\n## ")[:2]  # the title, provenance and the headline
    headline = first_screen[1]
    assert headline.startswith("Headline")
    for group in ("ai-ml", "ai-infra", "other"):
        name = GROUP_NAMES[group].replace("-", "\\-")
        line = next(line for line in headline.splitlines() if line.startswith(f"- {name}:"))
        # "median $152,000 (95 % interval $140,314–$164,203) … n = 148 salaries of 260 jobs"
        assert re.search(rf"median {MONEY} \\\(95 % interval {MONEY}–{MONEY}\\\)", line), line
        assert re.search(r"n = \d+ salaries of \d+ jobs", line), line
    page = (folder / "salary-index.html").read_text(encoding="utf-8")
    top = page[: page.index('<section id="section-by-role">')]
    for group in ("ai-ml", "ai-infra", "other"):
        card = top[top.index(f'id="group-{group}"') :]
        card = card[: card.index("</div>")]
        assert re.search(rf"95&nbsp;% interval {MONEY}–{MONEY}", card), card
        assert re.search(r"n = \d+ salaries of \d+ jobs", card), card
    document = json.loads((folder / "report.json").read_text(encoding="utf-8"))
    assert document["provenance"]["kind"] == "demo"
    headline_cells = {cell["role"]: cell for cell in document["headline"]}
    for group in ("ai-ml", "ai-infra"):
        cell = headline_cells[group]
        low, high = cell["intervals"]["median"]
        assert low <= cell["median"] <= high
        assert cell["n_with_salary"] >= 5


def test_no_row_shows_n_0_or_empty_percentiles(offline: tuple[Path, str]) -> None:
    folder = _folder(offline[0])
    for name in ("salary-index.md", "salary-index.html"):
        text = (folder / name).read_text(encoding="utf-8")
        assert "(n=0)" not in text
        assert "—(n=" not in text  # thin cells are named under their table, not listed
        assert "Fewer than 5 salaries, so no percentiles" in text


def test_every_trend_has_two_points_or_says_when_history_starts(
    offline: tuple[Path, str],
) -> None:
    folder = _folder(offline[0])
    page = (folder / "salary-index.html").read_text(encoding="utf-8")
    series = re.findall(r'<g class="series">(.*?)</g>', page, flags=re.DOTALL)
    assert series
    assert all(part.count("<circle") >= 2 for part in series)
    trends = page[
        page.index('<section id="section-trends">') : page.index(
            '<section id="section-work-modes">'
        )
    ]
    charts = trends.count("<svg")
    assert charts + trends.count("History starts on") == 2  # medians and shares
    assert charts == 0 or 'class="date"' in trends  # a time axis under every trend


def test_markdown_has_the_sections_of_the_html(offline: tuple[Path, str]) -> None:
    folder = _folder(offline[0])
    markdown = (folder / "salary-index.md").read_text(encoding="utf-8")
    page = (folder / "salary-index.html").read_text(encoding="utf-8")
    md_sections = re.findall(r"^## (.+)$", markdown, flags=re.MULTILINE)
    html_sections = [title.replace("&#39;", "'") for title in re.findall(r"<h2>(.*?)</h2>", page)]
    assert md_sections == html_sections
    for section in (
        "Headline: AI/ML pay",
        "Trends",
        "Remote and hybrid",
        "Who is hiring",
        "Openings and closings",
        "Top skills per role",
        "How sure we are",
        "Feeds of new listings",
    ):
        assert section in md_sections
    document = json.loads((folder / "report.json").read_text(encoding="utf-8"))
    assert [s["title"] for s in document["sections"]] == md_sections


def test_each_role_has_a_valid_atom_feed_linked_from_the_page(offline: tuple[Path, str]) -> None:
    folder = _folder(offline[0])
    atom = "{http://www.w3.org/2005/Atom}"
    page = (folder / "salary-index.html").read_text(encoding="utf-8")
    entries = 0
    for role in ROLE_SLUGS:
        path = folder / "feeds" / f"{role}.atom"
        root = ET.parse(path).getroot()  # noqa: S314 (our own output)
        assert root.tag == f"{atom}feed"
        for child in ("id", "title", "updated"):
            assert root.find(f"{atom}{child}") is not None, (role, child)
        for entry in root.findall(f"{atom}entry"):
            entries += 1
            for child in ("id", "title", "updated"):
                assert (entry.findtext(f"{atom}{child}") or "").strip(), (role, child)
            link = entry.find(f"{atom}link")  # only to a web page, never javascript:
            assert link is None or link.get("href", "").startswith(("https://", "http://"))
            assert (entry.findtext(f"{atom}content") or "").strip()
        assert f'href="feeds/{role}.atom"' in page
    assert entries > 0


@pytest.mark.parametrize("fmt", ["md", "html", "json", "csv"])
def test_hostile_strings_are_text_in_every_format(offline: tuple[Path, str], fmt: str) -> None:
    workdir, url = offline
    result = jobradar("salary-index", "--db", url, "--format", fmt, cwd=workdir)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "javascript:" not in out
    if fmt == "md":  # a backslash makes Markdown show the next character as itself
        assert re.search(r"(?<!\\)[<>\[\]()]alert", out) is None
        assert re.search(r"(?<!\\)<", out) is None
    else:
        assert "<script" not in out
        assert "<img" not in out
    if fmt == "html":
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out  # shown, escaped
        assert "&#34;&gt;&lt;img src=x onerror=alert(1)&gt;" in out
    if fmt == "md":
        assert r"\<script\>alert\(1\)\</script\>" in out
        assert r"\<img src=x onerror=alert\(1\)\>" in out


@pytest.mark.parametrize("fmt", ["table", "json", "csv"])
def test_search_shows_hostile_strings_as_they_were_written(
    offline: tuple[Path, str], fmt: str
) -> None:
    workdir, url = offline
    result = jobradar(
        "search", "alert(1)", "--db", url, "--min-salary", "800000", "--format", fmt, cwd=workdir
    )
    assert result.returncode == 0, result.stderr
    if fmt == "json":
        [hit] = json.loads(result.stdout)["results"]
        assert (hit["title"], hit["company"]) == (SCRIPT, IMG)
    elif fmt == "csv":
        [hit] = list(csv.DictReader(io.StringIO(result.stdout)))
        assert (hit["title"], hit["company"]) == (SCRIPT, IMG)
    else:
        assert SCRIPT in result.stdout  # rich prints it; it does not read it as markup


def test_search_filters_by_role_remote_type_and_pay(offline: tuple[Path, str]) -> None:
    workdir, url = offline
    hits = json.loads(
        jobradar(
            "search",
            "--db",
            url,
            "--role",
            "mlops",
            "--format",
            "json",
            "--limit",
            "500",
            cwd=workdir,
        ).stdout
    )["results"]
    assert hits
    assert all(hit["role"] == "mlops" for hit in hits)
    paid = json.loads(
        jobradar(
            "search", "--db", url, "--min-salary", "150000", "--format", "json", cwd=workdir
        ).stdout
    )["results"]
    assert paid
    assert all(max(h["annual_usd_min"] or 0, h["annual_usd_max"] or 0) >= 150000 for h in paid)
    bad = jobradar("search", "--db", url, "--min-salary", "lots", cwd=workdir)
    assert bad.returncode == 2
    assert bad.stderr.count("\n") == 1


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


# Overflow checks run in the page: what scrolls sideways, and which legend entries are cut.
_OVERFLOW = """() => ({
  page: document.documentElement.scrollWidth - document.documentElement.clientWidth,
  cut: [...document.querySelectorAll('.legend li, .card h3, h1, h2')]
    .filter(e => e.scrollWidth > e.clientWidth + 1 || e.getBoundingClientRect().right > innerWidth + 1)
    .map(e => e.textContent),
})"""


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 390])
def test_the_html_report_shows_its_charts_in_headless_chromium(
    offline: tuple[Path, str], width: int
) -> None:
    chromium = _chromium()
    if chromium is None:
        missing_service("needs headless Chromium (Debian package chromium)")
    workdir, url = offline
    page_path = workdir / "hostile.html"
    if not page_path.exists():
        result = jobradar(
            "salary-index", "--db", url, "--format", "html", "--out", str(page_path), cwd=workdir
        )
        assert result.returncode == 0, result.stderr
    shots = Path(os.environ.get("JOBRADAR_SCREENSHOTS") or workdir)
    shots.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": width, "height": 900})
        dialogs: list[str] = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.goto(page_path.as_uri())
        charts = page.locator("svg.chart")
        assert charts.count() >= 3
        for index in range(charts.count()):
            box = charts.nth(index).bounding_box()
            assert box is not None
            assert box["width"] > min(300, width - 60)
            assert box["height"] > 50
            assert box["x"] + box["width"] <= width
        assert page.locator("svg.chart rect.bar").count() >= 5
        assert page.locator("svg.chart g.series").count() >= 1
        # the headline (AI/ML and AI-infrastructure medians) is on the first screen
        for group in ("ai-ml", "ai-infra"):
            box = page.locator(f"#group-{group}").bounding_box()
            assert box is not None
            assert box["y"] < 900, group
        # legends in full, each a line of its own text (never cut to fit the chart)
        legend = [label.strip() for label in page.locator(".legend li").all_inner_texts()]
        assert legend
        assert set(legend) <= {*ROLE_NAMES.values(), *GROUP_NAMES.values(), "remote", "hybrid"}
        overflow = page.evaluate(_OVERFLOW)
        assert overflow["page"] <= 0, "the page scrolls sideways"
        assert overflow["cut"] == []
        assert page.locator("#top-paid").inner_text().count(SCRIPT) == 1
        assert page.locator("img").count() == 0
        assert dialogs == []
        page.screenshot(path=str(shots / f"report-{width}.png"), full_page=True)
        page.screenshot(path=str(shots / f"report-{width}-first-screen.png"))
        browser.close()
    assert (shots / f"report-{width}.png").stat().st_size > 10_000


@pytest.mark.data
def test_two_runs_at_once_one_refreshes_the_other_exits_2(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'c.db'}"
    env = {
        **os.environ,
        "SCRAPY_SETTINGS_MODULE": "tests.fast_settings",
        "PYTHONPATH": str(ROOT),
    }
    assert DATA is not None
    command = [sys.executable, "-m", "jobradar", "run", "--offline", "--db", url, "--out", "r"]
    command += ["--data-dir", str(DATA.root)]
    first = subprocess.Popen(
        command, cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    lock_pid = tmp_path / "c.db.refresh.lock.pid"
    deadline = time.monotonic() + 60
    while not lock_pid.exists() and first.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert lock_pid.exists(), "the first run should hold the lock while it refreshes"
    second = subprocess.run(
        command, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120, check=False
    )
    out, err = first.communicate(timeout=300)
    assert first.returncode == 0, out + err
    assert second.returncode == 2
    assert second.stderr.strip() == f"jobradar: error: another refresh is running (pid {first.pid})"
    with Session(open_store(url)) as session:
        assert len(list(session.exec(select(Refresh)))) == 1
    assert not lock_pid.exists()


@pytest.mark.data
def test_schedule_started_a_minute_early_runs_exactly_one_refresh(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 's.db'}"
    open_store(url)
    start = datetime.now(UTC)
    if start.second > 50:  # leave the scheduler time to start before the minute turns
        time.sleep(61 - start.second)
        start = datetime.now(UTC)
    at = (start + timedelta(minutes=1)).strftime("%H:%M")
    env = {**os.environ, "SCRAPY_SETTINGS_MODULE": "tests.fast_settings", "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "jobradar", "schedule", "--at", at, "--timezone", "UTC"]
    assert DATA is not None
    command += ["--offline", "--data-dir", str(DATA.root), "--db", url, "--out", "r"]
    scheduler = subprocess.Popen(
        command, cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    try:
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline:
            with Session(open_store(url)) as session:
                done = [r for r in list(session.exec(select(Refresh))) if r.finished_at is not None]
            if done:
                break
            assert scheduler.poll() is None, scheduler.stdout.read() if scheduler.stdout else ""
            time.sleep(1)
        time.sleep(5)  # a second refresh would have started by now
        with Session(open_store(url)) as session:
            refreshes = list(session.exec(select(Refresh)))
        assert len(refreshes) == 1
        [refresh] = refreshes
        assert refresh.trigger == "schedule"
        assert refresh.status == "ok"
        assert refresh.started_at.strftime("%H:%M") == at
        assert scheduler.poll() is None  # it keeps waiting for tomorrow
    finally:
        scheduler.terminate()
        scheduler.wait(timeout=30)
    assert (tmp_path / "r" / refresh.started_at.date().isoformat() / "salary-index.html").exists()


def test_schedule_rejects_a_wrong_time_or_zone_in_one_line(tmp_path: Path) -> None:
    for args, message in (
        (["--at", "25:00"], "--at '25:00' is not a time of day"),
        (["--at", "6am"], "--at '6am' is not a time of day"),
        (["--timezone", "Mars/Base"], "--timezone 'Mars/Base' is not an IANA time zone"),
    ):
        result = jobradar("schedule", *args, cwd=tmp_path)
        assert result.returncode == 2
        assert result.stderr.count("\n") == 1
        assert message in result.stderr
