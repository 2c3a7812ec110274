"""Recordings served in another shape than they were recorded in.

A few recordings in the data directory hold real API records under another envelope:
Greenhouse boards saved by a tracker that wrapped the job list, and a month of Hacker
News "Who is hiring?" comments saved as a projection of the Firebase items. The replay
serves them as the public API answers the spiders ask for, built at request time, so
the records themselves are never copied.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

# The thread's own story is not in the projection: it is dated just before its first comment.
_THREAD_LEAD_SECONDS = 17


def _read(path: Path) -> Any:
    return json.loads(path.read_bytes())


def _dump(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False).encode()


def greenhouse_wrapped(path: Path, options: Mapping[str, Any]) -> bytes:
    """A tracker's `{"company", "fetched_at", "jobs"}` file as the board API's `{"jobs", "meta"}`.

    `limit` keeps the first jobs only (a board of 800 jobs replays slowly for no gain).
    """
    jobs = _read(path)["jobs"][: int(options.get("limit", 10**9))]
    return _dump({"jobs": jobs, "meta": {"total": len(jobs)}})


def _iso(epoch: int) -> str:
    return datetime.fromtimestamp(epoch, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _thread(projection: Mapping[str, Any]) -> tuple[int, str, list[Mapping[str, Any]]]:
    sources = projection["sources"]
    comments = [job for job in projection["jobs"] if job.get("source") == "who_is_hiring"]
    return int(sources["who_is_hiring_thread_id"]), sources["who_is_hiring_thread_title"], comments


def hn_threads(path: Path, options: Mapping[str, Any]) -> bytes:
    """A recorded story search, plus the projected month's thread first, as the answer to
    `search_by_date?tags=story,author_whoishiring`."""
    search = _read(path)
    story, title, comments = _thread(_read(path.parent / options["projection"]))
    created = min(int(comment["time"]) for comment in comments) - _THREAD_LEAD_SECONDS
    hit = {
        "_tags": ["story", "author_whoishiring", f"story_{story}", "ask_hn"],
        "author": "whoishiring",
        "created_at": _iso(created),
        "created_at_i": created,
        "num_comments": len(comments),
        "objectID": str(story),
        "story_id": story,
        "title": title,
    }
    hits = [hit, *search["hits"]]
    return _dump(
        {
            **search,
            "hits": hits,
            "hitsPerPage": 50,
            "nbHits": len(hits),
            "nbPages": 1,
            "params": "tags=story%2Cauthor_whoishiring&hitsPerPage=50",
            "query": "",
        }
    )


def hn_comments(path: Path, options: Mapping[str, Any]) -> bytes:
    """One page of a projected thread's comments as Algolia comment hits, newest first."""
    story, title, comments = _thread(_read(path))
    page, per_page = int(options["page"]), int(options.get("per_page", 150))
    newest_first = sorted(comments, key=lambda comment: -int(comment["time"]))
    chosen = newest_first[page * per_page : (page + 1) * per_page]
    hits = [
        {
            "_tags": ["comment", f"author_{comment['by']}", f"story_{story}"],
            "author": comment["by"],
            "comment_text": comment["text"],
            "created_at": _iso(int(comment["time"])),
            "created_at_i": int(comment["time"]),
            "objectID": str(comment["id"]),
            "parent_id": story,
            "story_id": story,
            "story_title": title,
            "updated_at": _iso(int(comment["time"])),
        }
        for comment in chosen
    ]
    return _dump(
        {
            "exhaustive": {"nbHits": True, "typo": True},
            "exhaustiveNbHits": True,
            "exhaustiveTypo": True,
            "hits": hits,
            "hitsPerPage": per_page,
            "nbHits": len(comments),
            "nbPages": -(-len(comments) // per_page),
            "page": page,
            "params": f"tags=comment%2Cstory_{story}&hitsPerPage={per_page}&page={page}",
            "processingTimeMS": 1,
            "query": "",
        }
    )


RESHAPES: dict[str, Callable[[Path, Mapping[str, Any]], bytes]] = {
    "greenhouse-wrapped": greenhouse_wrapped,
    "hn-threads": hn_threads,
    "hn-comments": hn_comments,
}
