"""What one crawl process needs to know about its run: store, timestamp, sources file."""

from __future__ import annotations

import json
import weakref
from dataclasses import dataclass, field
from datetime import UTC, datetime

from scrapy.settings import BaseSettings
from sqlalchemy import Engine

from jobradar.crawler.sources import (
    SourceConfig,
    crawl_sources_file,
    find_source,
    load_sources,
    source_entry,
)
from jobradar.store.engine import database_url, open_store
from jobradar.store.listings import Fingerprint, fingerprints
from jobradar.store.types import utc_now

_SEEN_AT: dict[int, datetime] = {}
# by the settings' id, with a reference that tells a reused id (tests run many crawls)
_KNOWN: dict[tuple[int, str], tuple[weakref.ref[BaseSettings], KnownListings]] = {}


@dataclass(frozen=True)
class KnownListings:
    """What the store holds of one source when its crawl starts."""

    # (board, source id) → fingerprint: the validate step compares each item's facts with it
    by_key: dict[tuple[str, str], Fingerprint] = field(default_factory=dict)
    # record hash → (board, source id): the spider maps no record found here again
    by_record: dict[str, tuple[str, str]] = field(default_factory=dict)


def known_listings(settings: BaseSettings, source: str) -> KnownListings:
    """The store's listings of `source`, read once per crawl (the spider and the steps share
    them)."""
    key = (id(settings), source)
    cached = _KNOWN.get(key)
    if cached is not None and cached[0]() is settings:
        return cached[1]
    by_key = fingerprints(crawl_engine(settings), source)
    by_record = {
        known.record_hash: listing for listing, known in by_key.items() if known.record_hash
    }
    known = KnownListings(by_key, by_record)
    _KNOWN[key] = (weakref.ref(settings), known)
    return known


def crawl_engine(settings: BaseSettings) -> Engine:
    """The store this crawl writes to (`JOBRADAR_DATABASE_URL` setting, env, default)."""
    return open_store(database_url(settings.get("JOBRADAR_DATABASE_URL")))


def seen_at(settings: BaseSettings) -> datetime:
    """The one timestamp every listing of this crawl is marked seen at.

    The parent process passes it (`JOBRADAR_SEEN_AT`), so a refresh and its crawls
    agree; a crawl started by hand uses its start time.
    """
    value = settings.get("JOBRADAR_SEEN_AT")
    if value:
        moment = datetime.fromisoformat(value)
        return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return _SEEN_AT.setdefault(id(settings), utc_now())


def source_config(settings: BaseSettings, name: str) -> SourceConfig:
    """This spider's entry of the sources file in use (the default entry if it has none).

    A Scrapyd job gets its entry inline (`JOBRADAR_SOURCE`, JSON): the node has no copy
    of the sources file the refresh read.
    """
    inline = settings.get("JOBRADAR_SOURCE")
    if inline:
        return source_entry(json.loads(inline), "the job's JOBRADAR_SOURCE setting")
    path = crawl_sources_file(settings.get("JOBRADAR_SOURCES"))
    return find_source(load_sources(path), name)
