"""A listing's lower-cased text and its words, computed once and shared by the extractors.

A word is a run of ASCII letters, digits, "+" and "#" ("c++", "c#", "k8s"); any other
character separates words. Bytes.translate and split run at C speed, which a regular
expression over every posting does not; the skills extractor and the work-mode gates
read the same listing's words, so they are cached for the last few texts.
"""

from __future__ import annotations

import functools

_WORD_BYTES = frozenset(b"abcdefghijklmnopqrstuvwxyz0123456789+#")
_TO_SPACES = bytes(byte if byte in _WORD_BYTES else 0x20 for byte in range(256))


@functools.lru_cache(maxsize=8)
def lowered(text: str) -> str:
    """`text.lower()`, once for the extractors that all read the same listing."""
    return text.lower()


def _spaced(lowered: str) -> bytes:
    """A lower-cased text as ASCII bytes with every non-word character a space."""
    return lowered.encode("ascii", "replace").translate(_TO_SPACES)


@functools.lru_cache(maxsize=8)
def words(lowered: str) -> tuple[bytes, ...]:
    """The words of a lower-cased text, in order."""
    return tuple(_spaced(lowered).split())


def word_list(lowered: str) -> list[str]:
    """The words of a lower-cased text as strings, for the role model's vectorizers."""
    return _spaced(lowered).decode("ascii").split()


@functools.lru_cache(maxsize=8)
def word_set(lowered: str) -> frozenset[bytes]:
    """The distinct words of a lower-cased text."""
    return frozenset(words(lowered))
