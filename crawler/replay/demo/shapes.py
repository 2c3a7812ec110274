"""Demo jobs as each source's real API answers: envelopes, field names, date formats.

Field names and envelopes follow the public APIs the spiders read (see each spider's
docstring); the notices in the envelopes are jobradar's own words, not the sources'.
"""

from __future__ import annotations

import html
import json
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from typing import Any

from jobradar.crawler.replay.demo.records import DemoResponse, Pay
from jobradar.crawler.replay.demo.text import pay_field
from jobradar.crawler.replay.demo.universe import Job, slug

HIMALAYAS_PAGE = 20  # the spider's default `page_size`
_DEMO_NOTICE = "jobradar demo market: invented companies and jobs, generated for offline runs."
# The countries each remote scope is open to, the way boards list them.
PLACE_OF_SCOPE = {
    "US": ["United States"],
    "Americas": ["United States", "Canada"],
    "Europe": ["Germany", "Netherlands", "France", "Spain", "Portugal", "Ireland"],
    "UK": ["United Kingdom"],
    "Worldwide": [],
    "India": ["India"],
}
# How each source names a pay period.
PERIOD_WORDS = {
    "himalayas": {"year": "annual", "hour": "hourly", "month": "monthly", "day": "daily"},
    "jobicy": {"year": "yearly", "hour": "hourly", "month": "monthly", "day": "daily"},
    "lever": {
        "year": "per-year-salary",
        "hour": "per-hour-wage",
        "month": "per-month-salary",
        "day": "per-day-wage",
    },
    "ashby": {"year": "1 YEAR", "hour": "1 HOUR", "month": "1 MONTH", "day": "1 DAY"},
    "jsonld": {"year": "YEAR", "hour": "HOUR", "month": "MONTH", "day": "DAY"},
}


def dumps(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()


def iso(moment: datetime, *, zone: bool = True) -> str:
    text = moment.astimezone(UTC).replace(tzinfo=None).isoformat(timespec="seconds")
    return f"{text}+00:00" if zone else text


def epoch(moment: datetime) -> int:
    return int(moment.timestamp())


def newest_first(jobs: Iterable[Job]) -> list[Job]:
    return sorted(jobs, key=lambda job: (job.opened, job.serial), reverse=True)


def where(job: Job) -> str:
    """The location field: the remote scope, else the office, with the mode when known."""
    if job.scope is not None:
        return job.scope.label
    if job.mode == "hybrid":
        return f"{job.place.label} (Hybrid)"
    if job.mode == "onsite":
        return f"On-site in {job.place.label}"
    return job.place.label


def scope_places(job: Job, anywhere: str) -> str:
    """The countries a remote job is open to, as a board lists them."""
    places = PLACE_OF_SCOPE[job.scope.key] if job.scope else []
    return ", ".join(places) or anywhere


def structured(job: Job) -> Pay | None:
    """The pay a source's own pay field carries, or None."""
    return job.pay if job.display == "structured" else None


def tags(job: Job) -> list[str]:
    return [skill.lower() for skill in job.role.skills[:3]]


def _employment(job: Job) -> str:
    return "Contract" if job.title.endswith("(Contract)") else "Full-time"


# ---- boards of remote jobs ----


def remoteok(jobs: list[Job], day_end: datetime) -> list[DemoResponse]:
    records: list[dict[str, Any]] = [{"last_updated": epoch(day_end), "legal": _DEMO_NOTICE}]
    for job in newest_first(jobs):
        pay = structured(job)
        name = f"remote-{slug(job.title)}-{slug(job.company.name)}-{job.source_id}"
        url = f"https://remoteOK.com/remote-jobs/{name}"
        records.append(
            {
                "slug": name,
                "id": job.source_id,
                "epoch": epoch(job.opened),
                "date": iso(job.opened),
                "company": job.company.name,
                "company_logo": "",
                "position": job.title,
                "tags": tags(job),
                "description": job.description.html(),
                "location": scope_places(job, "Worldwide"),
                "apply_url": url,
                "salary_min": (pay.min or 0) if pay else 0,
                "salary_max": (pay.max or 0) if pay else 0,
                "logo": "",
                "url": url,
            }
        )
    return [DemoResponse("remoteok", "/api", {}, dumps(records))]


def remotive(jobs: list[Job], day_end: datetime) -> list[DemoResponse]:
    records = []
    for job in newest_first(jobs):
        salary = ""
        if job.pay is not None and job.display == "structured":
            salary = pay_field(job.pay)
        elif job.pay is not None and job.display == "ote":
            salary = f"OTE {pay_field(job.pay)}"
        job_id = int(job.source_id)
        records.append(
            {
                "id": job_id,
                "url": f"https://remotive.com/remote-jobs/{_category(job)[1]}/{slug(job.title)}-{job_id}",
                "title": job.title,
                "company_name": job.company.name,
                "company_logo": f"https://remotive.com/job/{job_id}/logo",
                "category": _category(job)[0],
                "tags": tags(job),
                "job_type": "contract" if _employment(job) == "Contract" else "full_time",
                "publication_date": iso(job.opened, zone=False),
                "candidate_required_location": scope_places(job, "Worldwide"),
                "salary": salary,
                "description": job.description.html(),
            }
        )
    body = {
        "00-warning": _DEMO_NOTICE,
        "0-legal-notice": "Demo data: credit the source and link to each job's URL.",
        "job-count": len(records),
        "total-job-count": len(records),
        "jobs": records,
    }
    return [DemoResponse("remotive", "/api/remote-jobs", {}, dumps(body))]


def _category(job: Job) -> tuple[str, str]:
    if job.role.slug in {"data-platform", "data-scientist"}:
        return "Data Analysis", "data"
    if job.role.slug == "other":
        return "All others", "all-others"
    return "Software Development", "software-dev"


def himalayas(jobs: list[Job], day_end: datetime) -> list[DemoResponse]:
    records = [_himalayas_record(job) for job in newest_first(jobs)]
    pages = []
    for offset in range(0, max(len(records), 1), HIMALAYAS_PAGE):
        body = {
            "comments": _DEMO_NOTICE,
            "updatedAt": epoch(day_end),
            "offset": offset,
            "limit": HIMALAYAS_PAGE,
            "totalCount": len(records),
            "jobs": records[offset : offset + HIMALAYAS_PAGE],
        }
        pages.append(DemoResponse("himalayas", "/jobs/api", {"offset": str(offset)}, dumps(body)))
    return pages


def _himalayas_record(job: Job) -> dict[str, Any]:
    pay = structured(job)
    guid = job.source_id
    return {
        "title": job.title,
        "excerpt": job.description.about.split(". ")[0].rstrip(".") + ".",
        "companyName": job.company.name,
        "companySlug": job.company.token,
        "companyLogo": "",
        "employmentType": "Contractor" if _employment(job) == "Contract" else "Full Time",
        "minSalary": pay.min if pay else None,
        "maxSalary": pay.max if pay else None,
        "salaryPeriod": PERIOD_WORDS["himalayas"][pay.period] if pay else "annual",
        "seniority": [job.level.capitalize()] if job.level != "mid" else ["Mid-level"],
        "currency": pay.currency if pay else None,
        "locationRestrictions": PLACE_OF_SCOPE[job.scope.key] if job.scope else [],
        "timezoneRestrictions": [],
        "categories": [slug(job.role.titles[0]).title()],
        "parentCategories": ["Developer" if job.role.slug != "other" else "Other"],
        "description": job.description.html(),
        "pubDate": epoch(job.opened),
        "expiryDate": epoch(job.expires),
        "applicationLink": guid,
        "guid": guid,
    }


def jobicy(jobs: list[Job], day_end: datetime) -> list[DemoResponse]:
    records = []
    for job in newest_first(jobs):
        name = f"{job.source_id}-{slug(job.title)}"
        record: dict[str, Any] = {
            "id": int(job.source_id),
            "url": f"https://jobicy.com/jobs/{name}",
            "jobSlug": name,
            "jobTitle": job.title,
            "companyName": job.company.name,
            "companyLogo": "",
            "jobIndustry": [html.escape(_category(job)[0])],
            "jobType": [_employment(job)],
            "jobGeo": scope_places(job, "Anywhere"),
            "jobLevel": job.level.capitalize(),
            "jobExcerpt": job.description.about,
            "jobDescription": job.description.html(),
            "pubDate": iso(job.opened),
        }
        pay = structured(job)
        if pay is not None:  # the keys appear only when the pay is known
            if pay.min is not None:
                record["salaryMin"] = pay.min
            if pay.max is not None:
                record["salaryMax"] = pay.max
            record["salaryCurrency"] = pay.currency
            record["salaryPeriod"] = PERIOD_WORDS["jobicy"][pay.period]
        records.append(record)
    body = {
        "apiVersion": "2.2",
        "documentationUrl": "https://jobi.cy/apidocs",
        "friendlyNotice": _DEMO_NOTICE,
        "jobCount": len(records),
        "lastUpdate": iso(day_end),
        "appliedFilters": {"count": 100},
        "jobs": records,
        "success": True,
    }
    return [DemoResponse("jobicy", "/api/v2/remote-jobs", {}, dumps(body))]


BOARD_SHAPES: dict[str, Callable[[list[Job], datetime], list[DemoResponse]]] = {
    "remoteok": remoteok,
    "remotive": remotive,
    "himalayas": himalayas,
    "jobicy": jobicy,
}
