"""Hostile input for the extractors: what a broken or malicious source could send.

Hypothesis strategies shared by tests/test_hostile_input.py and the long fuzzing run of
bench/fuzz_extractors.py: lone surrogates (valid in JSON), NULs and control characters,
numbers of hundreds of digits, Arabic-Indic and other non-ASCII digits, right-to-left
marks, mixed scripts, pay-like pieces, HTML nested thousands deep, and inputs grown to a
megabyte by repeating a drawn piece.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import date
from typing import Any

from hypothesis import strategies as st

from jobradar.classifier.annotate import Facts, extract
from jobradar.classifier.location import city_codes, parse_places, place_names
from jobradar.classifier.salary.structured import STRUCTURED_KINDS
from jobradar.classifier.text import clean_description, repair, text_hash

MB = 1_000_000

HOSTILE_PIECES = [
    "\ud800",
    "\udfff",
    "\ud83d\ude00",
    "\x00",
    "\x01",
    "\x1b[31m",
    "\u202e",
    "\u200f",
    "\ufeff",
    "\ufffd",
    "١٢٣٤٥٦٧٨٩٠",  # Arabic-Indic digits
    "۱۲۳",  # Extended Arabic-Indic
    "१२३",  # Devanagari
    "１２３",  # full-width
    "٫",
    "مرحبا",
    "שלום",
    "Привет",
    "数据工程师",
    "İ",
    "ß",
    "9" * 309,
    "1" * 5000,
    "1e400",
    "&#" + "9" * 5000 + ";",
    "&#x110000;",
    "&amp;",
    "&lt;p&gt;",
    "$",
    "£",
    "€",
    "₹",
    "C$",
    "USD",
    "GBP",
    "INR",
    "$1 ",
    "$1,360,927'",
    "120,000",
    "1,20,000",
    "85.5",
    "k",
    "K",
    "M",
    "L",
    "LPA",
    " - ",
    "–",
    " to ",
    "up to ",
    " per hour",
    " per day",
    " p.a.",
    "salary",
    "Salary:",
    "Day rate\n",
    "remote",
    "Remote",
    "hybrid",
    "on-site",
    "ONSITE (3 days/week)",
    "2 days in the office",
    "office",
    "senior",
    "Staff",
    "5 years",
    "5+ years of experience",
    "Level: ",
    "Role: ",
    "seeking",
    "Kubernetes",
    "CUDA",
    " ",
    "  ",
    "\t",
    "\n",
    "\r\n",
    "\u2028",
    "|",
    ":",
    "(",
    ")",
    "<",
    ">",
    "<p>",
    "</p>",
    "<div>",
    "<br>",
    "<!--",
    "-->",
    "<script>",
    "</script>",
    "<![CDATA[",
    "<?xml ?>",
    "'",
    '"',
    ",",
    ".",
]

any_character = st.characters(codec=None, exclude_categories=())  # surrogates included
surrogates = st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF)
small_text = st.one_of(
    st.text(any_character, max_size=200),
    st.lists(st.sampled_from(HOSTILE_PIECES), max_size=40).map("".join),
    st.lists(
        st.one_of(st.sampled_from(HOSTILE_PIECES), st.text(any_character, max_size=5), surrogates),
        max_size=40,
    ).map("".join),
)


def _grown(piece: str, size: int) -> str:
    """`piece` repeated to `size` characters (a megabyte of one pattern)."""
    return (piece * (size // max(1, len(piece)) + 1))[:size] if piece else " " * size


def _nested(tag: str, depth: int, inner: str, closed: bool) -> str:
    return f"<{tag}>" * depth + inner + (f"</{tag}>" * depth if closed else "")


big_text = st.builds(_grown, small_text.filter(bool), st.sampled_from([100_000, MB]))
nested_html = st.builds(
    _nested,
    st.sampled_from(["div", "b", "span", "p", "li", "table", "td", "a", "x"]),
    st.integers(0, 5000),
    small_text,
    st.booleans(),
)
hostile_text = st.one_of(small_text, nested_html)
json_value = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | small_text
    | st.sampled_from(["1e400", "inf", "-inf", "nan", "9" * 400, "1,000,000", "hourly"]),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(small_text, children, max_size=4)
    ),
    max_leaves=12,
)
# the keys sources put pay under, structured pay blocks are read from
PAY_KEYS = (
    "salary_min",
    "salary_max",
    "salaryMin",
    "salaryMax",
    "salaryCurrency",
    "salaryPeriod",
    "minSalary",
    "maxSalary",
    "currency",
    "salaryRange",
    "compensation",
    "baseSalary",
    "text",
)
pay_block = st.builds(
    lambda kind, fields: {**fields, "kind": kind},
    st.sampled_from([*STRUCTURED_KINDS, "unknown"]),
    st.dictionaries(
        st.sampled_from(PAY_KEYS),
        json_value,
        max_size=6,
    ),
)


@dataclass(frozen=True)
class Posting:
    """One hostile listing: its raw fields, before any cleaning."""

    title: str
    description: str
    fmt: str
    location: str | None
    workplace: str | None
    salary_raw: str | None
    pay_structured: dict[str, Any] | None

    @property
    def size(self) -> int:
        return len(self.title) + len(self.description) + len(self.location or "")


def postings(text: st.SearchStrategy[str]) -> st.SearchStrategy[Posting]:
    return st.builds(
        Posting,
        title=small_text,
        description=text,
        fmt=st.sampled_from(["html", "text"]),
        location=st.none() | small_text,
        workplace=st.none() | small_text,
        salary_raw=st.none() | small_text,
        pay_structured=st.none() | pay_block,
    )


def run_every_extractor(posting: Posting) -> float:
    """Every extractor on one hostile posting, as the pipeline and `extract` call them;
    the CPU seconds it took. Raises whatever an extractor raises."""
    started = time.process_time()
    cleaned = clean_description(posting.description, posting.fmt)
    title = repair(posting.title)
    text_hash(cleaned.text)
    for facts in (
        Facts(
            title=title,
            text=cleaned.text,
            location=posting.location,
            workplace=posting.workplace,
            location_requirements=[posting.location] if posting.location else [],
            salary_raw=posting.salary_raw,
            pay_structured=posting.pay_structured,
            reference=date(2026, 6, 1),
        ),
        # The raw text too: `extract` is public and may be handed anything.
        Facts(title=posting.title, text=posting.description, location=posting.location),
    ):
        extract(facts)
    for where in (posting.location, posting.title):
        if where:
            parse_places(where)
            city_codes(where)
            place_names(where)
    return time.process_time() - started


def warm_up() -> None:
    """Load what the extractors load once per process (the city list, the FX table), so
    that a timed input pays only for itself."""
    run_every_extractor(
        Posting(
            "Engineer", "<p>Remote, London. £50,000 a year.</p>", "html", "London", None, None, None
        )
    )


def time_bound(posting: Posting) -> float:
    """The CPU seconds allowed: one per megabyte of input, one at least."""
    return max(1.0, posting.size / MB)
