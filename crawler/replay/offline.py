"""`--offline`: every enabled source pointed at the replay server.

What is replayed is either the real recordings of a data directory or, without one,
jobradar's own demo market for one day of its history.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import partial
from pathlib import Path

import tomli_w

from jobradar.crawler.replay.catalog import Catalog, Recording
from jobradar.crawler.replay.demo import DemoDay, market
from jobradar.crawler.sources import SourceConfig, source_table

# The made-up public host of the demo's JSON-LD pages (a reserved name: it never resolves);
# the replay's base_url replaces it when they are fetched.
DEMO_PAGES_HOST = "https://careers.example"


@dataclass(frozen=True)
class Replay:
    """What an offline crawl replays: a catalog, and pages to crawl that no feed lists."""

    catalog: Catalog
    description: str  # said in the report's first lines: what the data is and its date(s)
    pages: tuple[str, ...] = ()  # paths of JSON-LD pages (the `jobposting` source's urls)


def recorded_replay(recordings: Path) -> Replay:
    """The real recordings of a data directory."""
    return Replay(Catalog.recorded(recordings), f"replayed recordings from {recordings}")


def demo_replay(day: date, today: date) -> Replay:
    """jobradar's generated demo market as it stood on `day`."""
    demo: DemoDay = market(day, today=today)
    recordings = [
        Recording(
            source=response.source,
            path=response.path,
            body=partial(bytes, response.body),
            query=response.query,
            content_type=response.content_type,
            board=response.board,
        )
        for response in demo.responses
    ]
    return Replay(
        Catalog(recordings), f"demo data (generated) for {day.isoformat()}", tuple(demo.page_urls)
    )


def offline_sources(
    sources: Sequence[SourceConfig], replay: Replay, base_url: str
) -> tuple[list[SourceConfig], list[str]]:
    """The chosen sources that have replayed answers, rebased on `base_url`, and notes on
    the rest.

    A board source replays every board the catalog holds for its type, whatever boards
    are configured; the pages source crawls the replay's pages.
    """
    recorded = set(replay.catalog.sources())
    chosen, notes = [], []
    for source in sources:
        pages = replay.pages if source.type == "jobposting" else ()
        if source.type not in recorded:
            notes.append(f"{source.type}: nothing to replay for it; skipped offline")
            continue
        boards = tuple(replay.catalog.boards(source.type)) or source.boards
        options = dict(source.options)
        if pages:
            options.update(urls=[DEMO_PAGES_HOST + path for path in pages], sitemaps=[])
        chosen.append(
            replace(source, enabled=True, base_url=base_url, boards=boards, options=options)
        )
    return chosen, notes


def write_sources(sources: Sequence[SourceConfig], path: Path) -> Path:
    """Write sources as a sources file (TOML) that the crawl processes read."""
    entries = [source_table(source) for source in sources]
    path.write_text(tomli_w.dumps({"source": entries}), encoding="utf-8")
    return path
