"""Normalised keys that make the same job on two sources comparable."""

from __future__ import annotations

import re
import unicodedata

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


def title_key(title: str) -> str:
    """A title without work-mode notes, brackets and punctuation, abbreviations spelled out."""
    words = _ascii_words(_TITLE_NOISE.sub(" ", title))
    return " ".join(_TITLE_ABBREVIATIONS.get(word, word) for word in words)
