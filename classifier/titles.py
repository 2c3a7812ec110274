"""The role a title names first: one field of a header line, the first of a list of roles.

Hacker News posts open with `Company | Role(s) | Place | Remote | Pay`, and a post or a
title may list several jobs ("Software Engineer, Team Lead, AI Engineer"). The listing's
role is the first one listed (taxonomy.md, deciding rule 7), so the title rules read
that one alone.
"""

from __future__ import annotations

import re

_NOUN = (
    r"engineers?|developers?|scientists?|researchers?|analysts?|architects?|managers?|"
    r"designers?|specialists?|consultants?|administrators?|programmers?|technicians?|"
    r"strategists?|advocates?|recruiters?|interns?|professors?|faculty|sres?|swes?|mles?|fdes?"
)
# A word that names a job by itself, whichever words qualify it.
_JOB_NOUN = re.compile(rf"\b(?:{_NOUN})\b", re.IGNORECASE)
# What marks a header field as the one about the job, rather than the company or place.
_JOB_FIELD = re.compile(
    rf"\b(?:{_NOUN}|leads?|head|director|devops|founding|engineering)\b", re.IGNORECASE
)
# "Lead Data Scientist (CV, DL, MLOps, LLM)": a bracketed list names skills, not the job.
_BRACKETED_LIST = re.compile(r"\s*[(\[][^()\[\]]*,[^()\[\]]*[)\]]")
_MARKUP = re.compile(r"<[^>]*>|https?://\S+|&\w+;|&#x?\w+;")
# Separators of a list of jobs, strongest first: "A, ML / B" lists "A, ML" and "B". An
# unspaced "/" joins two names of one job ("Senior/Staff", "AI/ML").
_LIST_BREAKS = (
    re.compile(r"[()\[\]]|;|\s/\s"),
    re.compile(r"[()\[\]]|,|\s[+&]\s|\sand\s", re.IGNORECASE),
)


def without_markup(title: str) -> str:
    """A title without the links and markup Hacker News header lines carry."""
    return " ".join(_MARKUP.sub(" ", title).split())


def first_role_title(title: str) -> str:
    """The part of `title` that names the first job it lists."""
    title = without_markup(title)
    fields = [field.strip() for field in title.split("|")]
    field = fields[0]
    if len(fields) > 1 and not _JOB_FIELD.search(field):
        field = next((later for later in fields[1:] if _JOB_FIELD.search(later)), field)
    for breaks in _LIST_BREAKS:
        jobs = _top_level_items(field, breaks)
        # "Lead, Decision Scientist" is one job; "Software Engineer, AI Engineer" two.
        if len(jobs) > 1 and _JOB_NOUN.search(jobs[0]) and any(map(_JOB_NOUN.search, jobs[1:])):
            field = jobs[0]
    return _BRACKETED_LIST.sub("", field)


def _top_level_items(text: str, breaks: re.Pattern[str]) -> list[str]:
    """`text` split at list separators outside brackets: "Engineers (Infra, ML), GTM"."""
    items, depth, start = [], 0, 0
    for match in breaks.finditer(text):
        mark = match.group()
        if mark in "([":
            depth += 1
        elif mark in ")]":
            depth = max(0, depth - 1)
        elif depth == 0:
            items.append(text[start : match.start()])
            start = match.end()
    items.append(text[start:])
    return [item.strip() for item in items]


# A job named in a post's text: up to four words before a job noun, on one line, less
# any words up to the last one that begins a clause ("We're hiring ML Engineers").
_NAMED_JOB = re.compile(rf"((?:[\w+/&.-]+ ){{0,4}}?(?:{_NOUN}))\b", re.IGNORECASE)
_CLAUSE_WORDS = re.compile(
    r"^.*\b(?:a|an|the|our|for|hiring|hire|are|is|as|we|we're|you|looking|seeking|join|"
    r"with|and|or|to|of|in|at|on|experienced|talented|great|them|most|all|some|many|more|\d+)\b\s*",
    re.IGNORECASE,
)
_OPENING_FOR_JOBS = 600


def with_job_named_in_text(title: str, text: str) -> str:
    """A header line that names no job ("Acme | Remote | Full-time"), with the first job
    its post names in its opening appended as a field of its own: the listing's role is
    the first one listed (taxonomy.md, rule 7), wherever the post lists it."""
    if "|" not in title or not text or any(map(_JOB_FIELD.search, title.split("|"))):
        return title
    body = text.split("\n", 1)[1] if text.startswith(title[:20]) and "\n" in text else text
    for line in body[:_OPENING_FOR_JOBS].splitlines():
        found = _NAMED_JOB.search(without_markup(line))
        if found is not None:
            job = _CLAUSE_WORDS.sub("", found.group(1)).strip(" -–:*")
            return f"{title} | {job}"
    return title
