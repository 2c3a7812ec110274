"""`scrapy crawl SOURCE`, with an exit code that tells the truth.

Scrapy's own `crawl` exits 0 even when every request failed. This one exits with
the code the run record got: 0 for a healthy (or deliberately skipped) crawl,
1 when the crawl failed (no listings, errors, a bad finish, collapsed coverage).
"""

from __future__ import annotations

import argparse

from scrapy import Spider
from scrapy.commands.crawl import Command as ScrapyCrawl
from scrapy.crawler import Crawler

FAILED = 1


class Command(ScrapyCrawl):
    def _create_crawler(self, spidercls: type[Spider] | str) -> Crawler:
        self.crawler = super()._create_crawler(spidercls)
        return self.crawler

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        super().run(args, opts)
        if self.exitcode:
            return
        outcome = getattr(getattr(self, "crawler", None), "jobradar_outcome", None)
        if outcome is None or outcome.exit_code:
            self.exitcode = FAILED
