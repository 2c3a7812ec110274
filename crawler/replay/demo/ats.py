"""Demo jobs as employers publish them: Greenhouse, Lever and Ashby boards, JSON-LD pages."""

from __future__ import annotations

import html
import json
import random
import uuid
from collections import defaultdict
from datetime import datetime, timedelta
from typing import Any

from jobradar.crawler.replay.demo.records import DemoResponse, Pay
from jobradar.crawler.replay.demo.shapes import (
    PERIOD_WORDS,
    PLACE_OF_SCOPE,
    dumps,
    epoch,
    iso,
    newest_first,
    structured,
    where,
)
from jobradar.crawler.replay.demo.text import amount, pay_summary
from jobradar.crawler.replay.demo.universe import Job

_PAY_LABELS = {
    "year": "Annual base salary",
    "hour": "Hourly rate",
    "day": "Day rate",
    "month": "Monthly base salary",
}
_PAY_NOTE = (
    "The range below is the base salary we expect to offer for this role. Final offers "
    "depend on level, skills and location."
)
_OTE_NOTE = (
    "For sales roles, the range below is on-target earnings (OTE): base salary plus "
    "commission at target."
)
_EQUAL_OPPORTUNITY = (
    "We welcome applicants of every background and make hiring decisions on merit alone."
)
# Greenhouse boards that publish the work mode as a custom "Location Type" field.
_LOCATION_TYPE_BOARDS = {"quillfeatherlabs", "basaltsystems", "emberlinehealth"}
_MODE_FIELDS = {"remote": "Remote", "hybrid": "Hybrid", "onsite": "On-site", "unknown": None}


def _by_board(jobs: list[Job]) -> dict[str, list[Job]]:
    boards: dict[str, list[Job]] = defaultdict(list)
    for job in newest_first(jobs):
        boards[job.company.token].append(job)
    return boards


def _eastern(moment: datetime) -> str:
    """A UTC moment as Greenhouse writes it, in US Eastern (summer) time."""
    return (moment - timedelta(hours=4)).strftime("%Y-%m-%dT%H:%M:%S-04:00")


def _uuid(*parts: object) -> str:
    bits = random.Random(":".join(map(str, parts))).getrandbits(128)  # noqa: S311 (an id)
    return str(uuid.UUID(int=bits, version=4))


# ---- Greenhouse ----


def pay_transparency(job: Job) -> str:
    """Greenhouse's pay-transparency block: a note, a label, and the range in spans."""
    pay = job.pay
    if pay is None or pay.min is None or pay.max is None:
        return ""
    sales = job.display == "ote"
    label = "Annual OTE" if sales else _PAY_LABELS[pay.period]
    return (
        '<div class="content-pay-transparency"><div class="pay-input"><div class="description">'
        f"<p>{_OTE_NOTE if sales else _PAY_NOTE}</p></div>"
        f'<div class="title">{label}</div><div class="pay-range">'
        f"<span>{amount(pay.min, pay.currency)}</span>"
        '<span class="divider">&mdash;</span>'
        f"<span>{amount(pay.max, pay.currency)} {pay.currency}</span></div></div></div>"
    )


def _greenhouse_content(job: Job) -> str:
    text = job.description
    block = pay_transparency(job) if job.display in {"structured", "ote"} else ""
    items = "".join
    return (
        f'<div class="content-intro"><p>{html.escape(text.intro)}</p></div>'
        f"<h2><strong>About the role</strong></h2><p>{html.escape(text.about)}</p>"
        "<h2><strong>What you will do</strong></h2>"
        f"<ul>{items(f'<li>{html.escape(d)}</li>' for d in text.duties)}</ul>"
        "<h2><strong>What we are looking for</strong></h2>"
        f"<ul>{items(f'<li>{html.escape(a)}</li>' for a in text.asks)}</ul>"
        + items(f"<p>{html.escape(part)}</p>" for part in (text.mode, text.pay) if part)
        + block
        + '<div class="content-conclusion">'
        + (f"<p>{html.escape(text.perks)}</p>" if text.perks else "")
        + f"<p>{_EQUAL_OPPORTUNITY}</p></div>"
    )


def _greenhouse_record(job: Job) -> dict[str, Any]:
    job_id = int(job.source_id)
    token = job.company.token
    metadata = None
    location = where(job)
    if token in _LOCATION_TYPE_BOARDS:  # the mode is a custom field; the location a place
        location = job.scope.label if job.scope else job.place.label
        metadata = [
            {
                "id": 4_100_000_000 + len(token),
                "name": "Location Type",
                "value": _MODE_FIELDS[job.mode],
                "value_type": "single_select",
            }
        ]
    return {
        "absolute_url": f"https://job-boards.greenhouse.io/{token}/jobs/{job_id}",
        "data_compliance": [
            {
                "type": "gdpr",
                "requires_consent": False,
                "requires_processing_consent": False,
                "requires_retention_consent": False,
                "retention_period": None,
                "demographic_data_consent_applies": False,
            }
        ],
        "internal_job_id": 4_000_000_000 + job.serial,
        "location": {"name": location},
        "metadata": metadata,
        "id": job_id,
        "updated_at": _eastern(job.opened + timedelta(minutes=42)),
        "requisition_id": f"R-{job.serial % 100_000:05d}",
        "title": job.title,
        "company_name": job.company.name,
        "first_published": _eastern(job.opened),
        "language": "en",
        "application_deadline": None,
        "content": html.escape(_greenhouse_content(job), quote=True),
        "departments": [
            {"id": 4_000_000 + len(job.role.slug), "name": _department(job), "child_ids": [],
             "parent_id": None}
        ],
        "offices": [
            {"id": 5_000_000 + len(job.place.city), "name": job.place.label,
             "location": job.place.label, "child_ids": [], "parent_id": None}
        ],
    }  # fmt: skip


def _department(job: Job) -> str:
    if job.role.slug == "other":
        return "Operations" if job.role.sales else "Engineering"
    if job.role.slug in {"research-scientist"}:
        return "Research"
    return "Machine Learning" if job.role.slug != "data-platform" else "Data"


def greenhouse(jobs: list[Job], boards: list[str]) -> list[DemoResponse]:
    by_board = _by_board(jobs)
    responses = []
    for token in boards:
        records = [_greenhouse_record(job) for job in by_board.get(token, [])]
        body = dumps({"jobs": records, "meta": {"total": len(records)}})
        path = f"/v1/boards/{token}/jobs"
        responses.append(DemoResponse("greenhouse", path, {"content": "true"}, body, board=token))
    return responses


# ---- Lever ----


def _lever_record(job: Job) -> dict[str, Any]:
    text = job.description
    token = job.company.token
    opening = f"<div>{html.escape(text.intro)}</div>"
    body = f"<div><b>About the role</b></div><div>{html.escape(text.about)}</div>"
    additional = "".join(f"<div>{html.escape(part)}</div>" for part in text.closing())
    additional_plain = "\n\n".join(text.closing())
    lists = [
        {"text": "What you will do", "content": "".join(f"<li>{html.escape(d)}</li>" for d in text.duties)},
        {"text": "What we are looking for", "content": "".join(f"<li>{html.escape(a)}</li>" for a in text.asks)},
    ]  # fmt: skip
    location = job.scope.label if job.scope else job.place.label
    record: dict[str, Any] = {
        "additionalPlain": additional_plain,
        "additional": additional,
        "categories": {
            "commitment": "Contract" if job.title.endswith("(Contract)") else "Full-time",
            "department": "Engineering" if job.role.slug != "other" else "Business",
            "location": location,
            "team": job.role.titles[0],
            "allLocations": [location],
        },
        "createdAt": epoch(job.opened) * 1000 + job.serial % 1000,
        "descriptionPlain": f"{text.intro}\n\nAbout the role\n{text.about}",
        "description": opening + body,
        "id": job.source_id,
        "lists": lists,
        "text": job.title,
        "country": job.place.country if job.scope is None else _country(job),
        "workplaceType": "unspecified" if job.mode == "unknown" else job.mode,
        "opening": opening,
        "openingPlain": text.intro,
        "descriptionBody": body,
        "descriptionBodyPlain": f"About the role\n{text.about}",
        "hostedUrl": f"https://jobs.lever.co/{token}/{job.source_id}",
        "applyUrl": f"https://jobs.lever.co/{token}/{job.source_id}/apply",
    }
    pay = structured(job)
    if pay is not None:
        record["salaryRange"] = {
            "interval": PERIOD_WORDS["lever"][pay.period],
            "currency": pay.currency,
            "min": pay.min,
            "max": pay.max,
        }
        note = "Base pay within the range depends on experience, skills and location."
        record["salaryDescription"] = f"<div>{note}</div>"
        record["salaryDescriptionPlain"] = note
    return record


def _country(job: Job) -> str | None:
    places = PLACE_OF_SCOPE[job.scope.key] if job.scope else []
    codes = {"United States": "US", "United Kingdom": "GB", "India": "IN"}
    return codes.get(places[0]) if len(places) == 1 else None


def lever(jobs: list[Job], boards: list[str]) -> list[DemoResponse]:
    by_board = _by_board(jobs)
    return [
        DemoResponse(
            "lever",
            f"/v0/postings/{token}",
            {"mode": "json"},
            dumps([_lever_record(job) for job in by_board.get(token, [])]),
            board=token,
        )
        for token in boards
    ]


# ---- Ashby ----


def ashby_compensation(job: Job) -> dict[str, Any]:
    """Ashby's compensation block: tiers of components; empty when no pay is shown."""
    pay = job.pay if job.display in {"structured", "ote"} else None
    if pay is None:
        return {
            "compensationTierSummary": None,
            "scrapeableCompensationSalarySummary": None,
            "compensationTiers": [],
            "summaryComponents": [],
        }
    summary = ("OTE " if job.display == "ote" else "") + pay_summary(pay)
    equity = {
        "id": _uuid("equity", job.serial),
        "summary": "Offers Equity",
        "compensationType": "EquityCashValue",
        "interval": "1 YEAR",
        "currencyCode": pay.currency,
        "minValue": None,
        "maxValue": None,
    }
    salary = {
        "id": _uuid("salary", job.serial),
        "summary": summary,
        "compensationType": "Salary",
        "interval": PERIOD_WORDS["ashby"][pay.period],
        "currencyCode": pay.currency,
        "minValue": pay.min,
        "maxValue": pay.max,
    }
    return {
        "compensationTierSummary": f"{summary} • Offers Equity",
        "scrapeableCompensationSalarySummary": summary.replace(" – ", " - "),
        "compensationTiers": [
            {
                "id": _uuid("tier", job.serial),
                "tierSummary": f"{summary} • Offers Equity",
                "title": None,
                "additionalInformation": None,
                "components": [equity, salary],
            }
        ],
        "summaryComponents": [
            {k: v for k, v in part.items() if k not in {"id", "summary"}}
            for part in (equity, salary)
        ],
    }


def _ashby_record(job: Job) -> dict[str, Any]:
    token = job.company.token
    url = f"https://jobs.ashbyhq.com/{token}/{job.source_id}"
    places = PLACE_OF_SCOPE[job.scope.key] if job.scope else [job.place.country_name]
    country = places[0] if len(places) == 1 else None
    workplace = {"remote": "Remote", "hybrid": "Hybrid", "onsite": "OnSite"}.get(job.mode)
    return {
        "id": job.source_id,
        "title": job.title,
        "department": "Engineering" if job.role.slug != "other" else "Business",
        "team": job.role.titles[0],
        "employmentType": "Contract" if job.title.endswith("(Contract)") else "FullTime",
        "location": job.scope.label if job.scope else job.place.label,
        "shouldDisplayCompensationOnJobPostings": job.display in {"structured", "ote"},
        "secondaryLocations": [],
        "publishedAt": iso(job.opened).replace("+00:00", ".000+00:00"),
        "isListed": True,
        "isRemote": job.mode == "remote",
        "workplaceType": workplace,
        "address": {"postalAddress": {"addressCountry": country} if country else {}},
        "jobUrl": url,
        "applyUrl": f"{url}/application",
        "descriptionHtml": job.description.html("h2"),
        "descriptionPlain": job.description.plain(),
        "compensation": ashby_compensation(job),
    }


def _unlisted(token: str) -> dict[str, Any]:
    """A general-application posting boards keep unlisted: not a public opening."""
    job_id = _uuid("unlisted", token)
    return {
        "id": job_id,
        "title": "General Application",
        "department": "Talent",
        "team": "Talent",
        "employmentType": "FullTime",
        "location": "Anywhere",
        "shouldDisplayCompensationOnJobPostings": False,
        "secondaryLocations": [],
        "publishedAt": "2024-01-15T09:00:00.000+00:00",
        "isListed": False,
        "isRemote": True,
        "workplaceType": "Remote",
        "address": {"postalAddress": {}},
        "jobUrl": f"https://jobs.ashbyhq.com/{token}/{job_id}",
        "applyUrl": f"https://jobs.ashbyhq.com/{token}/{job_id}/application",
        "descriptionHtml": "<p>Tell us about yourself and we will be in touch.</p>",
        "descriptionPlain": "Tell us about yourself and we will be in touch.",
        "compensation": None,
    }


def ashby(jobs: list[Job], boards: list[str]) -> list[DemoResponse]:
    by_board = _by_board(jobs)
    responses = []
    for token in boards:
        records = [_ashby_record(job) for job in by_board.get(token, [])]
        records.append(_unlisted(token))
        body = dumps({"jobs": records, "apiVersion": "1"})
        path = f"/posting-api/job-board/{token}"
        responses.append(
            DemoResponse("ashby", path, {"includeCompensation": "true"}, body, board=token)
        )
    return responses


# ---- pages with JobPosting JSON-LD ----


def page_path(job: Job) -> str:
    return f"/careers/{job.company.token}/jobs/{job.source_id}"


def _base_salary(pay: Pay) -> dict[str, Any]:
    return {
        "@type": "MonetaryAmount",
        "currency": pay.currency,
        "value": {
            "@type": "QuantitativeValue",
            "minValue": pay.min,
            "maxValue": pay.max,
            "unitText": PERIOD_WORDS["jsonld"][pay.period],
        },
    }


def job_posting(job: Job) -> dict[str, Any]:
    place = job.place
    address = {
        "@type": "PostalAddress",
        "addressLocality": place.city,
        "addressCountry": place.country,
    }
    if place.region:
        address["addressRegion"] = place.region
    posting: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "JobPosting",
        "title": job.title,
        "description": job.description.html(),
        "identifier": {"@type": "PropertyValue", "name": job.company.name, "value": job.source_id},
        "datePosted": job.opened.date().isoformat(),
        "validThrough": iso(job.expires),
        "employmentType": "CONTRACTOR" if job.title.endswith("(Contract)") else "FULL_TIME",
        "hiringOrganization": {
            "@type": "Organization",
            "name": job.company.name,
            "sameAs": f"https://{job.company.domain}",
        },
        "jobLocation": {"@type": "Place", "address": address},
    }
    if job.mode == "remote" and job.scope is not None:
        posting["jobLocationType"] = "TELECOMMUTE"
        posting["applicantLocationRequirements"] = [
            {"@type": "Country", "name": name} for name in PLACE_OF_SCOPE[job.scope.key]
        ]
    pay = structured(job)
    if pay is not None:
        posting["baseSalary"] = _base_salary(pay)
    return posting


def jobposting(jobs: list[Job]) -> list[DemoResponse]:
    responses = []
    for job in newest_first(jobs):
        path = page_path(job)
        data = json.dumps(job_posting(job), ensure_ascii=False).replace("</", "<\\/")
        page = (
            '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
            f"<title>{html.escape(job.title)} – {html.escape(job.company.name)}</title>"
            f'<link rel="canonical" href="https://careers.{job.company.domain}/jobs/{job.source_id}">'
            f'<script type="application/ld+json">{data}</script></head>'
            f"<body><main><h1>{html.escape(job.title)}</h1>{job.description.html()}</main>"
            "</body></html>"
        )
        responses.append(
            DemoResponse("jobposting", path, {}, page.encode(), "text/html; charset=utf-8")
        )
    return responses
