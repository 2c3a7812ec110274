"""Greenhouse boards of the companies in the sources file.

Source: Greenhouse job boards (boards.greenhouse.io / job-boards.greenhouse.io), the
    ATS of many AI companies; one board per company token.
Endpoint: https://boards-api.greenhouse.io/v1/boards/{board}/jobs?content=true
Terms: the Job Board API is public and unauthenticated; listings belong to each
    employer and link to their board. Polled once a day per board.
Caveats: `content` is entity-escaped HTML (unescaped once here); there is no remote
    field — some boards add a "Location Type" custom field, read as the workplace;
    pay, when posted, is the `content-pay-transparency` block (kept raw) or prose;
    without `content=true` there is no description.
"""

from __future__ import annotations

from jobradar.crawler.spiders.bases.greenhouse import GreenhouseBoardSpider


class GreenhouseSpider(GreenhouseBoardSpider):
    name = "greenhouse"
    attribution_url = "https://www.greenhouse.com"
    terms_url = "https://developers.greenhouse.io/job-board.html"
    polling_limit = "once a day per board"
