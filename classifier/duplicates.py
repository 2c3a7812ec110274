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

Only listings of one company on different sources are compared, and among those only
pairs that share one of the two rarest words of their titles (prefix filtering: titles
that match share all their words but, at most, one misspelt or one place name), so the
work grows with the number of listings, not with its square.
"""

from __future__ import annotations

import functools
import re
import string
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import combinations

from rapidfuzz import fuzz

from jobradar.classifier.location import city_codes, parse_places, place_names

EMPLOYER_SOURCES = ("greenhouse", "lever", "ashby")  # the employer's own ATS posting
NOT_ONE_JOB = frozenset({"hackernews"})
TITLE_SIMILARITY = 90  # rapidfuzz token_sort_ratio, 0–100
DESCRIPTION_CONTAINMENT = 0.5  # share of the shorter description's 5-grams found in the longer
MIN_DESCRIPTION_WORDS = 60  # shorter than this, a description cannot confirm or refute
BLOCKING_WORDS = 2  # a title's rarest words a matching title must share one of
_WORD_STEM = 4  # words compared by their first letters: "engineer(s)", "model(l)ing"
# A description's words are the runs of [a-z0-9] of its lower-cased text; read from its
# ASCII bytes (any other character one "?"), they are found twice as fast as by a regular
# expression.
_WORD_CHARACTERS = (string.ascii_lowercase + string.digits).encode()
_WORD_BYTES = bytes(byte if byte in _WORD_CHARACTERS else ord(" ") for byte in range(256))
_MODE_WORDS = frozenset(
    {
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
)
_COMPANY_SUFFIXES = re.compile(
    r"\b(?:inc|incorporated|llc|ltd|limited|corp|corporation|co|company|gmbh|ag|sa|sas|bv|"
    r"plc|pbc|labs?|technologies|technology|ai|hq|group|holdings)\b\.?",
    re.I,
)
# Work-mode and contract notes say nothing about which role a title names.
_TITLE_NOISE = re.compile(
    r"\b(?:remote|hybrid|on-?site|full[- ]time|part[- ]time|contract|contractor|permanent|perm|"
    r"temporary|temp|fte|ftc|freelance|m/f/d|f/m/d|w/m/d|m/w/d|all genders)\b",
    re.I,
)
_NON_WORD = re.compile(r"[^a-z0-9]+")
_TITLE_ABBREVIATIONS = {
    "sr": "senior",
    "jr": "junior",
    "eng": "engineer",
    "mgr": "manager",
    "ml": "machine learning",
}


def _ascii_words(text: str) -> list[str]:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return [word for word in _NON_WORD.split(folded) if word]


def company_key(name: str | None) -> str | None:
    """ "Anthropic, PBC" and "anthropic" give the same key."""
    if not name:
        return None
    words = _ascii_words(_COMPANY_SUFFIXES.sub(" ", name))
    return "".join(words) or None


@functools.lru_cache(maxsize=65_536)
def title_key(title: str) -> str:
    """A title without work-mode notes, brackets and punctuation, abbreviations spelled out."""
    words = _ascii_words(_TITLE_NOISE.sub(" ", title))
    return " ".join(_TITLE_ABBREVIATIONS.get(word, word) for word in words)


@dataclass
class Posting:
    """What the matcher needs to know of one listing (its description read only if needed)."""

    id: int
    source: str
    company_key: str | None
    title: str
    location: str | None = None
    countries: Sequence[str] = ()
    description: str = ""
    first_seen: datetime | None = None
    remote: bool = False
    _shingles: frozenset[int] | None = field(default=None, repr=False)

    @property
    def shingles(self) -> frozenset[int]:
        """The description's word 5-grams, each by its 64-bit hash: half the memory of the
        5-grams themselves, and two different 5-grams of one hash are as good as never met."""
        if self._shingles is None:
            words = _description_words(self.description)
            self._shingles = frozenset(
                map(hash, zip(words, words[1:], words[2:], words[3:], words[4:], strict=False))
            )
        return self._shingles


def _description_words(text: str) -> list[bytes]:
    ascii_text = text.lower().encode("ascii", "replace")
    return ascii_text.translate(_WORD_BYTES).split()


@functools.lru_cache(maxsize=65_536)
def _names_a_place(word: str) -> bool:
    # the same few thousand words make up every title: each is looked up once
    return word in _MODE_WORDS or bool(parse_places(word)[0]) or bool(city_codes(word))


def _place_names(words: set[str]) -> bool:
    """True when every word names a place or a work mode (and so says nothing of the role)."""
    return all(_names_a_place(word) for word in words)


def titles_match(a: str, b: str) -> bool:
    return _titles_match(a, b) if a <= b else _titles_match(b, a)


@functools.lru_cache(maxsize=262_144)
def _titles_match(a: str, b: str) -> bool:
    # one company's titles meet again on every source, and common titles in every company
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


def listed_alike(a: Posting, b: Posting) -> bool:
    """Everything `same_job` checks but the descriptions (the costly part)."""
    if a.source == b.source or not a.company_key or a.company_key != b.company_key:
        return False
    return titles_match(a.title, b.title) and places_match(a, b)


def same_job(a: Posting, b: Posting) -> bool:
    """Whether two listings of different sources are one job (see the module docstring)."""
    return listed_alike(a, b) and descriptions_match(a, b) is not False


@functools.lru_cache(maxsize=65_536)
def _stems(title: str) -> frozenset[str]:
    """The words that block a title: not places or work modes, and not one or two letters
    ("R&D"), which a near-equal title may well lack."""
    return frozenset(
        word[:_WORD_STEM]
        for word in title_key(title).split()
        if len(word) > 2 and word not in _MODE_WORDS and not _names_a_place(word)
    )


def candidate_pairs(postings: Sequence[Posting]) -> list[tuple[Posting, Posting]]:
    """The pairs of one company's postings, on different sources, worth comparing."""
    stems = {posting.id: _stems(posting.title) for posting in postings}
    frequency = Counter(stem for found in stems.values() for stem in found)
    index: dict[str, list[Posting]] = defaultdict(list)
    blocking: dict[int, list[str]] = {}
    for posting in postings:
        rarest = sorted(stems[posting.id], key=lambda stem: (frequency[stem], stem))
        blocking[posting.id] = rarest[:BLOCKING_WORDS] or [""]
        for stem in blocking[posting.id]:
            index[stem].append(posting)
    pairs: dict[tuple[int, int], tuple[Posting, Posting]] = {}
    for block in index.values():
        for a, b in combinations(block, 2):
            if a.source != b.source:
                pairs.setdefault((min(a.id, b.id), max(a.id, b.id)), (a, b))
    return list(pairs.values())


_NEVER = datetime.max.replace(tzinfo=UTC)


def _canonical_order(posting: Posting) -> tuple[int, datetime, int]:
    employer = 0 if posting.source in EMPLOYER_SOURCES else 1
    return employer, posting.first_seen or _NEVER, posting.id


def countable(posting: Posting) -> bool:
    """Whether a posting can be a duplicate at all (a company, and one job per listing)."""
    return bool(posting.company_key) and posting.source not in NOT_ONE_JOB


def duplicate_groups(
    postings: Iterable[Posting],
    describe: Callable[[Sequence[Posting]], None] | None = None,
) -> list[list[Posting]]:
    """Groups of two or more postings that are one job, canonical first.

    `describe` fills in the descriptions of the postings a decision needs, when they
    were read without them (the store reads them only for those).
    """
    by_company: dict[str, list[Posting]] = defaultdict(list)
    for posting in postings:
        if countable(posting):
            by_company[str(posting.company_key)].append(posting)
    parent: dict[int, int] = {}

    def root(node: int) -> int:
        while parent.get(node, node) != node:
            node = parent[node]
        return node

    alike = [
        (a, b)
        for group in by_company.values()
        if len({posting.source for posting in group}) > 1
        for a, b in candidate_pairs(group)
        if listed_alike(a, b)
    ]
    if describe is not None and alike:  # one read of every description the pairs need
        describe(list({p.id: p for pair in alike for p in pair}.values()))
    members: dict[int, Posting] = {}
    for a, b in alike:
        if descriptions_match(a, b) is not False:
            members[a.id], members[b.id] = a, b
            parent[root(a.id)] = root(b.id)
    clusters: dict[int, list[Posting]] = defaultdict(list)
    for node, posting in members.items():
        clusters[root(node)].append(posting)
    return [sorted(cluster, key=_canonical_order) for cluster in clusters.values()]


def duplicate_links(groups: Iterable[Sequence[Posting]]) -> dict[int, int]:
    """Each duplicate's id → its group's canonical id."""
    return {duplicate.id: group[0].id for group in groups for duplicate in group[1:]}
