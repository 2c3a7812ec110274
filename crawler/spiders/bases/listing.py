"""The base of every jobradar spider: configuration, URLs, counting, and the item shape."""

from __future__ import annotations

import functools
import hashlib
import inspect
import json
import logging
import sys
from collections.abc import Mapping
from typing import Any, ClassVar, Self

import scrapy
from scrapy.crawler import Crawler
from scrapy.http import Response

from jobradar.crawler.items import ListingFields
from jobradar.crawler.runtime import source_config
from jobradar.crawler.sources import SourceConfig

logger = logging.getLogger(__name__)


@functools.cache
def _mapping_code(module_names: frozenset[str]) -> str:
    """A digest of the source of the modules that map a record to an item."""
    digest = hashlib.sha256()
    for name in sorted(module_names):
        digest.update(inspect.getsource(sys.modules[name]).encode())
    return digest.hexdigest()


class ListingSpider(scrapy.Spider):
    """Maps one source's responses to listing items; never cleans, classifies or stores.

    Subclasses declare:
    - `name`: the source type (also the `source` of its listings);
    - `endpoint`: the public URL (a template with `{board}` for board sources);
    - `attribution_url` / `terms_url` / `polling_limit`: the source's terms;
    - `remote_only`: True for boards that list remote jobs only;
    - `options`: the keys its sources-file entry may have beyond the common ones, with types;
    - `pay_kind`: the `kind` of its structured pay block, which
      `jobradar.classifier.salary.structured` reads (None: pay is in text only).
    Their docstring has the sections Source, Endpoint, Terms and Caveats.
    """

    endpoint: ClassVar[str] = ""
    attribution_url: ClassVar[str] = ""
    terms_url: ClassVar[str] = ""
    polling_limit: ClassVar[str] = ""
    max_runs_per_day: ClassVar[int | None] = None  # enforced against the run history
    remote_only: ClassVar[bool] = False
    needs_boards: ClassVar[bool] = False
    options: ClassVar[Mapping[str, type]] = {}
    pay_kind: ClassVar[str | None] = None
    config: SourceConfig

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> Self:
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.config = source_config(crawler.settings, cls.name)
        only = crawler.settings.get("JOBRADAR_BOARDS")
        if only is not None:  # the parent narrowed the boards (offline replay)
            spider.config = SourceConfig(
                spider.config.type,
                spider.config.enabled,
                spider.config.base_url,
                tuple(board for board in only.split(",") if board),
                spider.config.options,
            )
        return spider

    @property
    def boards(self) -> tuple[str, ...]:
        return self.config.boards

    def url(self, public_url: str) -> str:
        """A public URL, rebased on the configured `base_url` if any."""
        return self.config.url(public_url)

    def record_digest(self, record: Mapping[str, Any], board: str | None) -> str:
        """A digest of one source record as served on `board`, and of the code that maps
        it: the same digest maps to the same item."""
        encoded = json.dumps([_mapping_code(self._mapping_modules), board, record])
        return hashlib.sha256(encoded.encode()).hexdigest()

    @functools.cached_property
    def _mapping_modules(self) -> frozenset[str]:
        """The spider's classes' modules and the item's: another version of any of them may
        map a record otherwise."""
        modules = {cls.__module__ for cls in type(self).__mro__}
        return frozenset(
            {name for name in modules if name.startswith("jobradar.")} | {ListingFields.__module__}
        )

    def listing(self, **fields: Any) -> ListingFields:
        """The item for one record: our source name added, a remote-only board noted."""
        fields.setdefault("source", self.name)
        if self.remote_only and not fields.get("workplace_raw"):
            fields["workplace_raw"] = "remote-only board"
        return ListingFields(**fields)  # type: ignore[typeddict-item]

    def count(self, what: str) -> None:
        assert self.crawler.stats is not None
        self.crawler.stats.inc_value(f"jobradar/{what}")

    def malformed(self, response: Response, reason: str) -> None:
        """A response we cannot read at all: an error of the crawl, logged, skipped."""
        self.count("malformed")
        logger.error("malformed response from %s: %s", response.url, reason)

    def bad_record(self, response: Response, reason: str) -> None:
        """One record of a readable response that does not fit: counted, logged, skipped.

        A source is not failed for one bad record among many (`crawler/health.py`
        decides), and the others of the response are stored.
        """
        self.count("bad_records")
        logger.warning("bad record in %s: %s", response.url, reason)
