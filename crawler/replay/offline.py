"""`--offline`: every enabled source pointed at the replay server and its recordings."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import tomli_w

from crawler.replay.catalog import Catalog
from crawler.sources import SourceConfig


def offline_sources(
    sources: Sequence[SourceConfig], catalog: Catalog, base_url: str
) -> tuple[list[SourceConfig], list[str]]:
    """The enabled sources that have recordings, rebased on `base_url`, and notes on the rest.

    A board source replays every board that was recorded for its type: offline mode
    exercises the whole path on the bundled data, whatever boards are configured.
    """
    recorded = set(catalog.sources())
    chosen, notes = [], []
    for source in sources:
        if not source.enabled:
            continue
        if source.type not in recorded:
            notes.append(f"{source.type}: no recording ships with jobradar; skipped offline")
            continue
        boards = tuple(catalog.boards(source.type)) or source.boards
        chosen.append(replace(source, base_url=base_url, boards=boards))
    return chosen, notes


def write_sources(sources: Sequence[SourceConfig], path: Path) -> Path:
    """Write sources as a sources file (TOML) that the crawl processes read."""
    entries = []
    for source in sources:
        entry: dict[str, object] = {"type": source.type, "enabled": source.enabled}
        if source.base_url:
            entry["base_url"] = source.base_url
        if source.boards:
            entry["boards"] = list(source.boards)
        entry.update(source.options)
        entries.append(entry)
    path.write_text(tomli_w.dumps({"source": entries}), encoding="utf-8")
    return path
