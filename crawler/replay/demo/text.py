"""Phrase banks for the demo market: companies, places, work modes, pay and perks.

Every name and sentence was invented for jobradar's demo. Company web addresses use the
reserved `.example` domain, so no link in the demo points at a real site. Distractor
figures (funding, users, bonuses, equity, budgets) are written the way real postings
write them, so the salary extractor has something to reject.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from jobradar.crawler.replay.demo.records import Pay


@dataclass(frozen=True)
class Place:
    city: str
    region: str | None  # US state code
    country: str  # ISO 3166 alpha-2
    country_name: str
    currency: str

    @property
    def label(self) -> str:
        """ "Austin, TX" or "Berlin, Germany", the way boards write a place."""
        return f"{self.city}, {self.region or self.country_name}"


def _us(city: str, state: str) -> Place:
    return Place(city, state, "US", "United States", "USD")


PLACES: dict[str, Place] = {
    "sf": _us("San Francisco", "CA"),
    "nyc": _us("New York", "NY"),
    "austin": _us("Austin", "TX"),
    "seattle": _us("Seattle", "WA"),
    "boston": _us("Boston", "MA"),
    "denver": _us("Denver", "CO"),
    "chicago": _us("Chicago", "IL"),
    "london": Place("London", None, "GB", "United Kingdom", "GBP"),
    "manchester": Place("Manchester", None, "GB", "United Kingdom", "GBP"),
    "berlin": Place("Berlin", None, "DE", "Germany", "EUR"),
    "munich": Place("Munich", None, "DE", "Germany", "EUR"),
    "amsterdam": Place("Amsterdam", None, "NL", "Netherlands", "EUR"),
    "paris": Place("Paris", None, "FR", "France", "EUR"),
    "madrid": Place("Madrid", None, "ES", "Spain", "EUR"),
    "dublin": Place("Dublin", None, "IE", "Ireland", "EUR"),
    "lisbon": Place("Lisbon", None, "PT", "Portugal", "EUR"),
    "bengaluru": Place("Bengaluru", None, "IN", "India", "INR"),
    "pune": Place("Pune", None, "IN", "India", "INR"),
    "hyderabad": Place("Hyderabad", None, "IN", "India", "INR"),
}


@dataclass(frozen=True)
class Company:
    name: str
    token: str  # ATS board token, URL slug
    ats: str | None  # greenhouse | lever | ashby | None (posts on boards only)
    home: str  # key of PLACES
    pitch: str  # what it does, after its name
    ai: bool  # an AI company (its generic roles are still `other`)

    @property
    def domain(self) -> str:
        return f"{self.token}.example"

    @property
    def place(self) -> Place:
        return PLACES[self.home]


COMPANIES: tuple[Company, ...] = (
    Company("Quillfeather Labs", "quillfeatherlabs", "greenhouse", "sf",
            "trains compact language models for legal and financial documents", True),
    Company("Northwind Compute", "northwindcompute", "greenhouse", "seattle",
            "runs a GPU cloud for training and inference", True),
    Company("Larkspur AI", "larkspurai", "greenhouse", "london",
            "builds voice agents for customer support teams", True),
    Company("Tidewater Robotics", "tidewaterrobotics", "greenhouse", "boston",
            "builds warehouse robots that learn new picking tasks from a few demonstrations",
            True),
    Company("Basalt Systems", "basaltsystems", "greenhouse", "berlin",
            "makes observability software for data and ML pipelines", True),
    Company("Emberline Health", "emberlinehealth", "greenhouse", "nyc",
            "builds clinical note-taking tools on top of speech and language models", True),
    Company("Corvid Analytics", "corvid-analytics", "lever", "austin",
            "builds fraud detection models for online marketplaces", True),
    Company("Halyard Data", "halyard-data", "lever", "amsterdam",
            "runs a managed lakehouse for mid-sized companies", True),
    Company("Pinecrest Vision", "pinecrest-vision", "lever", "denver",
            "builds computer vision for crop inspection drones", True),
    Company("Saltmarsh Security", "saltmarsh-security", "lever", "london",
            "tests AI systems for security and compliance", True),
    Company("Ferrous Labs", "ferrous", "ashby", "sf",
            "designs inference chips and the compiler that targets them", True),
    Company("Glasswing Inference", "glasswing-inference", "ashby", "nyc",
            "serves open-weight models through a low-latency API", True),
    Company("Orchard Silicon", "orchard-silicon", "ashby", "austin",
            "builds AI datacenters powered by renewable energy", True),
    Company("Tessellate", "tessellate", "ashby", "paris",
            "builds an ML platform for retail demand forecasting", True),
    Company("Brightfold", "brightfold", None, "manchester",
            "makes accounting software for freelancers", False),
    Company("Cobalt Harbor", "cobaltharbor", None, "dublin",
            "builds planning software for shipping ports", False),
    Company("Driftwood Analytics", "driftwood", None, "lisbon",
            "builds product analytics for mobile apps", True),
    Company("Granite Peak Software", "granitepeak", None, "denver",
            "makes scheduling software for clinics", False),
    Company("Heliograph Systems", "heliograph", None, "munich",
            "builds satellite image analysis tools", True),
    Company("Ironbark Cloud", "ironbark", None, "bengaluru",
            "runs managed Kubernetes for AI start-ups", True),
    Company("Juniper Row", "juniperrow", None, "nyc",
            "builds recommendation engines for online bookshops", True),
    Company("Kestrel Metrics", "kestrelmetrics", None, "chicago",
            "sells experimentation software to product teams", True),
    Company("Lanternfish AI", "lanternfish", None, "sf",
            "builds coding agents for data teams", True),
    Company("Marrowfinch", "marrowfinch", None, "madrid",
            "builds language-learning apps with AI tutors", True),
    Company("Nimbus Reach", "nimbusreach", None, "seattle",
            "builds shelf cameras that count stock in grocery stores", True),
    Company("Oakmoss Energy", "oakmoss", None, "amsterdam",
            "forecasts power demand for grid operators", True),
    Company("Parallax Freight", "parallaxfreight", None, "chicago",
            "matches trucks with loads using demand models", True),
    Company("Quarry Street Bank", "quarrystreet", None, "london",
            "is a digital bank for small businesses", False),
    Company("Redwater Media", "redwater", None, "nyc",
            "runs a streaming service for independent films", False),
    Company("Sablewood Games", "sablewood", None, "manchester",
            "makes multiplayer mobile games", False),
    Company("Thimble Finance", "thimble", None, "nyc",
            "builds budgeting tools for households", False),
    Company("Umbra Networks", "umbranetworks", None, "austin",
            "makes network security appliances", False),
    Company("Verdant Grid", "verdantgrid", None, "berlin",
            "writes control software for battery storage sites", True),
    Company("Wrenfield", "wrenfield", None, "dublin",
            "automates insurance claims with document AI", True),
    Company("Yarrow Health", "yarrowhealth", None, "boston",
            "builds patient triage tools for clinics", True),
    Company("Zephyr Loop", "zephyrloop", None, "pune",
            "builds MLOps tooling for fintech companies", True),
    Company("Alderpoint Labs", "alderpoint", None, "sf",
            "builds evaluation tools for LLM applications", True),
    Company("Bramble Logic", "bramblelogic", None, "lisbon",
            "builds document search for law firms", True),
    Company("Cinderhill Robotics", "cinderhill", None, "boston",
            "builds autonomous lawn mowers", True),
    Company("Mosswell Data", "mosswell", None, "hyderabad",
            "builds data pipelines for e-commerce brands", True),
)  # fmt: skip


@dataclass(frozen=True)
class RemoteScope:
    """Where a remote job may be done, and how postings say so."""

    key: str
    label: str  # the location field
    currency: str
    sentences: tuple[str, ...]  # the work-mode sentence in a description


SCOPES: dict[str, RemoteScope] = {
    "US": RemoteScope(
        "US",
        "Remote (US)",
        "USD",
        (
            "This role is fully remote within the United States.",
            "You can work from anywhere in the US; we are a remote-first company.",
        ),
    ),
    "Americas": RemoteScope(
        "Americas", "Remote (US or Canada)", "USD", ("This role is remote from the US or Canada.",)
    ),
    "Europe": RemoteScope(
        "Europe",
        "Remote — anywhere in Europe",
        "EUR",
        (
            "You can work remotely from anywhere in Europe.",
            "This is a fully remote role for people living in Europe.",
        ),
    ),
    "UK": RemoteScope(
        "UK",
        "Remote (UK)",
        "GBP",
        ("Remote within UK time zones.", "This role is fully remote; you need to live in the UK."),
    ),
    "Worldwide": RemoteScope(
        "Worldwide",
        "Worldwide",
        "USD",
        (
            "We are a remote-first company and hire worldwide.",
            "Fully remote, worldwide, with a few hours of overlap with the team each day.",
        ),
    ),
    "India": RemoteScope(
        "India", "Remote, India", "INR", ("This role is fully remote within India.",)
    ),
}
# Where a remote job of a company at home in each currency zone may be done.
SCOPES_BY_HOME: dict[str, tuple[tuple[str, float], ...]] = {
    "USD": (("US", 0.7), ("Americas", 0.15), ("Worldwide", 0.15)),
    "EUR": (("Europe", 0.8), ("Worldwide", 0.2)),
    "GBP": (("UK", 0.6), ("Europe", 0.3), ("Worldwide", 0.1)),
    "INR": (("India", 0.85), ("Worldwide", 0.15)),
}

HYBRID_SENTENCES = (
    "Hybrid – 3 days a week in our {city} office.",
    "This is a hybrid role: two days per week in our {city} office.",
)
ONSITE_SENTENCES = (
    "This is an on-site role in {city}, five days a week.",
    "You will work from our {city} office every day.",
)

INTROS = (
    "{name} {pitch}.",
    "{name} {pitch}. We are a small team that ships often and writes things down.",
    "{name} {pitch}. Our customers range from two-person start-ups to large enterprises.",
)
# Company figures that are not pay.
FACTS = (
    "In {year} we raised a ${funding}M Series {series} to grow the team.",
    "{name} is backed by ${funding}M in venture funding.",
    "Our tools are used by {users}k developers.",
    "We passed ${revenue}M in annual recurring revenue last year.",
)
PERKS = (
    "We offer a {bonus}% annual bonus target, {eq_low}%–{eq_high}% equity, and a "
    "{sign}{budget:,} yearly learning budget.",
    "Benefits include stock options, {weeks} weeks of paid leave, and a {sign}{budget:,} "
    "equipment budget.",
    "Health, dental and vision cover, generous parental leave, and a yearly team retreat.",
)
PERKS_BY_CURRENCY = {
    "USD": "New joiners get a ${signon}k sign-on bonus, health cover for their family, and "
    "a 401(k) match up to 4%.",
    "GBP": "Private health cover, a pension with employer contributions, and a £{signon},000 "
    "sign-on bonus.",
    "EUR": "A company pension, 30 days of holiday, and a €{signon},000 sign-on bonus.",
    "INR": "Health insurance for your family and a ₹{signon},000 yearly learning budget.",
}
SIGNS = {"USD": "$", "EUR": "€", "GBP": "£", "INR": "₹"}
SALES_OTE = "OTE {pay} with a 50/50 split between base and commission."
# How a posting introduces its base pay ("{pay}" is the amount or range).
PAY_INTROS = (
    "The base salary for this role is {pay}.",
    "The salary range for this position is {pay}, depending on experience.",
    "Base pay: {pay}.",
    "Compensation: {pay} base, plus equity.",
    "We expect to pay {pay} for this role.",
)
UP_TO_INTRO = "Salary up to {pay}, depending on experience."
CONTRACT_INTROS = {
    "hour": ("This is a contract role paying {pay}.", "Rate: {pay}."),
    "day": ("Rate: {pay}, outside IR35.",),
    "month": ("Monthly salary: {pay}.",),
}
ZONES_INTRO = "Base salary by location: {first_zone}: {first}; {second_zone}: {second}."
ESTIMATE = "Salary estimate from the board (not from the employer): {pay} per year – estimated."


_UNITS = {
    "year": ("",),
    "month": (" per month",),
    "day": (" per day", " a day"),
    "hour": (" per hour", "/hr"),
}
_FIELD_UNITS = {"year": "", "month": " /month", "day": " /day", "hour": " /hour"}


def amount(value: int, currency: str, style: str = "full") -> str:
    """One figure as postings write it: "$180,000" (full), "$180k" (k), "₹30L" (INR)."""
    if currency == "INR":
        return f"₹{value // 100_000}L"
    if style == "k":
        return f"{SIGNS[currency]}{value // 1000}k"
    return f"{SIGNS[currency]}{value:,}"


def pay_text(pay: Pay, rng: random.Random) -> str:
    """The amount or range in prose: "$180k–$220k", "£550-£650 per day", "$95/hr"."""
    style = "k" if pay.period == "year" and rng.random() < 0.4 else "full"
    unit = " per annum" if pay.currency == "INR" else rng.choice(_UNITS[pay.period])
    if pay.min is None:
        assert pay.max is not None
        return amount(pay.max, pay.currency, style)  # the sentence around it says "up to"
    if pay.min == pay.max:
        return amount(pay.min, pay.currency, style) + unit
    assert pay.max is not None
    joiner = rng.choice((" – ", " - ", "–", "-"))
    low, high = amount(pay.min, pay.currency, style), amount(pay.max, pay.currency, style)
    return f"{low}{joiner}{high}{unit}"


def pay_field(pay: Pay) -> str:
    """A board's free-text salary field (Remotive): "$140k - $180k", "$60 - $80 /hour"."""
    style = "k" if pay.period == "year" else "full"
    unit = _FIELD_UNITS[pay.period]
    assert pay.max is not None
    high = amount(pay.max, pay.currency, style)
    if pay.min is None:
        return f"Up to {high}"
    if pay.min == pay.max:
        return f"{high}{unit}"
    return f"{amount(pay.min, pay.currency, style)} - {high}{unit}"


def pay_summary(pay: Pay) -> str:
    """Ashby's compact summary: "$180K – $220K", "€550 – €650 per day"."""
    style = "k" if pay.period == "year" else "full"
    parts = [amount(v, pay.currency, style).upper() for v in (pay.min, pay.max) if v is not None]
    return " – ".join(parts) + _UNITS[pay.period][0]
