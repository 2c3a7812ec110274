"""What one crawl process needs to know about its run: store, timestamp, sources file."""

from __future__ import annotations

from datetime import UTC, datetime

from scrapy.settings import BaseSettings
from sqlalchemy import Engine

from jobradar.crawler.sources import SourceConfig, find_source, load_sources, sources_path
from jobradar.store.engine import database_url, open_store
from jobradar.store.types import utc_now

_SEEN_AT: dict[int, datetime] = {}


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
    """This spider's entry of the sources file in use (the default entry if it has none)."""
    path = sources_path(settings.get("JOBRADAR_SOURCES"))
    return find_source(load_sources(path), name)
