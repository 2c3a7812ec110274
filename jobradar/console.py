"""Terminal output: tables, live crawl progress, and plain lines when not a terminal."""

from __future__ import annotations

import sys
from collections.abc import Mapping, Sequence
from typing import Any

from rich.console import Console
from rich.live import Live
from rich.table import Table
from rich.text import Text

from jobradar.scheduler.crawls import CrawlResult

# Not a terminal (a pipe, a log file, CI): wide enough that tables are never cut.
console = Console(highlight=False, width=None if sys.stdout.isatty() else 200)


def table(title: str | None, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> Table:
    grid = Table(title=title, title_justify="left")
    for column in columns:
        grid.add_column(
            column, justify="right" if column[:1].isupper() and column in _NUMERIC else "left"
        )
    for row in rows:
        # Text(), not str: a scraped "[bold]" or "[/]" is shown as written, not read as markup.
        grid.add_row(*(Text("" if cell is None else str(cell)) for cell in row))
    return grid


_NUMERIC = {
    "Fetched",
    "New",
    "Updated",
    "Unchanged",
    "Closed",
    "Errors",
    "Seconds",
    "Listings",
    "Count",
    "Requests",
}


def summary_table(results: Sequence[CrawlResult]) -> Table:
    rows = [
        (
            r.source,
            r.status,
            r.fetched,
            r.new,
            r.updated,
            r.unchanged,
            r.closed,
            r.errors,
            f"{r.seconds:.1f}",
            r.message or "",
        )
        for r in results
    ]
    return table(
        "Crawl summary",
        (
            "Source",
            "Status",
            "Fetched",
            "New",
            "Updated",
            "Unchanged",
            "Closed",
            "Errors",
            "Seconds",
            "Note",
        ),
        rows,
    )


class CrawlProgress:
    """Live per-source progress on a terminal; one line per finished source otherwise."""

    def __init__(self, sources: Sequence[str]) -> None:
        self.state: dict[str, dict[str, Any]] = {
            source: {"status": "waiting"} for source in sources
        }
        self.live: Live | None = None
        self.interactive = sys.stdout.isatty()

    def __enter__(self) -> CrawlProgress:
        if self.interactive:
            self.live = Live(self._render(), console=console, refresh_per_second=4, transient=True)
            self.live.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.live is not None:
            self.live.__exit__(None, None, None)

    def _render(self) -> Table:
        rows = [
            (
                name,
                info.get("status"),
                info.get("requests", ""),
                info.get("listings", ""),
                info.get("errors", ""),
            )
            for name, info in self.state.items()
        ]
        return table("Crawling", ("Source", "Status", "Requests", "Listings", "Errors"), rows)

    def __call__(self, source: str, event: Mapping[str, Any]) -> None:
        info = self.state.setdefault(source, {})
        info.update(event)
        info["status"] = "finished" if event.get("event") == "done" else "crawling"
        if self.live is not None:
            self.live.update(self._render())
        elif event.get("event") == "done":
            console.print(
                f"{source}: {event.get('listings', 0)} listings, {event.get('requests', 0)} requests, "
                f"{event.get('errors', 0)} errors"
            )
