"""The report on a small store: a first day with no trend yet, thin roles named instead of
listed, implausible pay counted, and the accuracy section from either shape of `measured_accuracy()`."""

from __future__ import annotations

import json
import re
from datetime import timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Engine
from sqlmodel import Session

from jobradar.classifier.roles import low_confidence_below
from jobradar.report import render, write_reports
from jobradar.report.charts import trend
from jobradar.report.data import accuracy_figures, build_report
from jobradar.report.formats import to_report_json
from jobradar.store.models import Listing
from jobradar.store.snapshots import take_snapshot
from jobradar.store.types import utc_now

NOW = utc_now()


def _listing(n: int, role: str, pay: float | None) -> Listing:
    paid: dict[str, Any] = {}
    if pay is not None:
        paid = {
            "salary_min": pay,
            "salary_max": pay,
            "salary_currency": "USD",
            "salary_period": "year",
            "annual_usd_min": pay,
            "annual_usd_max": pay,
        }
    return Listing(
        source="lever",
        source_id=str(n),
        url=f"https://example.com/{n}",
        title=f"Engineer {n}",
        company=f"Company {n}",
        company_key=f"company{n}",
        title_key=f"engineer {n}",
        first_seen=NOW - timedelta(hours=1),
        remote_type="remote",
        role=role,
        seniority="senior",
        **paid,
    )


def _one_day_store(engine: Engine) -> None:
    listings = [_listing(i, "mlops", 120_000 + 5000 * i) for i in range(8)]
    listings += [_listing(100 + i, "gpu-cluster", 180_000) for i in range(2)]
    listings += [_listing(200, "edge-ai", None), _listing(300, "mlops", 2_000_000)]
    with Session(engine) as session:
        session.add_all(listings)
        session.commit()
    take_snapshot(engine, NOW.date())


def test_a_first_day_says_when_history_starts_instead_of_drawing_one_dot(
    engine: Engine, tmp_path: Path
) -> None:
    _one_day_store(engine)
    report = build_report(engine, NOW.date())
    markdown, page = render(report, "md"), render(report, "html")
    for text in (markdown, page):
        assert f"History starts on {NOW.date().isoformat()} (1 daily snapshot so far)" in text
        assert "(n=0)" not in text
        assert "—(n=" not in text
    assert "<polyline" not in page
    # thin roles are named with their counts under the table, not given empty rows
    assert "GPU Cluster / Accelerator Engineer (2 of 2 jobs)" in page
    assert "Edge AI / Edge Infrastructure Engineer (0 of 1 jobs)" in page
    assert re.search(r"\| MLOps Engineer \| 9 \| 8 \|", markdown)  # 9 jobs, 1 implausible
    for text in (markdown, page):
        assert "Left out as implausible today: 1 job whose only yearly pay" in text
    written = write_reports(engine, NOW.date(), tmp_path)
    assert (tmp_path / NOW.date().isoformat() / "feeds" / "mlops.atom") in written


def test_accuracy_reads_the_flat_and_the_measured_shapes() -> None:
    split, figures, threshold = accuracy_figures(
        {"labels": 970, "salary_precision": 0.98, "role_accuracy": 0.9, "role_macro_f1": 0.8}
    )
    assert (split, threshold) == (None, None)
    assert {f.name: (f.value, f.n) for f in figures} == {
        "role_accuracy": (0.9, 970),
        "role_macro_f1": (0.8, 970),
        "salary_precision": (0.98, 970),
    }
    split, figures, threshold = accuracy_figures(
        {
            "split": "test",
            "figures": {
                "role_accuracy": {"value": 0.91, "low": 0.88, "high": 0.93, "n": 400},
                "false_salary_rate": {"value": 0.01, "low": 0.0, "high": 0.03, "n": 300},
            },
            "low_confidence_below": 0.5,
        }
    )
    assert (split, threshold) == ("test", 0.5)
    [role, false_salary] = figures
    assert (role.low, role.high, role.n) == (0.88, 0.93, 400)
    assert false_salary.percent


def test_a_trend_is_drawn_on_a_time_axis_and_only_with_two_days_or_more() -> None:
    first = NOW.date() - timedelta(days=30)
    series = {
        "AI Engineer (LLM applications)": [
            (first, 100_000.0),
            (first + timedelta(days=10), 110_000.0),
            (first + timedelta(days=30), 120_000.0),
        ],
        "one day only": [(first, 90_000.0)],
    }
    chart = trend("Median pay", series, percent=False)
    [line] = chart.lines  # a one-day series is no line
    assert line.label == "AI Engineer (LLM applications)"  # whole, never cut
    xs = [x for x, _ in line.points]
    # days 0, 10 and 30 sit at 0, 1/3 and 1 of the axis
    assert abs((xs[1] - xs[0]) / (xs[2] - xs[0]) - 1 / 3) < 0.01
    assert chart.dates[0][1] == first.strftime("%d %b")
    assert chart.dates[-1][1] == NOW.date().strftime("%d %b")
    assert trend("Median pay", {"one day only": [(first, 1.0)]}, percent=False).lines == []


def test_an_empty_store_reports_sentences_not_empty_tables(engine: Engine) -> None:
    report = build_report(engine, NOW.date())
    markdown, page = render(report, "md"), render(report, "html")
    for text in (markdown, page):
        assert "none has been taken yet" in text
        assert "(n=0)" not in text
    assert "No role has 5 salaries or more here yet." in markdown
    # every Markdown table has at least one row under its header
    lines = markdown.splitlines()
    for i, line in enumerate(lines):
        if line.startswith("| ---"):
            assert i + 1 < len(lines)
            assert lines[i + 1].startswith("|"), lines[i - 1]


def test_low_confidence_tags_are_counted_apart_in_every_format(engine: Engine) -> None:
    threshold = low_confidence_below()
    assert threshold is not None  # the packaged model measured one
    listings = [_listing(i, "mlops", None) for i in range(5)]
    listings += [_listing(10 + i, "other", None) for i in range(2)]
    for listing, confidence in zip(
        listings, (0.99, 0.95, threshold / 2, 0.1, 0.99, 0.2, 0.9), strict=True
    ):
        listing.role_confidence = confidence
    with Session(engine) as session:
        session.add_all(listings)
        session.commit()
    report = build_report(engine, NOW.date())
    assert report.low_confidence["mlops"] == 2
    assert report.low_confidence["other"] == (1 if threshold > 0.2 else 0) + (
        1 if threshold > 0.9 else 0
    )
    low = sum(report.low_confidence.values())
    line = f"Low-confidence tags today: {low} of 7 listings"
    assert line in render(report, "md").replace("\\", "")  # Markdown escapes punctuation
    assert line in render(report, "html")
    document = json.loads(to_report_json(report))
    assert document["accuracy"]["low_confidence_listings"]["mlops"] == 2
