"""Offline replay: recorded responses served over real HTTP on 127.0.0.1.

`ReplayServer` serves a `Catalog` (a directory with `catalog.toml` and the recorded
files) at the sources' public paths, so spiders fetch them through Scrapy's
downloader with only `base_url` changed. It can inject faults per source.
"""

from crawler.replay.catalog import RECORDINGS, Catalog, Recording
from crawler.replay.server import FAULTS, ReplayServer

__all__ = ["FAULTS", "RECORDINGS", "Catalog", "Recording", "ReplayServer"]
