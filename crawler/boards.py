"""Finding a company's board on the applicant-tracking systems jobradar crawls, and adding
it to a sources file (`jobradar boards add COMPANY`).

A company's board token is usually its name in lower case, with or without its
separators ("Scale AI" → `scaleai`, `scale-ai`, `scale`). Each spelling is tried on
Greenhouse, Lever and Ashby, at the endpoints their spiders crawl (rebased on a source's
`base_url` when the sources file sets one); the first endpoint that answers with a job
list is the board.
"""

from __future__ import annotations

import json
import re
import tomllib
import urllib.error
import urllib.request
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import tomli_w

from jobradar.crawler.settings import USER_AGENT
from jobradar.crawler.sources import (
    DEFAULT_SOURCES,
    SourceConfig,
    SourcesError,
    default_boards,
    find_source,
    rebase,
)

ATS = ("greenhouse", "lever", "ashby")
TIMEOUT = 15  # seconds an ATS may take to answer one probe
_SUFFIXES = re.compile(r"\b(?:inc|llc|ltd|corp|co|gmbh|labs?|technologies|hq)\b\.?", re.I)

# What a probe gets: the HTTP status and the body (urllib by default; tests may inject).
Fetch = Callable[[str], tuple[int, bytes]]


def candidate_tokens(company: str) -> list[str]:
    """The spellings a company's board token is likely to have, most likely first."""
    words = re.findall(r"[a-z0-9]+", company.lower())
    core = re.findall(r"[a-z0-9]+", _SUFFIXES.sub(" ", company.lower())) or words
    spellings = ["".join(words), "-".join(words), "".join(core), "-".join(core), core[0]]
    return list(dict.fromkeys(spelling for spelling in spellings if spelling))


def _fetch(url: str) -> tuple[int, bytes]:
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})  # noqa: S310 (http(s) endpoints we build)
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as answer:  # noqa: S310
            return answer.status, answer.read()
    except urllib.error.HTTPError as error:
        return error.code, b""
    except (urllib.error.URLError, TimeoutError, OSError):
        return 0, b""


def _lists_jobs(ats: str, body: bytes) -> bool:
    try:
        data: Any = json.loads(body)
    except ValueError:
        return False
    if ats == "lever":
        return isinstance(data, list)
    return isinstance(data, dict) and isinstance(data.get("jobs"), list)


def find_board(
    company: str, sources: Sequence[SourceConfig], fetch: Fetch = _fetch
) -> tuple[str, str] | None:
    """(ATS, token) of the first board that answers for `company`, or None."""
    from jobradar.crawler.registry import spider_classes  # noqa: PLC0415 (loads every spider)

    spiders = spider_classes()
    for token in candidate_tokens(company):
        for ats in ATS:
            public = spiders[ats].endpoint.format(board=token)
            status, body = fetch(rebase(public, find_source(sources, ats).base_url))
            if status == 200 and _lists_jobs(ats, body):
                return ats, token
    return None


def add_board(sources_file: Path, ats: str, token: str) -> bool:
    """Add `token` to the `ats` entry of a sources file (created from the packaged default
    when it does not exist); False when it was already there. Comments are not kept."""
    text = (sources_file if sources_file.exists() else DEFAULT_SOURCES).read_text("utf-8")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise SourcesError(f"{sources_file}: not valid TOML: {exc}") from exc
    entries: list[dict[str, Any]] = data.setdefault("source", [])
    entry = next((e for e in entries if e.get("type") == ats), None)
    if entry is None:
        entry = {"type": ats, "enabled": True}
        entries.append(entry)
    boards = list(entry.get("boards", default_boards(ats)))
    if token in boards:
        return False
    entry["boards"] = [*boards, token]
    sources_file.write_text(tomli_w.dumps(data), encoding="utf-8")
    return True
