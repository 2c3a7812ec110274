"""We Work Remotely RSS feeds — shipped DISABLED.

Source: We Work Remotely (weworkremotely.com), a board of remote jobs only.
Endpoint: https://weworkremotely.com/remote-jobs.rss (all jobs) or a category feed,
    e.g. https://weworkremotely.com/categories/remote-devops-sysadmin-jobs.rss (`feeds`).
Terms: WWR's terms of service forbid using its content to build or feed another job
    service. jobradar is one, so this source is disabled in the default sources file;
    enable it only with WWR's written permission.
Caveats: `<title>` is "Company: Job title"; `<description>` is HTML escaped inside the
    XML and starts with a logo and a "Headquarters:" block; `<region>`, `<country>`,
    `<state>`, `<type>`, `<category>` have no namespace (2026 feeds add country, state and
    skills); `pubDate` is RFC 822; no structured pay.
"""

from __future__ import annotations

from jobradar.crawler.items import ListingFields
from jobradar.crawler.spiders.bases.rss import RssFeedSpider
from parsel import Selector

_EXTRA = ("region", "country", "state", "type", "category", "skills", "expires_at", "guid")


class WeworkremotelySpider(RssFeedSpider):
    name = "weworkremotely"
    endpoint = "https://weworkremotely.com/remote-jobs.rss"
    attribution_url = "https://weworkremotely.com"
    terms_url = "https://weworkremotely.com/terms-of-service"
    polling_limit = "disabled: the terms forbid building a job service on WWR data"
    remote_only = True

    def map(self, entry: Selector, feed: str) -> ListingFields:
        heading = self.field(entry, "title") or ""
        company, _, title = heading.partition(": ")
        extra = self.fields(entry, _EXTRA)
        link = self.field(entry, "link") or extra["guid"]
        places = [value for value in (extra["region"], extra["country"], extra["state"]) if value]
        return self.listing(
            source_id=extra["guid"] or link,
            board=feed,
            url=link,
            title=title or heading,
            company=company if title else None,
            location_raw=", ".join(places) or None,
            description=self.field(entry, "description") or "",
            description_format="html",
            posted_at=self.field(entry, "pubDate"),
            expires_at=extra["expires_at"],
            source_record={"title": heading, "link": link, "feed": feed, **extra},
        )
