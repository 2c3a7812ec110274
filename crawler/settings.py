"""Scrapy settings of jobradar. Every value that differs from Scrapy's default says why."""

from __future__ import annotations

BOT_NAME = "jobradar"
SPIDER_MODULES = ["jobradar.crawler.spiders"]
NEWSPIDER_MODULE = "jobradar.crawler.spiders"
COMMANDS_MODULE = "jobradar.crawler.commands"  # our `crawl` sets its exit code from the crawl stats

# Politeness: we are a guest on every source.
# say who we are and where to complain
USER_AGENT = "jobradar/0.1 (+https://github.com/jobradar/jobradar; job-market statistics)"
ROBOTSTXT_OBEY = True  # be a polite guest
CONCURRENT_REQUESTS = 8  # a handful of sources with a few requests each: no need for 16
CONCURRENT_REQUESTS_PER_DOMAIN = 2  # one board API is one host: never hammer it
DOWNLOAD_DELAY = 1.0  # at least a second between requests to one host
AUTOTHROTTLE_ENABLED = True  # slow down further when a host answers slowly
AUTOTHROTTLE_START_DELAY = 1.0  # our first request per host is already delayed
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0  # one request in flight per host on average
DOWNLOAD_TIMEOUT = 60  # a job API that takes a minute is down; fail and retry instead
DOWNLOAD_MAXSIZE = 64 * 1024 * 1024  # the largest boards (1,000+ jobs with content) stay far below
RETRY_TIMES = 3  # job APIs throttle with 429 and flake with 5xx; 3 retries with backoff ride it out
RETRY_HTTP_CODES = [429, 500, 502, 503, 504, 522, 524, 408]
RETRY_BACKOFF_BASE = 2.0  # seconds before the first retry, doubled on each later one
RETRY_BACKOFF_MAX = 60.0  # never wait longer than this (or than Retry-After says, if less)
COOKIES_ENABLED = False  # public APIs need no session; cookies only leak state between boards
TELNETCONSOLE_ENABLED = False  # no debugging port on a scheduled job
REMOTE_CONTROL_ENABLED = False  # nor a control port
LOG_LEVEL = "INFO"
# no per-item "Scraped from" record, built for every listing even when INFO hides it
LOG_FORMATTER = "jobradar.crawler.logformatter.QuietLogFormatter"
FEED_EXPORT_ENCODING = "utf-8"  # listings are multilingual: never \u-escape exported text

DOWNLOADER_MIDDLEWARES = {
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "jobradar.crawler.middlewares.BackoffRetryMiddleware": 550,  # the stock retry, plus backoff
    "jobradar.crawler.middlewares.RequestCapMiddleware": 580,  # per-source request budget
}
ITEM_PIPELINES = {
    "jobradar.crawler.pipelines.validate.ValidatePipeline": 100,
    "jobradar.crawler.pipelines.clean_text.CleanTextPipeline": 200,
    "jobradar.crawler.pipelines.derive.DerivePipeline": 300,
    "jobradar.crawler.pipelines.store.StorePipeline": 900,
}
EXTENSIONS = {
    "jobradar.crawler.extensions.RunRecorder": 100,
    "jobradar.crawler.extensions.ProgressReporter": 110,
}

# jobradar's own settings (the `jobradar` command sets them for each child crawl)
JOBRADAR_DATABASE_URL = None  # None: $JOBRADAR_DATABASE_URL, else sqlite:///jobradar.db
JOBRADAR_SOURCES = None  # None: $JOBRADAR_SOURCES, else the sources file in the package
JOBRADAR_RUN_ID = None  # the crawl-run row the parent opened; None: open one here
JOBRADAR_REFRESH_ID = None  # the refresh this crawl belongs to, if any
JOBRADAR_SEEN_AT = None  # ISO timestamp all listings of this crawl are seen at; None: now
JOBRADAR_BOARDS = None  # comma-separated subset of the source's boards to crawl
JOBRADAR_MAX_REQUESTS = 500  # a source needing more requests than this is misbehaving
JOBRADAR_PROGRESS = False  # print progress lines on stdout for the parent process
JOBRADAR_STORE_BATCH = 2000  # listings per store flush (the store splits it into transactions)
JOBRADAR_SOURCE = None  # a Scrapyd job's own sources entry, inline (JSON): nodes have no file
JOBRADAR_JOB_ID = None  # a Scrapyd job's row in crawl_jobs: it reports there, the parent merges
