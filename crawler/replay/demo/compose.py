"""Titles, pay and descriptions of demo jobs, composed from the phrase banks."""

from __future__ import annotations

import html
import random
from dataclasses import dataclass

from jobradar.crawler.replay.demo.records import Pay
from jobradar.crawler.replay.demo.roles import ML_ROLES, OTHER_ROLES, ROLE_WEIGHTS, RoleText
from jobradar.crawler.replay.demo.text import (
    CONTRACT_INTROS,
    ESTIMATE,
    FACTS,
    HYBRID_SENTENCES,
    INTROS,
    ONSITE_SENTENCES,
    PAY_INTROS,
    PERKS,
    PERKS_BY_CURRENCY,
    SALES_OTE,
    SIGNS,
    UP_TO_INTRO,
    ZONES_INTRO,
    Company,
    Place,
    RemoteScope,
    pay_text,
)

LEVELS: tuple[tuple[str, float], ...] = (
    ("junior", 8),
    ("mid", 30),
    ("senior", 33),
    ("staff", 10),
    ("principal", 5),
    ("lead", 6),
    ("manager", 8),
)
_PREFIXES = {
    "junior": ("Junior", "Associate"),
    "mid": ("",),
    "senior": ("Senior", "Senior", "Sr."),  # "Sr." now and then
    "staff": ("Staff",),
    "principal": ("Principal",),
    "lead": ("Lead",),
}
_YEARS = {
    "junior": "1+",
    "mid": "3+",
    "senior": "5+",
    "staff": "8+",
    "principal": "10+",
    "lead": "7+",
    "manager": "6+",
}
# Yearly USD base at the middle of the range, before the role's factor.
_BASE_PAY = {
    "junior": 110_000,
    "mid": 145_000,
    "senior": 185_000,
    "staff": 235_000,
    "principal": 260_000,
    "lead": 215_000,
    "manager": 225_000,
}
_CURRENCY_FACTOR = {"USD": 1.0, "EUR": 0.62, "GBP": 0.55, "INR": 20.0}


@dataclass(frozen=True)
class Description:
    """A posting's text, paragraph by paragraph; each source lays it out in its own HTML."""

    intro: str
    about: str
    duties: tuple[str, ...]
    asks: tuple[str, ...]
    mode: str | None  # the work-mode sentence
    pay: str | None  # the pay sentence, when pay is stated in prose
    perks: str | None  # benefits, often with figures that are not pay

    def closing(self) -> list[str]:
        return [part for part in (self.mode, self.pay, self.perks) if part]

    def html(self, heading: str = "h3") -> str:
        """The whole description as simple HTML: paragraphs, headings and lists."""

        def items(lines: tuple[str, ...]) -> str:
            return "".join(f"<li>{html.escape(line)}</li>" for line in lines)

        parts = [
            f"<p>{html.escape(self.intro)}</p>",
            f"<{heading}>About the role</{heading}>",
            f"<p>{html.escape(self.about)}</p>",
            f"<{heading}>What you will do</{heading}>",
            f"<ul>{items(self.duties)}</ul>",
            f"<{heading}>What we are looking for</{heading}>",
            f"<ul>{items(self.asks)}</ul>",
            *(f"<p>{html.escape(part)}</p>" for part in self.closing()),
        ]
        return "".join(parts)

    def plain(self) -> str:
        lines = [self.intro, "", "About the role", self.about, "", "What you will do"]
        lines += [f"- {duty}" for duty in self.duties]
        lines += ["", "What we are looking for", *(f"- {ask}" for ask in self.asks)]
        for part in self.closing():
            lines += ["", part]
        return "\n".join(lines)


def pick(rng: random.Random, pairs: tuple[tuple[str, float], ...]) -> str:
    names, weights = zip(*pairs, strict=True)
    return rng.choices(names, weights)[0]


def draw_role(company: Company, rng: random.Random) -> RoleText:
    """A role for an opening at `company`, by the market's role weights."""
    weights = dict(ROLE_WEIGHTS)
    if not company.ai:
        weights["other"] *= 2  # a bank or a games studio hires fewer ML people
    slug = pick(rng, tuple(weights.items()))
    if slug == "other":
        return rng.choice(OTHER_ROLES)
    return next(role for role in ML_ROLES if role.slug == slug)


def title_for(role: RoleText, level: str, rng: random.Random, *, in_list: bool = False) -> str:
    """A title that names the role the way the taxonomy's typical titles do, with its level.

    `in_list`: the title goes into a comma-separated list of openings, so it must have no
    comma of its own ("Software Engineer, Inference" would read as two roles there).
    """
    if level == "manager" and not in_list:
        return rng.choice(role.managers)
    prefix = rng.choice(_PREFIXES["senior" if level == "manager" else level])
    titles = [title for title in role.titles if not in_list or "," not in title]
    title = rng.choice(titles)
    if level == "mid" and rng.random() < 0.12 and "," not in title and "(" not in title:
        return f"{title} II"
    return f"{prefix} {title}".strip()


def make_pay(
    role: RoleText, level: str, currency: str, period: str, *, drift: float, rng: random.Random
) -> Pay:
    """Base pay for a role, level and currency; `drift` lifts newer postings slightly."""
    middle = _BASE_PAY[level] * role.pay_factor * drift * rng.uniform(0.92, 1.08)
    spread = rng.uniform(0.08, 0.16)
    if period == "hour":  # US contractors: the yearly figure over 2,080 hours, plus a premium
        low, high = middle / 2080 * 1.2 * (1 - spread), middle / 2080 * 1.2 * (1 + spread)
        return Pay(_round(low, 5), _round(high, 5), "USD", "hour")
    if period == "day":  # UK contractors' day rates
        base = middle * _CURRENCY_FACTOR["GBP"] / 220 * 1.3
        return Pay(_round(base * (1 - spread), 25), _round(base * (1 + spread), 25), "GBP", "day")
    if period == "month":
        base = middle * _CURRENCY_FACTOR["EUR"] / 12
        return Pay(
            _round(base * (1 - spread), 100), _round(base * (1 + spread), 100), "EUR", "month"
        )
    local = middle * _CURRENCY_FACTOR[currency]
    step = 100_000 if currency == "INR" else 1000
    return Pay(
        _round(local * (1 - spread), step), _round(local * (1 + spread), step), currency, "year"
    )


def _round(value: float, step: int) -> int:
    return int(round(value / step) * step)


def intro(company: Company, rng: random.Random, facts: int) -> str:
    """The company paragraph; `facts` figures that are not pay (funding, users, revenue)."""
    text = rng.choice(INTROS).format(name=company.name, pitch=company.pitch)
    for template in rng.sample(FACTS, facts):
        text += " " + template.format(
            name=company.name,
            year=rng.choice((2024, 2025)),
            funding=rng.choice((12, 18, 25, 40, 65, 110)),
            series=rng.choice("ABC"),
            users=rng.choice((40, 120, 250, 500)),
            revenue=rng.choice((4, 9, 15, 30)),
        )
    return text


def perks(currency: str, rng: random.Random) -> str:
    """Benefits, often with figures (bonus, equity, budgets) that are not base pay."""
    template = rng.choice((*PERKS, PERKS_BY_CURRENCY[currency]))
    return template.format(
        sign=SIGNS[currency],
        bonus=rng.choice((10, 15, 20)),
        eq_low=rng.choice(("0.05", "0.1")),
        eq_high=rng.choice(("0.25", "0.3")),
        budget=rng.choice((1500, 2000, 2500)) * (80 if currency == "INR" else 1),
        signon=rng.choice((10, 15, 20)),
        weeks=rng.choice((5, 6)),
    )


def mode_sentence(
    mode: str, place: Place, scope: RemoteScope | None, rng: random.Random
) -> str | None:
    if mode == "remote" and scope is not None:
        return rng.choice(scope.sentences)
    if mode == "hybrid":
        return rng.choice(HYBRID_SENTENCES).format(city=place.city)
    if mode == "onsite":
        return rng.choice(ONSITE_SENTENCES).format(city=place.city)
    return None  # the posting does not say: a bare place in the location field


def pay_sentence(pay: Pay, display: str, second: Pay | None, rng: random.Random) -> str | None:
    """The sentence stating pay in prose for displays that put it there, else None."""
    if display == "ote":
        return SALES_OTE.format(pay=pay_text(pay, rng))
    if display == "estimate":
        return ESTIMATE.format(pay=pay_text(pay, rng))
    if display == "zones" and second is not None:
        return ZONES_INTRO.format(
            first_zone="United States",
            first=pay_text(pay, rng),
            second_zone="United Kingdom",
            second=pay_text(second, rng),
        )
    if display != "text":
        return None
    if pay.min is None:
        return UP_TO_INTRO.format(pay=pay_text(pay, rng))
    intros = CONTRACT_INTROS.get(pay.period, PAY_INTROS)
    return rng.choice(intros).format(pay=pay_text(pay, rng))


def asks(role: RoleText, level: str, rng: random.Random) -> tuple[str, ...]:
    skills = rng.sample(role.skills, 5)
    lines = [
        f"{_YEARS[level]} years of experience {role.domain}.",
        f"Hands-on experience with {skills[0]} and {skills[1]}.",
        f"Comfortable with {skills[2]}, {skills[3]} or similar tools.",
        f"Experience with {skills[4]} is a plus.",
    ]
    if level == "manager":
        lines.insert(1, "At least two years of managing engineers or scientists.")
    if rng.random() < 0.5:
        lines.append("You write clearly and enjoy reviewing other people's work.")
    return tuple(lines)


def describe(
    company: Company,
    role: RoleText,
    level: str,
    *,
    currency: str,
    mode_text: str | None,
    pay_text_: str | None,
    rng: random.Random,
) -> Description:
    return Description(
        intro=intro(company, rng, facts=rng.choice((0, 1, 1, 2))),
        about=" ".join(rng.sample(role.about, min(2, len(role.about)))),
        duties=tuple(rng.sample(role.duties, min(4, len(role.duties)))),
        asks=asks(role, level, rng),
        mode=mode_text,
        pay=pay_text_,
        perks=perks(currency, rng) if rng.random() < 0.75 else None,
    )
