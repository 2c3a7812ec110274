"""The daily report: the salary index and role counts, in every format, written to files."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy import Engine

from jobradar.report.data import Report, build_report
from jobradar.report.feeds import write_feeds
from jobradar.report.formats import to_csv, to_json, to_markdown, to_report_json
from jobradar.report.html import to_html
from jobradar.scheduler.crawls import CrawlResult

__all__ = ["Report", "build_report", "render", "write_reports"]

RENDERERS = {"md": to_markdown, "html": to_html, "json": to_json, "csv": to_csv}


def render(report: Report, fmt: str) -> str:
    return RENDERERS[fmt](report)


def write_reports(
    engine: Engine, day: date, out_dir: Path, crawls: list[CrawlResult] | None = None
) -> list[Path]:
    """Write `out_dir/YYYY-MM-DD/salary-index.{md,html,json,csv}`, `report.json` (every
    section, for tools) and `feeds/<role>.atom`; return the paths."""
    report = build_report(engine, day, crawls)
    folder = out_dir / day.isoformat()
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for fmt, renderer in RENDERERS.items():
        path = folder / f"salary-index.{fmt}"
        path.write_text(renderer(report), encoding="utf-8")
        written.append(path)
    path = folder / "report.json"
    path.write_text(to_report_json(report), encoding="utf-8")
    written.append(path)
    return written + write_feeds(report, folder)
