"""The sources file: which sources to crawl, their boards, and where to fetch them.

TOML, an array of tables named `source` (DESIGN.md, "The sources file"). The
default ships in the package; `--sources FILE` or `$JOBRADAR_SOURCES` selects
another. Unknown keys and wrong types are errors, reported with the file name.
"""

from __future__ import annotations

import functools
import os
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from jobradar.errors import JobradarError

SOURCES_ENV = "JOBRADAR_SOURCES"
# read through importlib.resources: inside a Scrapyd egg the package is a zip file
DEFAULT_SOURCES: Traversable = resources.files(__package__).joinpath("sources.toml")
_COMMON_KEYS = {"type", "enabled", "base_url", "boards"}


class SourcesError(JobradarError, ValueError):
    """The sources file is missing, unreadable or invalid."""


@dataclass(frozen=True)
class SourceConfig:
    """One `[[source]]` entry."""

    type: str
    enabled: bool = True
    base_url: str | None = None
    boards: tuple[str, ...] = ()
    options: Mapping[str, Any] = field(default_factory=dict)

    def url(self, public_url: str) -> str:
        """`public_url` with its scheme and host replaced by `base_url`, if one is set."""
        return rebase(public_url, self.base_url)


def rebase(public_url: str, base_url: str | None) -> str:
    """Replace scheme and host of `public_url` with those of `base_url`; keep path and query.

    A path in `base_url` is kept as a prefix (a mirror under a sub-path).
    """
    if not base_url:
        return public_url
    public, base = urlsplit(public_url), urlsplit(base_url)
    path = base.path.rstrip("/") + public.path
    return urlunsplit((base.scheme, base.netloc, path, public.query, ""))


def sources_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """`--sources`, else `$JOBRADAR_SOURCES`, else the packaged default (the command line's:
    an installed jobradar is files on disk, never a zip)."""
    chosen = explicit or os.environ.get(SOURCES_ENV)
    return Path(chosen) if chosen else Path(str(DEFAULT_SOURCES))


def crawl_sources_file(explicit: str | os.PathLike[str] | None = None) -> Path | Traversable:
    """The sources file a crawl process reads: like `sources_path`, but the packaged
    default is read as a resource, so a crawl run from a zipped egg (Scrapyd) finds it."""
    chosen = explicit or os.environ.get(SOURCES_ENV)
    return Path(chosen) if chosen else DEFAULT_SOURCES


@dataclass(frozen=True)
class Board:
    """One company's board on an applicant-tracking system, as `boards.toml` lists it."""

    company: str
    ats: str
    token: str
    focus: str


@functools.cache
def curated_boards() -> tuple[Board, ...]:
    """jobradar's curated list of AI companies' boards (`crawler/boards.toml`)."""
    data = tomllib.loads(resources.files(__package__).joinpath("boards.toml").read_text("utf-8"))
    return tuple(Board(**entry) for entry in data["board"])


def default_boards(kind: str) -> tuple[str, ...]:
    """The boards a source of type `kind` crawls when its entry lists none."""
    return tuple(board.token for board in curated_boards() if board.ats == kind)


def _option_types(kind: str, where: str) -> Mapping[str, type]:
    """The options the spider of `kind` accepts (each spider declares its own)."""
    from jobradar.crawler.registry import spider_classes  # noqa: PLC0415 (the spiders read this module)

    spiders = spider_classes()
    if kind not in spiders:
        raise SourcesError(
            f"{where}: unknown source type {kind!r}; known: {', '.join(sorted(spiders))}"
        )
    return spiders[kind].options


def _entry(raw: Mapping[str, Any], where: str) -> SourceConfig:
    kind = raw.get("type")
    if not isinstance(kind, str) or not kind:
        raise SourcesError(f"{where}: every [[source]] needs a `type` (the spider name)")
    option_types = _option_types(kind, where)
    allowed = _COMMON_KEYS | set(option_types)
    unknown = sorted(set(raw) - allowed)
    if unknown:
        raise SourcesError(f"{where}: unknown key(s) {', '.join(unknown)} for source type {kind!r}")
    enabled = raw.get("enabled", True)
    if not isinstance(enabled, bool):
        raise SourcesError(f"{where}: `enabled` must be true or false")
    base_url = raw.get("base_url")
    if base_url is not None and (
        not isinstance(base_url, str) or urlsplit(base_url).scheme not in {"http", "https"}
    ):
        raise SourcesError(f"{where}: `base_url` must be an http(s) URL, got {base_url!r}")
    boards = raw.get("boards", list(default_boards(kind)))
    if not isinstance(boards, list) or not all(isinstance(b, str) and b.strip() for b in boards):
        raise SourcesError(f"{where}: `boards` must be a list of board names")
    options = {}
    for key, expected in option_types.items():
        if key in raw:
            if not isinstance(raw[key], expected):
                raise SourcesError(f"{where}: `{key}` must be a {expected.__name__}")
            options[key] = raw[key]
    return SourceConfig(kind, enabled, base_url, tuple(b.strip() for b in boards), options)


def source_entry(raw: Mapping[str, Any], where: str) -> SourceConfig:
    """One `[[source]]` entry, checked like those of a sources file."""
    return _entry(raw, where)


def source_table(source: SourceConfig) -> dict[str, Any]:
    """A source as its `[[source]]` table (what `load_sources` and `source_entry` read)."""
    entry: dict[str, Any] = {"type": source.type, "enabled": source.enabled}
    if source.base_url:
        entry["base_url"] = source.base_url
    if source.boards:
        entry["boards"] = list(source.boards)
    entry.update(source.options)
    return entry


def load_sources(path: Path | Traversable) -> list[SourceConfig]:
    """Read and check a sources file."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise SourcesError(f"sources file not found: {path}") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise SourcesError(f"cannot read sources file {path}: {exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise SourcesError(f"{path}: not valid TOML: {exc}") from exc
    entries = data.get("source", [])
    if not isinstance(entries, list) or not entries:
        raise SourcesError(f"{path}: no [[source]] entries")
    unknown_top = sorted(set(data) - {"source"})
    if unknown_top:
        raise SourcesError(f"{path}: unknown top-level key(s) {', '.join(unknown_top)}")
    sources = [_entry(raw, f"{path}, source #{n}") for n, raw in enumerate(entries, 1)]
    seen: set[str] = set()
    for source in sources:
        if source.type in seen:
            raise SourcesError(
                f"{path}: source type {source.type!r} appears twice; put its boards in one entry"
            )
        seen.add(source.type)
    return sources


def find_source(sources: Sequence[SourceConfig], name: str) -> SourceConfig:
    """The entry of type `name`; a source missing from the file runs with defaults."""
    for source in sources:
        if source.type == name:
            return source
    return SourceConfig(name)


def with_base_url(sources: Sequence[SourceConfig], base_url: str) -> list[SourceConfig]:
    """Every source pointed at `base_url` (the offline replay, a mirror)."""
    return [replace(source, base_url=base_url) for source in sources]
