"""Plain text from what sources serve: HTML to text, mojibake repaired, spacing tidied."""

from __future__ import annotations

import hashlib
import html
import re

import ftfy
import html_text

_BLANK_LINES = re.compile(r"\n\s*\n+")
_SPACES = re.compile(r"[ \t\u00a0\u2009\u202f]+")
_LITERAL_NEWLINES = re.compile(r"(?:\\r)?\\n")  # RemoteOK writes "\n" as two characters
_MARKDOWN_ESCAPES = re.compile(r"\\([-+.|*_#()\[\]!&$%])")  # LinkedIn exports: "£45k \- £65k"
# RemoteOK appends an anti-spam instruction to every description.
_REMOTEOK_FOOTER = re.compile(
    r"please mention the word\s+\**\w+\**\s+and tag\s+\w+.*$", re.IGNORECASE | re.DOTALL
)


# What ftfy could change in a text of ASCII only: entities, control characters, CR/LF.
_ASCII_TO_FIX = re.compile(r"[&\x00-\x08\x0b-\x1f\x7f]")


def repair(text: str) -> str:
    """Undo mojibake (UTF-8 read as Latin-1, as in RemoteOK) and odd Unicode."""
    if not text or (text.isascii() and not _ASCII_TO_FIX.search(text)):
        return text  # ftfy would return it unchanged: skip its cost (two texts in three)
    return ftfy.fix_text(text, normalization="NFC")


def html_to_text(markup: str) -> str:
    """Readable text from an HTML fragment: block elements become line breaks.

    Entity-escaped HTML (Greenhouse's `content`) is unescaped once first.
    """
    if not markup:
        return ""
    if "&lt;" in markup and "<" not in markup.replace("&lt;", ""):
        markup = html.unescape(markup)
    if "<" not in markup:
        return tidy(html.unescape(markup))
    return tidy(html_text.extract_text(markup, guess_layout=True))


def tidy(text: str) -> str:
    """Collapse runs of spaces and blank lines; strip each line."""
    text = _MARKDOWN_ESCAPES.sub(r"\1", _LITERAL_NEWLINES.sub("\n", text))
    lines = (_SPACES.sub(" ", line).strip() for line in text.splitlines())
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def description_text(description: str, fmt: str) -> str:
    """The description as clean plain text."""
    text = html_to_text(description) if fmt == "html" else tidy(description)
    return _REMOTEOK_FOOTER.sub("", repair(text)).strip()


def text_hash(text: str) -> str:
    """A short stable digest of a text, for change detection."""
    return hashlib.sha256(text.encode()).hexdigest()[:32]
