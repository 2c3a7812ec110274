"""The catalog of recorded responses: which file answers which public path."""

from __future__ import annotations

import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlsplit

RECORDINGS = Path(__file__).with_name("recordings")


@dataclass(frozen=True)
class Recording:
    """One recorded answer: a source's path (and query), the file, how to serve it."""

    source: str
    path: str
    file: Path
    query: Mapping[str, str] = field(default_factory=dict)
    content_type: str = "application/json"
    board: str | None = None

    def matches(self, path: str, query: Mapping[str, str]) -> bool:
        return unquote(path) == unquote(self.path) and all(
            query.get(key) == value for key, value in self.query.items()
        )


@dataclass(frozen=True)
class Catalog:
    """Recordings loaded from a directory's `catalog.toml` (paths relative to it)."""

    recordings: Sequence[Recording]

    @classmethod
    def load(cls, directory: Path = RECORDINGS) -> Catalog:
        data = tomllib.loads((directory / "catalog.toml").read_text(encoding="utf-8"))
        recordings = [
            Recording(
                source=entry["source"],
                path=entry["path"],
                file=directory / entry["file"],
                query=entry.get("query", {}),
                content_type=entry.get("content_type", "application/json"),
                board=entry.get("board"),
            )
            for entry in data.get("response", [])
        ]
        return cls(recordings)

    def find(self, target: str) -> Recording | None:
        """The recording answering a request target ("/path?query"); the most specific wins."""
        parts = urlsplit(target)
        query = dict(parse_qsl(parts.query, keep_blank_values=True))
        candidates = [r for r in self.recordings if r.matches(parts.path, query)]
        return max(candidates, key=lambda r: len(r.query), default=None)

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
