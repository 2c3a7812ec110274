"""Offline replay: answers served over real HTTP on 127.0.0.1.

`ReplayServer` serves a `Catalog` (the data directory's real recordings, a folder with
its own `catalog.toml`, or the generated demo market) at the sources' public paths, so
spiders fetch them through Scrapy's downloader with only `base_url` changed. It can
inject faults per source.
"""

from jobradar.crawler.replay.catalog import Catalog, Recording
from jobradar.crawler.replay.server import FAULTS, ReplayServer

__all__ = ["FAULTS", "Catalog", "Recording", "ReplayServer"]
