"""Job pages that publish schema.org JobPosting JSON-LD (company career sites, Built In …).

Source: any page or sitemap listed in the sources file (`urls = [...]`,
    `sitemaps = [...]`) whose HTML carries JobPosting JSON-LD.
Endpoint: the listed URLs themselves.
Terms: each site's own: list only pages whose robots.txt and terms allow collection
    (robots.txt is obeyed); listings link back to the page. Polled once a day.
Caveats: JobPostings may sit in `@graph`, have a list-valued `@type`, and a script type
    written `application/ld&#x2B;json`; `baseSalary` is a MonetaryAmount whose value is a
    QuantitativeValue with `unitText`; `applicantLocationRequirements` is an object or a
    list; many ATS-hosted pages (Greenhouse, Lever apply pages) carry no JSON-LD at all.
"""

from __future__ import annotations

from jobradar.crawler.spiders.bases.jobposting import JobPostingPageSpider


class JobpostingSpider(JobPostingPageSpider):
    name = "jobposting"
    attribution_url = "https://schema.org/JobPosting"
    terms_url = "https://schema.org/JobPosting"
    polling_limit = "once a day per page"
