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

import json
import logging
from collections.abc import AsyncIterator, Iterator, Mapping
from typing import Any, ClassVar

import scrapy
from scrapy.http import Response
from scrapy.utils.sitemap import Sitemap

from jobradar.crawler.items import ListingFields
from jobradar.crawler.spiders.bases.json_api import MAPPING_ERRORS
from jobradar.crawler.spiders.bases.listing import ListingSpider

logger = logging.getLogger(__name__)


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def job_postings(document: Any) -> Iterator[dict[str, Any]]:
    """Every JobPosting in a JSON-LD document: inside `@graph`, lists, or alone.

    `@type` may be a string or a list ("JobPosting", ["JobPosting", "Thing"]).
    """
    if isinstance(document, list):
        for part in document:
            yield from job_postings(part)
    elif isinstance(document, dict):
        if "JobPosting" in _as_list(document.get("@type")):
            yield document
        if "@graph" in document:
            yield from job_postings(document["@graph"])


def _place(location: Any) -> str | None:
    if not isinstance(location, dict):
        return str(location) if location else None
    address = location.get("address", location)
    if isinstance(address, str):
        return address
    if not isinstance(address, dict):
        return None
    parts = [address.get(key) for key in ("addressLocality", "addressRegion", "addressCountry")]
    country = parts[2]
    if isinstance(country, dict):
        parts[2] = country.get("name")
    return ", ".join(str(part) for part in parts if part) or None


def _names(requirements: Any) -> list[str]:
    names = []
    for requirement in _as_list(requirements):
        if isinstance(requirement, dict):
            name = requirement.get("name") or requirement.get("addressCountry")
            if name:
                names.append(str(name))
        elif requirement:
            names.append(str(requirement))
    return names


class JobpostingSpider(ListingSpider):
    """Fetches pages (`urls`) or sitemaps (`sitemaps`) and maps each JobPosting found.

    Script types are compared after entity decoding by the HTML parser, so Built In's
    `application/ld&#x2B;json` is found too. A page without a JobPosting is counted
    (`jobradar/pages_without_jobposting`) and skipped.
    """

    name = "jobposting"
    pay_kind = "jsonld"
    options: ClassVar[Mapping[str, type]] = {"urls": list, "sitemaps": list}
    attribution_url = "https://schema.org/JobPosting"
    terms_url = "https://schema.org/JobPosting"
    polling_limit = "once a day per page"

    endpoint = ""

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for url in self.config.options.get("urls", []):
            yield self._page(url)
        for url in self.config.options.get("sitemaps", []):
            yield scrapy.Request(self.url(url), callback=self.parse_sitemap)

    def _page(self, public_url: str) -> scrapy.Request:
        return scrapy.Request(
            self.url(public_url), callback=self.parse, cb_kwargs={"public_url": public_url}
        )

    def parse_sitemap(self, response: Response) -> Iterator[scrapy.Request]:
        try:
            sitemap = Sitemap(response.body)
            entries = [entry["loc"] for entry in sitemap]
        except (ValueError, *MAPPING_ERRORS) as exc:
            self.malformed(response, f"not a sitemap: {exc!r}")
            return
        self.count("pages")
        for location in entries:
            if sitemap.type == "sitemapindex":
                yield scrapy.Request(self.url(location), callback=self.parse_sitemap)
            else:
                yield self._page(location)

    def parse(self, response: Response, public_url: str | None = None) -> Iterator[ListingFields]:
        self.count("pages")
        found = 0
        for script in response.xpath(
            "//script[translate(@type, 'LDJSON', 'ldjson')='application/ld+json']/text()"
        ):
            try:
                document = json.loads(script.get())
            except ValueError:
                self.count("unreadable_jsonld")
                continue
            for posting in job_postings(document):
                try:
                    yield self.map(posting, response, public_url or response.url)
                    found += 1
                except MAPPING_ERRORS as exc:
                    self.bad_record(response, f"JobPosting does not fit: {exc!r}")
        if not found:
            self.count("pages_without_jobposting")
            logger.warning("no JobPosting JSON-LD on %s", public_url or response.url)

    def map(self, posting: dict[str, Any], response: Response, public_url: str) -> ListingFields:
        identifier = posting.get("identifier")
        if isinstance(identifier, dict):
            identifier = identifier.get("value") or identifier.get("@id")
        canonical = (
            response.xpath("//link[@rel='canonical']/@href").get()
            or response.xpath("//meta[@property='og:url']/@content").get()
        )
        url = posting.get("url") or canonical or public_url
        organisation = posting.get("hiringOrganization")
        company = organisation.get("name") if isinstance(organisation, dict) else organisation
        places = [
            place for place in (_place(p) for p in _as_list(posting.get("jobLocation"))) if place
        ]
        pay = {key: posting[key] for key in ("baseSalary", "salaryCurrency") if key in posting}
        return self.listing(
            source_id=str(identifier or url),
            board=None,
            url=url,
            title=posting["title"],
            company=company,
            location_raw="; ".join(places) or None,
            location_requirements=_names(posting.get("applicantLocationRequirements")),
            workplace_raw=posting.get("jobLocationType"),
            description=posting.get("description") or "",
            description_format="html",
            posted_at=posting.get("datePosted"),
            expires_at=posting.get("validThrough"),
            pay_structured={"kind": self.pay_kind, **pay} if "baseSalary" in pay else None,
            source_record={key: value for key, value in posting.items() if key != "description"},
        )
