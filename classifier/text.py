"""Plain text from what sources serve: HTML to text, mojibake repaired, spacing tidied.

Conversion never raises and never quietly loses a description: input is whatever a
source sent (lone surrogates, NULs, absurd nesting, megabyte text nodes). When lxml
cannot build the whole tree (its depth and text-node limits), the text is read by a
tag-stripping fallback instead, and the result says so (`CleanText.fallback`); a
description longer than `MAX_DESCRIPTION_CHARS` is cut there (`CleanText.truncated`).
"""

from __future__ import annotations

import functools
import hashlib
import html
import re
from dataclasses import dataclass

import ftfy
import html_text
import lxml.etree
import lxml.html
import lxml.html.defs

# The longest description in the corpus is 21,000 characters; ten times that is no job
# posting, and cutting there bounds the cost of what follows (ftfy alone reads hostile
# text at ~1.5 µs a character: 500,000 was a second).
MAX_DESCRIPTION_CHARS = 200_000
# What each extractor reads of a text at most (the corpus's longest is 21,000 characters):
# past that it is no posting, and every extractor's cost stays bounded on hostile input.
EXTRACTOR_TEXT_CHARS = 100_000
EXTRACTOR_TITLE_CHARS = 1_000  # the corpus cuts titles (Hacker News first lines) at 300

_BLANK_LINES = re.compile(r"\n\s*\n+")
_LINE_BREAKS = re.compile("\r\n|[\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")  # str.splitlines's
_ASCII_BREAKS = ("\r", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e")
_LINE_EDGES = re.compile(r"[^\S\n]*\n[^\S\n]*")  # \s is what str.strip removes
# Runs of `_SPACES` but for a single " ", which stays as it is: far fewer replacements.
_SPACE_RUNS = re.compile(
    r"(?: [ \t\u00a0\u2009\u202f]|[\t\u00a0\u2009\u202f])[ \t\u00a0\u2009\u202f]*"
)
# White space other than what `_SPACES` collapses and what `str.splitlines` breaks at
# (every character whose `isspace()` is true; tests/test_hostile_input.py checks it).
_OTHER_SPACE = re.compile("[\x1f\u1680\u2000-\u2008\u200a\u205f\u3000]")
_SPACES = re.compile(r"[ \t\u00a0\u2009\u202f]+")
_LITERAL_NEWLINES = re.compile(r"(?:\\r)?\\n")  # RemoteOK writes "\n" as two characters
_MARKDOWN_ESCAPES = re.compile(r"\\([-+.|*_#()\[\]!&$%])")  # LinkedIn exports: "£45k \- £65k"
# RemoteOK appends an anti-spam instruction to every description.
_REMOTEOK_FOOTER = re.compile(
    r"please mention the word\s+\**\w+\**\s+and tag\s+\w+.*$", re.IGNORECASE | re.DOTALL
)
_SURROGATE = re.compile("[\ud800-\udfff]")
# Characters XML cannot hold: lxml's parser lets them into the tree, then its cleaner
# raises on setting a text with one. ftfy would delete the control characters anyway;
# a form feed is HTML white space.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_FROM_NOT_XML = {
    **dict.fromkeys([*range(0x09), 0x0B, *range(0x0E, 0x20)]),
    0x0C: " ",
    0xFFFE: "\ufffd",
    0xFFFF: "\ufffd",
}
# A numeric character reference longer than this names no character (the largest is
# &#1114111;), and html.unescape raises on one of more than 4,300 digits.
_HUGE_CHARREF = re.compile(r"&#(?:[xX][0-9a-fA-F]{9,}|[0-9]{9,});?")

# ftfy changes nothing in printable ASCII without "&" (no mojibake, no entity, no
# control character), and it repairs line by line at ~12 µs a line: such lines are
# passed through, and a text of very many other lines is repaired in larger pieces.
_REPAIRABLE = re.compile(r"[^\n\x20-\x25\x27-\x7e]")
_FTFY = ftfy.TextFixerConfig(normalization="NFC", explain=False)
_REPAIR_LINES = 5_000  # far more lines than any posting has needing repair
_REPAIR_PIECE = 65_536


@dataclass(frozen=True)
class CleanText:
    """A description as plain text, and whether it was read the usual way.

    `fallback`: the HTML parser could not read the whole document, so its tags were
    stripped instead (words kept apart, layout rougher). `truncated`: the description
    was longer than `MAX_DESCRIPTION_CHARS` and only its beginning was read.
    """

    text: str
    fallback: bool = False
    truncated: bool = False


def _without_surrogates(text: str) -> str:
    """Surrogate pairs joined, lone surrogates (valid in JSON, not in UTF-8) as U+FFFD."""
    if not _SURROGATE.search(text):
        return text
    return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


def unescape(text: str) -> str:
    """`html.unescape`, safe on numeric references of any length."""
    if "&" not in text:
        return text
    return html.unescape(_HUGE_CHARREF.sub("\ufffd", text))


def _fix(segment: str, config: ftfy.TextFixerConfig) -> str:
    return ftfy.fix_and_explain(segment, config).text


# ftfy is a pure function of the line and the options: a line seen before (a board's
# boilerplate, a benefits list) is not repaired again. A third of the corpus's lines that
# ftfy reads are repeats; ~12 µs a line saved, a few MB at most held.
_fixed = functools.lru_cache(maxsize=4096)(_fix)
_CACHED_LINE = 2_000


def repair(text: str) -> str:
    """Undo mojibake (UTF-8 read as Latin-1, as in RemoteOK) and odd Unicode.

    The same as `ftfy.fix_text(text, normalization="NFC")`, line by line, except that
    lines ftfy would leave alone are not handed to it, and past `_REPAIR_LINES` lines
    that need it the rest is repaired in pieces of many lines (hostile input only).
    """
    if not text:
        return text
    text = _without_surrogates(text)
    config = _FTFY
    pieces: list[str] = []
    position, repaired = 0, 0
    while position < len(text):
        found = _REPAIRABLE.search(text, position)
        clean_end = len(text) if found is None else text.rfind("\n", position, found.start()) + 1
        if clean_end > position:  # whole lines ftfy would return unchanged
            if config.unescape_html == "auto" and "<" in text[position:clean_end]:
                config = config._replace(unescape_html=False)  # as ftfy.fix_text does
            pieces.append(text[position:clean_end])
            position = clean_end
            continue
        repaired += 1
        line_end = text.find("\n", position) + 1 or len(text)
        if repaired > _REPAIR_LINES:
            line_end = text.rfind("\n", position, position + _REPAIR_PIECE) + 1 or line_end
        line_end = min(line_end, position + config.max_decode_length)
        segment = text[position:line_end]
        if config.unescape_html == "auto" and "<" in segment:
            config = config._replace(unescape_html=False)
        pieces.append(
            _fixed(segment, config) if len(segment) <= _CACHED_LINE else _fix(segment, config)
        )
        position = line_end
    return "".join(pieces)


# The tags html_text breaks lines at, so that the fallback lays text out alike.
_BLOCK_TAGS = frozenset(html_text.NEWLINE_TAGS) | frozenset(html_text.DOUBLE_NEWLINE_TAGS)
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)[^<>]*>|<[!?/][^<>]*>")
_HIDDEN = (b"!--", b"script", b"style", b"template", b"noscript")


def _drop_hidden(markup: str) -> str:
    """The markup without comments and the content of script/style elements.

    Linear: each opening is searched for once from where the last search left off.
    """
    # One byte per character, ASCII letters lower-cased: indices are the markup's
    # (str.lower can change a text's length: "İ" becomes two characters).
    lower = markup.encode("latin-1", "replace").lower()
    following = {name: lower.find(b"<" + name) for name in _HIDDEN}
    kept: list[str] = []
    position = 0
    while True:
        for name, index in following.items():
            if -1 < index < position:
                following[name] = lower.find(b"<" + name, position)
        starts = [(index, name) for name, index in following.items() if index != -1]
        if not starts:
            kept.append(markup[position:])
            return "".join(kept)
        start, name = min(starts)
        kept.append(markup[position:start])
        if name == b"!--":
            end = lower.find(b"-->", start + 4)
            close = end + 2 if end != -1 else -1
        else:
            end = lower.find(b"</" + name, start + len(name) + 1)
            close = lower.find(b">", end) if end != -1 else -1
        if end == -1:
            return "".join(kept)  # unclosed: a browser hides the rest too
        position = close + 1 if close != -1 else len(markup)


def _strip_tags(markup: str) -> str:
    """Text by tag stripping: block tags become line breaks and others spaces, so words stay apart."""

    def replace(tag: re.Match[str]) -> str:
        name = tag.group(2)
        return "\n" if name and name.lower() in _BLOCK_TAGS else " "

    return unescape(_TAG.sub(replace, _drop_hidden(markup)))


# What html_text's cleaner removes or rewrites (lxml_html_clean with html_text's options):
# a tree holding none of these is read as it is, without the cleaner's copy of the tree.
_CLEANED = (
    "script",
    "style",
    "link",
    "meta",
    "applet",
    "image",
    *lxml.html.defs.frame_tags,
    "iframe",
    "embed",
    "layer",
    "object",
    "param",
    "{http://www.w3.org/1999/xhtml}*",
    lxml.etree.Comment,
    lxml.etree.ProcessingInstruction,
    lxml.etree.Entity,
)


# html_text's cleaner removes these elements with their content (`drop_tree`) and unwraps
# those (`drop_tag`), one Python call per element that concatenates the text around it:
# quadratic in the document when thousands of them sit between text ("数据<!--c-->" × 10⁵
# took 20 s). `_pre_clean` does the same removals in lxml's C code first.
_KILLED = (
    "script",
    "style",
    "link",
    "meta",
    "applet",
    *lxml.html.defs.frame_tags,
    lxml.etree.Comment,
    lxml.etree.ProcessingInstruction,
)
_UNWRAPPED = ("iframe", "embed", "layer", "object")


def _pre_clean(root: lxml.etree._Element) -> None:
    """Remove and unwrap what html_text's cleaner would, in one linear pass of lxml's,
    so that the cleaner finds nothing left to do."""
    lxml.etree.strip_elements(root, *_KILLED, with_tail=False)
    for param in list(root.iter("param")):
        if not any(parent.tag in ("applet", "object") for parent in param.iterancestors()):
            param.clear(keep_tail=True)  # then unwrapped: the cleaner's drop_tree
    lxml.etree.strip_tags(root, *_UNWRAPPED, "param")


_NEWLINE_TAGS = frozenset(html_text.NEWLINE_TAGS)
_DOUBLE_NEWLINE_TAGS = frozenset(html_text.DOUBLE_NEWLINE_TAGS)
_PUNCTUATION = frozenset(',:;.!?")')


def _tree_text(root: lxml.etree._Element) -> str:
    """`html_text.etree_to_text(root)` (layout and punctuation spacing guessed), in one loop.

    html_text's own calls three closures and three regexes per text node; this is its
    algorithm with those inlined: `" ".join(t.split())` is its `\\s+` collapse of the
    stripped text, and `$` in its `\\s$` and `\\($` also matches before a final "\\n".
    """
    chunks: list[str] = []
    # the previous chunk: 2 after a blank line (or at the start), 1 after a line break,
    # else 0 and `last` is the raw text last added
    state, last = 2, ""
    for event, element in lxml.etree.iterwalk(root, events=("start", "end")):
        tag = element.tag
        if state != 2:
            if tag in _DOUBLE_NEWLINE_TAGS:
                chunks.append("\n" if state == 1 else "\n\n")
                state = 2
            elif tag in _NEWLINE_TAGS:
                if state != 1:
                    chunks.append("\n")
                state = 1
        raw = element.text if event == "start" else (element.tail if element is not root else None)
        if not raw:
            continue
        text = " ".join(raw.split())
        if not text:
            continue
        if state:
            chunks.append(text)
        elif last[-1].isspace() or (
            text[0] not in _PUNCTUATION and not last.endswith(("(", "(\n"))
        ):
            chunks.append(" " + text)
        else:
            chunks.append(text)
        state, last = 0, raw
    return "".join(chunks).strip()


def _parsed(markup: str) -> str | None:
    """html_text's conversion, or None when lxml could not read the whole document."""
    if _NOT_XML.search(markup):
        markup = markup.translate(_FROM_NOT_XML)
    body = markup.strip().encode("utf-8")
    if not body:
        return ""
    # lxml's plain elements: lxml.html's element classes cost a Python call per element
    parser = lxml.etree.HTMLParser(recover=True, encoding="utf-8")
    try:
        root = lxml.etree.fromstring(body, parser=parser)
    except (lxml.etree.LxmlError, ValueError):
        return None
    if any(error.level_name == "FATAL" for error in parser.error_log):
        return None  # past a depth or size limit lxml stops reading and drops the rest
    if root is None:
        return ""
    if isinstance(root.tag, str) and next(root.iter(*_CLEANED), None) is not None:
        _pre_clean(root)  # scripts, comments, frames… (a few postings in a hundred)
    if isinstance(root.tag, str) and next(root.iter(*_CLEANED), None) is None:
        return _tree_text(root)
    # the cleaner needs lxml.html's elements (rare: XHTML namespaces, <image>, entities)
    root = lxml.etree.fromstring(body, parser=lxml.html.HTMLParser(recover=True, encoding="utf-8"))
    _pre_clean(root)
    return html_text.extract_text(root, guess_layout=True)


def convert_html(markup: str) -> CleanText:
    """Readable text from an HTML fragment: block elements become line breaks.

    Entity-escaped HTML (Greenhouse's `content`) is unescaped once first.
    """
    if not markup:
        return CleanText("")
    truncated = len(markup) > MAX_DESCRIPTION_CHARS
    markup = _without_surrogates(markup[:MAX_DESCRIPTION_CHARS])
    if truncated and markup.rfind("<") > markup.rfind(">"):
        markup = markup[: markup.rfind("<")]  # not a tag cut in two
    if "&lt;" in markup and "<" not in markup.replace("&lt;", ""):
        markup = unescape(markup)
    if "<" not in markup:
        return CleanText(tidy(unescape(markup)), truncated=truncated)
    text = _parsed(markup)
    if text is None or not text.strip():
        fallback = _strip_tags(markup)
        if text is None or fallback.strip():  # an empty result must be the document's
            return CleanText(tidy(fallback), fallback=True, truncated=truncated)
    return CleanText(tidy(text or ""), truncated=truncated)


def html_to_text(markup: str) -> str:
    """The text of `convert_html`."""
    return convert_html(markup).text


def _split_lines(text: str) -> str:
    """The text's line breaks (all `str.splitlines` knows) as "\n"."""
    if text.isascii() and not any(mark in text for mark in _ASCII_BREAKS):
        return text  # the usual case, told without a regex's scan
    return _LINE_BREAKS.sub("\n", text)


def _strip_lines(text: str) -> str:
    """Each line of a text without "\r" breaks and without runs of `_SPACES` stripped."""
    if _OTHER_SPACE.search(text):
        return _LINE_EDGES.sub("\n", text)
    # at most one space either side of a line break: nothing else there is white space
    return text.replace(" \n", "\n").replace("\n ", "\n")


def tidy(text: str) -> str:
    """Collapse runs of spaces and blank lines; strip each line."""
    if "\\" in text:
        text = _MARKDOWN_ESCAPES.sub(r"\1", _LITERAL_NEWLINES.sub("\n", text))
    # the same as str.splitlines, then each line's runs of spaces collapsed and the line
    # stripped, then the lines joined by "\n"; by whole-text passes, not one per line
    text = _strip_lines(_SPACE_RUNS.sub(" ", _split_lines(text)))
    return _BLANK_LINES.sub("\n\n", text).strip()


def clean_description(description: str, fmt: str) -> CleanText:
    """The description as clean plain text, with how it was read."""
    if fmt == "html":
        converted = convert_html(description)
    else:
        truncated = len(description) > MAX_DESCRIPTION_CHARS
        converted = CleanText(tidy(description[:MAX_DESCRIPTION_CHARS]), truncated=truncated)
    text = _REMOTEOK_FOOTER.sub("", repair(converted.text)).strip()
    return CleanText(text, converted.fallback, converted.truncated)


def description_text(description: str, fmt: str) -> str:
    """The description as clean plain text."""
    return clean_description(description, fmt).text


def text_hash(text: str) -> str:
    """A short stable digest of a text, for change detection."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:32]
