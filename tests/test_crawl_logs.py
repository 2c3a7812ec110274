"""A crawl's log ends with the stats Scrapy dumps; the numbers are read from the last dump."""

from __future__ import annotations

from pathlib import Path

from jobradar.scheduler.crawls import logged_stats

DUMP = """2026-12-08 01:00:00 [scrapy.statscollectors] INFO: Dumping Scrapy stats:
{'downloader/request_count': 3,
 'elapsed_time_seconds': 2.5,
 'finish_reason': 'finished',
 'jobradar/cpu_seconds/derive': 1.2e-05,
 'start_time': datetime.datetime(2026, 12, 8, 1, 0, tzinfo=datetime.timezone.utc)}
2026-12-08 01:00:00 [scrapy.core.engine] INFO: Spider closed (finished)
"""


def test_the_numbers_of_the_last_stats_dump(tmp_path: Path) -> None:
    log = tmp_path / "greenhouse.log"
    log.write_text(DUMP.replace("2.5", "9.0") + "a second run\n" + DUMP, encoding="utf-8")
    assert logged_stats(log) == {
        "downloader/request_count": 3.0,
        "elapsed_time_seconds": 2.5,
        "jobradar/cpu_seconds/derive": 1.2e-05,
    }


def test_a_crawl_that_ended_before_its_dump_logged_no_stats(tmp_path: Path) -> None:
    log = tmp_path / "greenhouse.log"
    log.write_text("2026-12-08 01:00:00 [scrapy.core.engine] INFO: Spider opened\n", "utf-8")
    assert logged_stats(log) == {}
