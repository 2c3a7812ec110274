"""Cross-source duplicates: the same job on a board and on its company's ATS counts once.

Two listings from different sources are the same job when
- their companies normalise to the same key ("Anthropic, PBC" = "anthropic");
- their titles match: nearly the same words, or differing only by place names and
  work-mode notes ("Senior Data Engineer (AWS) - Manchester" = "Senior Data Engineer (AWS)");
- their places are compatible: no clash of countries, and a shared city when both
  name one — unless the job is remote, where the city a board files it under is
  arbitrary (one onsite role posted per city is one listing per city);
- and, when both have a real description, the descriptions confirm it: most of the
  shorter one's word 5-grams appear in the longer one (boards often truncate).
Each group of duplicates keeps one canonical listing — the employer's own ATS listing
first, then the earliest seen — and the others point at it. Hacker News posts are left
out: one comment is a company's hiring post, often for several roles, not one job.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

from jobradar.classifier.location import city_codes, parse_places, place_names
from jobradar.store.keys import title_key
from jobradar.store.models import Listing
from rapidfuzz import fuzz
from sqlalchemy import Engine, select, update

EMPLOYER_SOURCES = ("greenhouse", "lever", "ashby")  # the employer's own ATS posting
NOT_ONE_JOB = frozenset({"hackernews"})
TITLE_SIMILARITY = 90  # rapidfuzz token_sort_ratio, 0–100
DESCRIPTION_CONTAINMENT = 0.5  # share of the shorter description's 5-grams found in the longer
MIN_DESCRIPTION_WORDS = 60  # shorter than this, a description cannot confirm or refute
_WORDS = re.compile(r"[a-z0-9]+")
_MODE_WORDS = {
    "remote",
    "hybrid",
    "onsite",
    "on",
    "site",
    "uk",
    "us",
    "usa",
    "emea",
    "europe",
    "worldwide",
    "anywhere",
}


@dataclass
class Posting:
    """What the matcher needs to know of one listing."""

    id: int
    source: str
    company_key: str | None
    title: str
    location: str | None = None
    countries: Sequence[str] = ()
    description: str = ""
    first_seen: datetime | None = None
    remote: bool = False
    _shingles: frozenset[tuple[str, ...]] | None = field(default=None, repr=False)

    @property
    def shingles(self) -> frozenset[tuple[str, ...]]:
        if self._shingles is None:
            words = _WORDS.findall(self.description.lower())
            self._shingles = frozenset(
                zip(words, words[1:], words[2:], words[3:], words[4:], strict=False)
            )
        return self._shingles


def _place_names(words: set[str]) -> bool:
    """True when every word names a place or a work mode (and so says nothing of the role)."""
    return all(word in _MODE_WORDS or parse_places(word)[0] or city_codes(word) for word in words)


def titles_match(a: str, b: str) -> bool:
    key_a, key_b = title_key(a), title_key(b)
    if key_a == key_b or fuzz.token_sort_ratio(key_a, key_b) >= TITLE_SIMILARITY:
        return True
    names_a, names_b = set(key_a.split()), set(key_b.split())
    extra = names_a ^ names_b
    return (
        bool(names_a & names_b)
        and (names_a <= names_b or names_b <= names_a)
        and _place_names(extra)
    )


def places_match(a: Posting, b: Posting) -> bool:
    """No clash of countries, and a shared place name when both name one (unless remote)."""
    names_a, names_b = place_names(a.location), place_names(b.location)
    if a.countries and b.countries and not set(a.countries) & set(b.countries):
        return bool(names_a & names_b)  # "East London" is also a city in South Africa
    if a.remote or b.remote:
        return True
    return not (names_a and names_b and not names_a & names_b)


def descriptions_match(a: Posting, b: Posting) -> bool | None:
    """True/False when both descriptions can tell; None when one is too short."""
    small, large = sorted((a.shingles, b.shingles), key=len)
    if len(small) < MIN_DESCRIPTION_WORDS:
        return None
    return len(small & large) / len(small) >= DESCRIPTION_CONTAINMENT


def same_job(a: Posting, b: Posting) -> bool:
    """Whether two listings of different sources are one job (see the module docstring)."""
    if a.source == b.source or not a.company_key or a.company_key != b.company_key:
        return False
    if not titles_match(a.title, b.title) or not places_match(a, b):
        return False
    confirmed = descriptions_match(a, b)
    return confirmed is not False


_NEVER = datetime.max.replace(tzinfo=UTC)


def _canonical_order(posting: Posting) -> tuple[int, datetime, int]:
    employer = 0 if posting.source in EMPLOYER_SOURCES else 1
    return employer, posting.first_seen or _NEVER, posting.id


def duplicate_groups(postings: Iterable[Posting]) -> list[list[Posting]]:
    """Groups of two or more postings that are one job, canonical first."""
    by_company: dict[str, list[Posting]] = defaultdict(list)
    for posting in postings:
        if posting.company_key and posting.source not in NOT_ONE_JOB:
            by_company[posting.company_key].append(posting)
    parent: dict[int, int] = {}

    def root(node: int) -> int:
        while parent.get(node, node) != node:
            node = parent[node]
        return node

    members: dict[int, Posting] = {}
    for group in by_company.values():
        for i, a in enumerate(group):
            for b in group[i + 1 :]:
                if same_job(a, b):
                    members[a.id], members[b.id] = a, b
                    parent[root(a.id)] = root(b.id)
    clusters: dict[int, list[Posting]] = defaultdict(list)
    for node, posting in members.items():
        clusters[root(node)].append(posting)
    return [sorted(cluster, key=_canonical_order) for cluster in clusters.values()]


def link_duplicates(engine: Engine) -> int:
    """Recompute canonical links among open listings; return how many point elsewhere."""
    query = select(
        Listing.id,
        Listing.source,
        Listing.company_key,
        Listing.title,
        Listing.location_raw,
        Listing.countries,
        Listing.description_text,
        Listing.first_seen,
        Listing.remote_type,
    ).where(Listing.closed_at.is_(None))
    with engine.connect() as connection:
        postings = [
            Posting(
                row.id,
                row.source,
                row.company_key,
                row.title,
                row.location_raw,
                row.countries or [],
                row.description_text or "",
                row.first_seen,
                row.remote_type == "remote",
            )
            for row in connection.execute(query)
        ]
    links = {
        duplicate.id: group[0].id for group in duplicate_groups(postings) for duplicate in group[1:]
    }
    table = Listing.__table__  # type: ignore[attr-defined]
    with engine.begin() as connection:
        connection.execute(
            update(table)
            .where(table.c.closed_at.is_(None), table.c.canonical_id.is_not(None))
            .values(canonical_id=None)
        )
        for duplicate, canonical in links.items():
            connection.execute(
                update(table).where(table.c.id == duplicate).values(canonical_id=canonical)
            )
    return len(links)
