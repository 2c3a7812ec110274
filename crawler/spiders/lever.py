"""Lever boards of the companies in the sources file.

Source: Lever job sites (jobs.lever.co), the ATS of many AI companies; one site per company.
Endpoint: https://api.lever.co/v0/postings/{board}?mode=json (with `eu = true` in the
    sources file: https://api.eu.lever.co/v0/postings/{board}?mode=json).
Terms: the Postings API is public and unauthenticated; listings belong to each employer
    and link to their site. Polled once a day per board.
Caveats: the answer is a bare array; `createdAt` is epoch milliseconds; `salaryRange` is
    optional with varying key order and intervals (per-year-salary, per-hour-wage …);
    `workplaceType` is remote/hybrid/onsite/unspecified; HTML fields have plain twins.
"""

from __future__ import annotations

from jobradar.crawler.spiders.bases.lever import LeverBoardSpider


class LeverSpider(LeverBoardSpider):
    name = "lever"
    attribution_url = "https://www.lever.co"
    terms_url = "https://github.com/lever/postings-api"
    polling_limit = "once a day per board"
