"""The demo market: a seeded, made-up job market in each source's real API shape.

`jobradar run --offline` replays it through the local replay server when there is no
data directory with real recordings. For each replay day (`history_days`) `market`
returns the HTTP bodies every spider requests — RemoteOK, Remotive, Himalayas, Jobicy,
Hacker News, Greenhouse, Lever and Ashby boards, pages with JobPosting JSON-LD — and
the ground truth of every listing in them (role, remote type, salary as posted,
cross-source duplicates), so tests can hold jobradar's extractors against it.

The companies, people and texts are invented; company sites use the `.example` domain.

Layout: `universe` (which jobs exist and when), `compose`/`roles`/`text` (what they
say), `shapes`/`ats`/`hn` (how each source serves them), `market` (one replay day).
"""

from jobradar.crawler.replay.demo.market import history_days, market
from jobradar.crawler.replay.demo.records import DemoDay, DemoListing, DemoResponse

__all__ = ["DemoDay", "DemoListing", "DemoResponse", "history_days", "market"]
