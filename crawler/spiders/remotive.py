"""Remotive remote jobs.

Source: Remotive (remotive.com), a board of remote jobs only.
Endpoint: https://remotive.com/api/remote-jobs — one JSON object with `jobs[]`.
Terms: credit Remotive as the source with a link to the job's Remotive URL; at most about
    four requests a day (enforced against the run history); jobs appear with a delay.
Caveats: `salary` is free text ("$31,2k- $52k", "OTE $25k - $35k", "/hour", "Pay per task",
    "") kept raw as the pay field; `publication_date` has no time zone (read as UTC); the
    description ends with a tracking image; the envelope carries legal-notice keys.
"""

from __future__ import annotations

from typing import Any

from jobradar.crawler.items import ListingFields
from jobradar.crawler.spiders.bases.json_api import JsonApiSpider


class RemotiveSpider(JsonApiSpider):
    name = "remotive"
    endpoint = "https://remotive.com/api/remote-jobs"
    attribution_url = "https://remotive.com"
    terms_url = "https://remotive.com/api-documentation"
    polling_limit = "at most 4 requests a day"
    max_runs_per_day = 4
    remote_only = True

    def map(self, record: dict[str, Any], context: dict[str, Any]) -> ListingFields:
        return self.listing(
            source_id=str(record["id"]),
            url=record["url"],
            title=record["title"],
            company=record.get("company_name"),
            location_raw=record.get("candidate_required_location"),
            description=record.get("description") or "",
            description_format="html",
            posted_at=record.get("publication_date"),
            salary_raw=record.get("salary"),
            source_record={key: value for key, value in record.items() if key != "description"},
        )
