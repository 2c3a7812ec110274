"""Scrapy settings for end-to-end tests: the project's, minus the waits meant for real hosts.

Child crawls started by tests use it through SCRAPY_SETTINGS_MODULE.
"""

from jobradar.crawler.settings import *  # noqa: F403

DOWNLOAD_DELAY = 0  # our own replay server on 127.0.0.1
AUTOTHROTTLE_ENABLED = False
RETRY_BACKOFF_BASE = 0.05
RETRY_TIMES = 2
DOWNLOAD_TIMEOUT = 3  # the replay's "timeout" fault sleeps longer than this
