"""The catalog of replayed responses: which answer is served at which public path.

Three kinds of catalog share one shape: the real recordings of a data directory
(`recorded.toml` names them), a folder of files with its own `catalog.toml` (tests),
and jobradar's generated demo market (bodies made in memory).
"""

from __future__ import annotations

import functools
import tomllib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

from jobradar.crawler.replay.reshape import RESHAPES
from jobradar.errors import UserError

RECORDED: Traversable = resources.files(__package__).joinpath("recorded.toml")


class CatalogError(UserError):
    """A catalog names a file or a reshape that does not exist."""


@dataclass(frozen=True)
class Recording:
    """One replayed answer: a source's path (and query), its body, how to serve it."""

    source: str
    path: str
    body: Callable[[], bytes]
    query: Mapping[str, str] = field(default_factory=dict)
    content_type: str = "application/json"
    board: str | None = None

    def matches(self, path: str, query: Mapping[str, str]) -> bool:
        return unquote(path) == unquote(self.path) and all(
            query.get(key) == value for key, value in self.query.items()
        )


def _file_body(path: Path, reshape: str | None, options: Mapping[str, Any]) -> bytes:
    if reshape is None:
        return path.read_bytes()
    return RESHAPES[reshape](path, options)


def _entry(entry: Mapping[str, Any], directory: Path) -> Recording:
    path = directory / entry["file"]
    reshape = entry.get("reshape")
    if not path.is_file():
        raise CatalogError(f"{path}: recording missing (named by the catalog for {entry['path']})")
    if reshape is not None and reshape not in RESHAPES:
        raise CatalogError(f"unknown reshape {reshape!r}; known: {', '.join(RESHAPES)}")
    return Recording(
        source=entry["source"],
        path=entry["path"],
        body=partial(_file_body, path, reshape, entry.get("options", {})),
        query=entry.get("query", {}),
        content_type=entry.get("content_type", "application/json"),
        board=entry.get("board"),
    )


@dataclass(frozen=True)
class Catalog:
    """The answers a replay server gives."""

    recordings: Sequence[Recording]

    @classmethod
    def from_toml(cls, catalog: Path | Traversable, directory: Path) -> Catalog:
        """The `[[response]]` entries of a TOML catalog; their files are relative to `directory`."""
        data = tomllib.loads(catalog.read_text(encoding="utf-8"))
        return cls([_entry(entry, directory) for entry in data.get("response", [])])

    @classmethod
    def load(cls, directory: Path) -> Catalog:
        """A folder's own `catalog.toml`, naming files in that folder."""
        return cls.from_toml(directory / "catalog.toml", directory)

    @classmethod
    def recorded(cls, recordings: Path) -> Catalog:
        """The real recordings of a data directory (`DIR/recordings`), as `recorded.toml` maps them."""
        return cls.from_toml(RECORDED, recordings)

    def find(self, target: str) -> Recording | None:
        """The recording answering a request target ("/path?query"); the most specific wins."""
        parts = urlsplit(target)
        query = dict(parse_qsl(parts.query, keep_blank_values=True))
        at_path = self._by_path.get(unquote(parts.path), [])
        candidates = [r for r in at_path if r.matches(parts.path, query)]
        return max(candidates, key=lambda r: len(r.query), default=None)

    @functools.cached_property
    def _by_path(self) -> dict[str, list[Recording]]:
        """The recordings by their path: a scale replay holds 10,000 boards."""
        index: dict[str, list[Recording]] = {}
        for recording in self.recordings:
            index.setdefault(unquote(recording.path), []).append(recording)
        return index

    def source_of(self, target: str) -> str | None:
        """The source a path belongs to, even when no recording answers it."""
        recording = self.find(target)
        if recording is not None:
            return recording.source
        path = urlsplit(target).path
        prefixes = sorted(
            ((r.path.rsplit("/", 1)[0], r.source) for r in self.recordings), reverse=True
        )
        return next(
            (source for prefix, source in prefixes if prefix and path.startswith(prefix)), None
        )

    def sources(self) -> list[str]:
        return sorted({r.source for r in self.recordings})

    def boards(self, source: str) -> list[str]:
        return sorted({r.board for r in self.recordings if r.source == source and r.board})
