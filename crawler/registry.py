"""The spiders of the project, by source name, without starting a crawl."""

from __future__ import annotations

import functools

from scrapy.spiderloader import SpiderLoader
from scrapy.utils.project import get_project_settings

from jobradar.crawler.spiders.bases.listing import ListingSpider


@functools.cache
def spider_classes() -> dict[str, type[ListingSpider]]:
    """Every spider of `jobradar.crawler.spiders`, by name."""
    settings = get_project_settings()
    settings.set("SPIDER_MODULES", ["jobradar.crawler.spiders"])
    loader = SpiderLoader.from_settings(settings)
    return {name: loader.load(name) for name in sorted(loader.list())}  # type: ignore[misc]


def known_sources() -> list[str]:
    return list(spider_classes())
