"""The demo market's jobs: a seeded universe in which each job opens, stays a while, closes.

Every calendar day has its own few new jobs, drawn from a generator seeded by the day and
the market seed, so the jobs open on any replay day are the same whichever day asks. A
job's details come from a generator seeded by its serial number alone: a job present on
two replay days reads the same on both. Pay levels drift up a little with the opening
date (anchored at `today`), so a salary index over the replay days moves a few percent.
"""

from __future__ import annotations

import random
import re
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from jobradar.crawler.replay.demo.compose import (
    LEVELS,
    Description,
    describe,
    draw_role,
    make_pay,
    mode_sentence,
    pay_sentence,
    pick,
    title_for,
)
from jobradar.crawler.replay.demo.records import Pay
from jobradar.crawler.replay.demo.roles import RoleText
from jobradar.crawler.replay.demo.text import (
    COMPANIES,
    SCOPES,
    SCOPES_BY_HOME,
    Company,
    Place,
    RemoteScope,
)

WINDOW_DAYS = 200  # the longest a job stays open; older openings are all closed
BOARDS = ("remoteok", "remotive", "himalayas", "jobicy")
ATS = ("greenhouse", "lever", "ashby")
# Share of new jobs per source; career pages, board twins and Hacker News come on top.
SOURCE_WEIGHTS: tuple[tuple[str, float], ...] = (
    ("remoteok", 16),
    ("remotive", 10),
    ("himalayas", 14),
    ("jobicy", 9),
    ("greenhouse", 22),
    ("lever", 11),
    ("ashby", 11),
)
CAREER_PAGE_EVERY = 6  # days: career sites publish one new page this often (a handful open)
# How often a source's listings state pay at all.
PAY_CHANCE = {
    "remoteok": 0.55,
    "remotive": 0.6,
    "himalayas": 0.6,
    "jobicy": 0.6,
    "greenhouse": 0.66,
    "lever": 0.62,
    "ashby": 0.7,
    "jobposting": 0.75,
}
# How often pay, when stated, sits in the source's structured field rather than the text.
STRUCTURED_CHANCE = {
    "remoteok": 0.85,
    "remotive": 1.0,  # its `salary` field is the one place Remotive states pay
    "himalayas": 0.8,
    "jobicy": 0.8,
    "greenhouse": 0.45,  # the pay-transparency block
    "lever": 0.6,
    "ashby": 0.7,
    "jobposting": 0.75,
}
MODES: tuple[tuple[str, float], ...] = (
    ("remote", 50),
    ("hybrid", 25),
    ("onsite", 17),
    ("unknown", 8),
)
CAREER_SITES = ("heliograph", "lanternfish", "alderpoint", "wrenfield", "juniperrow")
TWIN_CHANCE = 0.3  # of an ATS job that is remote: also posted on a remote-jobs board
TWIN_BOARDS: tuple[tuple[str, float], ...] = (
    ("remoteok", 3),
    ("himalayas", 3),
    ("remotive", 2),
    ("jobicy", 2),
)
EXPIRY_DAYS = 60  # a board's listing lasts this long unless renewed
DRIFT_PER_DAY = 0.001  # newer postings pay ~3 % more than those a month older


@dataclass(frozen=True)
class Job:
    """One posting of a job on one source."""

    serial: int
    source: str
    company: Company
    role: RoleText
    level: str
    title: str
    mode: str  # remote | hybrid | onsite | unknown
    place: Place
    scope: RemoteScope | None  # where a remote job may be done
    pay: Pay | None  # the base pay the employer has in mind
    display: str  # how the posting states pay: structured | text | zones | ote | estimate | none
    opened: datetime
    closes: date  # the first day it is gone
    description: Description
    second_pay: Pay | None = None  # the second zone's range ("zones")
    original: Job | None = None  # for a board twin: the employer's own posting

    def is_open(self, day: date) -> bool:
        return self.opened.date() <= day < self.closes

    @property
    def expires(self) -> datetime:
        """The end date a board states: 60 days after posting, renewed until it closes."""
        renewals = -(-(self.closes - self.opened.date()).days // EXPIRY_DAYS)
        return self.opened + timedelta(days=EXPIRY_DAYS * renewals)

    @property
    def salary(self) -> dict[str, Any] | None:
        """Base pay as posted (taxonomy.md): none for OTE-only, estimates and unstated pay."""
        if self.pay is None or self.display in {"none", "ote", "estimate"}:
            return None
        return self.pay.truth()

    @property
    def board(self) -> str | None:
        return self.company.token if self.source in ATS else None

    @property
    def source_id(self) -> str:
        return source_id(self.source, self.serial, self.company, self.title)


def source_id(source: str, serial: int, company: Company, title: str) -> str:
    """The id each source gives a job, in that source's own format."""
    if source in {"lever", "ashby"}:
        bits = random.Random(f"uuid:{serial}").getrandbits(128)  # noqa: S311 (an id, not a secret)
        return str(uuid.UUID(int=bits, version=4))
    if source == "himalayas":
        return f"https://himalayas.app/companies/{company.token}/jobs/{slug(title)}-{serial}"
    offsets = {"remoteok": 0, "remotive": -9_500_000, "jobicy": -11_500_000, "jobposting": 0}
    if source == "greenhouse":
        return str(5_000_000_000 + serial * 100 + 8)
    return str(serial + offsets[source])


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def open_jobs(day: date, today: date, seed: int) -> list[Job]:
    """The jobs open on `day`, twins included, oldest first."""
    jobs: list[Job] = []
    for ordinal in range(day.toordinal() - WINDOW_DAYS, day.toordinal() + 1):
        for serial, source, closes in _openings(ordinal, seed):
            if closes <= day:
                continue
            job = _job(serial, source, date.fromordinal(ordinal), closes, today=today, seed=seed)
            jobs.append(job)
            twin = _twin(job, seed)
            if twin is not None and twin.is_open(day):
                jobs.append(twin)
    return jobs


def _openings(ordinal: int, seed: int) -> list[tuple[int, str, date]]:
    """The jobs that open on one calendar day: (serial, source, closing day)."""
    rng = _rng(seed, "day", ordinal)
    found = []
    for index in range(rng.choice((3, 4, 4, 5, 5, 6))):
        source = pick(rng, SOURCE_WEIGHTS)
        long_lived = rng.random() < 0.15
        lifetime = rng.randint(111, WINDOW_DAYS) if long_lived else rng.randint(25, 110)
        found.append((ordinal * 16 + index, source, date.fromordinal(ordinal + lifetime)))
    if ordinal % CAREER_PAGE_EVERY == 0:
        found.append(
            (ordinal * 16 + 15, "jobposting", date.fromordinal(ordinal + rng.randint(40, 70)))
        )
    return found


def _rng(seed: int, *parts: object) -> random.Random:
    # A seeded generator makes a reproducible demo; nothing here needs to be unpredictable.
    return random.Random(":".join(str(part) for part in (seed, *parts)))  # noqa: S311


def _company(source: str, rng: random.Random) -> Company:
    if source in ATS:
        return rng.choice([c for c in COMPANIES if c.ats == source])
    if source == "jobposting":
        return rng.choice([c for c in COMPANIES if c.token in CAREER_SITES])
    if rng.random() < 0.15:  # employers with their own board post on job boards too
        return rng.choice([c for c in COMPANIES if c.ats])
    return rng.choice([c for c in COMPANIES if not c.ats])


def _period(currency: str, role: RoleText, rng: random.Random) -> str:
    """Most pay is yearly; some contracts are hourly (US), daily (UK) or monthly (EU)."""
    if role.sales:
        return "year"
    draw = rng.random()
    if currency == "USD" and draw < 0.08:
        return "hour"
    if currency == "GBP" and draw < 0.25:
        return "day"
    if currency == "EUR" and draw < 0.1:
        return "month"
    return "year"


def _display(source: str, pay: Pay, role: RoleText, rng: random.Random) -> str:
    if role.sales and rng.random() < 0.7:
        return "ote"  # sales pay stated as on-target earnings only: no base pay
    structured = rng.random() < STRUCTURED_CHANCE[source]
    if source == "remoteok" and (pay.currency != "USD" or pay.period != "year"):
        structured = False  # its salary fields are yearly USD
    if source in {*ATS, "jobposting"} and (pay.min is None or pay.min == pay.max):
        structured = False  # their pay fields are ranges; one figure is said in prose
    if structured:
        return "structured"
    if source in ATS and pay.currency == "USD" and pay.period == "year" and rng.random() < 0.12:
        return "zones"
    return "text"


def _pay(
    source: str,
    role: RoleText,
    level: str,
    currency: str,
    period: str,
    *,
    drift: float,
    rng: random.Random,
) -> tuple[Pay | None, str, Pay | None]:
    """The pay a posting has in mind, how it states it, and a second zone's range if any."""
    if rng.random() >= PAY_CHANCE[source]:
        if source in {"remotive", "jobicy", "himalayas"} and rng.random() < 0.05:
            estimate = make_pay(role, level, "USD", "year", drift=drift, rng=rng)
            return estimate, "estimate", None  # the board's own guess, not the employer's pay
        return None, "none", None
    pay = make_pay(role, level, currency, period, drift=drift, rng=rng)
    if period == "year" and currency in {"GBP", "EUR"} and rng.random() < 0.1:
        pay = Pay(None, pay.max, pay.currency, pay.period)  # "up to £90,000"
    elif rng.random() < 0.08:
        pay = Pay(pay.max, pay.max, pay.currency, pay.period)  # a single figure
    display = _display(source, pay, role, rng)
    second = None
    if display == "zones":
        second = make_pay(role, level, "GBP", "year", drift=drift, rng=rng)
    return pay, display, second


def _job(serial: int, source: str, opened: date, closes: date, *, today: date, seed: int) -> Job:
    rng = _rng(seed, "job", serial)
    company = _company(source, rng)
    role = draw_role(company, rng)
    level = pick(rng, LEVELS)
    if role.slug == "research-scientist" and level == "lead":
        level = "senior"
    mode = "remote" if source in BOARDS else pick(rng, MODES)
    home = company.place
    scope = SCOPES[pick(rng, SCOPES_BY_HOME[home.currency])] if mode == "remote" else None
    currency = scope.currency if scope is not None else home.currency
    period = _period(currency, role, rng)
    title = title_for(role, level, rng) + (" (Contract)" if period in {"hour", "day"} else "")
    drift = 1 + DRIFT_PER_DAY * max(-150, (opened - today).days)
    pay, display, second = _pay(source, role, level, currency, period, drift=drift, rng=rng)
    moment = datetime.combine(opened, time(rng.randint(7, 20), rng.randint(0, 59)), UTC)
    description = describe(
        company,
        role,
        level,
        currency=currency,
        mode_text=mode_sentence(mode, home, scope, rng),
        pay_text_=pay_sentence(pay, display, second, rng) if pay is not None else None,
        rng=rng,
    )
    return Job(
        serial=serial,
        source=source,
        company=company,
        role=role,
        level=level,
        title=title,
        mode=mode,
        place=home,
        scope=scope,
        pay=pay,
        display=display,
        opened=moment + timedelta(seconds=rng.randint(0, 59)),
        closes=closes,
        description=description,
        second_pay=second,
    )


def _twin(job: Job, seed: int) -> Job | None:
    """The same job posted by its employer on a remote-jobs board too, or None."""
    if job.source not in ATS or job.mode != "remote":
        return None
    rng = _rng(seed, "twin", job.serial)
    if rng.random() >= TWIN_CHANCE:
        return None
    board = pick(rng, TWIN_BOARDS)
    display = job.display
    if job.pay is not None and display in {"structured", "zones"}:
        # The board's own pay field carries the range, where the board has one for it.
        fits = board != "remoteok" or (job.pay.currency == "USD" and job.pay.period == "year")
        display = "structured" if fits else "none"
    return Job(
        serial=job.serial,
        source=board,
        company=job.company,
        role=job.role,
        level=job.level,
        title=job.title,
        mode="remote",
        place=job.place,
        scope=job.scope,
        pay=job.pay if display != "none" else None,
        display=display,
        opened=job.opened + timedelta(days=rng.randint(0, 2), minutes=rng.randint(5, 300)),
        closes=job.closes,
        description=job.description,
        original=job,
    )
