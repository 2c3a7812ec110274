"""Ashby boards of the companies in the sources file.

Source: Ashby job boards (jobs.ashbyhq.com), the ATS of OpenAI and many AI start-ups.
Endpoint: https://api.ashbyhq.com/posting-api/job-board/{board}?includeCompensation=true
Terms: the public posting API needs no key; listings belong to each employer and link to
    their board. Polled once a day per board.
Caveats: `workplaceType` (Remote/Hybrid/OnSite) is the work mode — `isRemote` is independent
    of it and not used; compensation comes only with `includeCompensation=true`, may be all
    null, and has several tiers (by geography) whose components include equity (kept raw,
    read by the salary step); unlisted jobs are skipped.
"""

from __future__ import annotations

from jobradar.crawler.spiders.bases.ashby import AshbyBoardSpider


class AshbySpider(AshbyBoardSpider):
    name = "ashby"
    attribution_url = "https://www.ashbyhq.com"
    terms_url = "https://developers.ashbyhq.com/docs/public-job-posting-api"
    polling_limit = "once a day per board"
