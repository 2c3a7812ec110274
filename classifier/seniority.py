"""Seniority from the title, then a level the body states, then the years asked for.

taxonomy.md, "Seniority": title markers decide first; when markers clash the
stronger wins (Staff/Principal > Senior > Associate); "Manager"/"VP" used as a job
name rather than people management (Account Manager, Technical Program Manager)
does not make a manager; without a marker, the minimum years of experience asked
for decide (0–2 junior, 3–5 mid, 6+ senior); company level codes (L4, E5) do not.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from jobradar.classifier.text import EXTRACTOR_TEXT_CHARS, EXTRACTOR_TITLE_CHARS
from jobradar.classifier.titles import with_job_named_in_text

# Strength order when several markers appear: the later in this tuple wins.
_ORDER = ("intern", "junior", "mid", "senior", "lead", "manager")

_TITLE_MARKERS: list[tuple[str, re.Pattern[str]]] = [
    (
        "intern",
        re.compile(r"\b(?:intern|interns|internship|co-?op|summer student|werkstudent)\b", re.I),
    ),
    (
        "junior",
        re.compile(
            r"(?i:\b(?:junior|jr\.?|entry[- ]level|entry|graduate|graduates|grad|new grad|early[- ]career|"
            r"college hire|fresher|freshers|apprentice|trainee|"
            r"associate(?! (?:director|principal|vice president|vp|partner|manager)))\b)|"
            r"(?<=\w)\s+I\b(?!\s*/)|(?i:\b(?:level|lvl)\s*1\b)|\s1$|(?<=[A-Za-z])\s1(?=\s+[-–(|,])",
        ),
    ),
    (
        "mid",
        re.compile(
            r"(?i:\b(?:mid[- ]?level|intermediate|mid|medior)\b|\b(?:level|lvl)\s*2\b)|\sII\b|\s2$|"
            r"(?<=[A-Za-z])\s2(?=\s+[-–(|,])"
        ),
    ),
    (
        "senior",
        re.compile(
            r"(?i:\b(?:senior|snr\.?|sr\.?|experienced|mid[- ]senior|smts)\b|\b(?:level|lvl)\s*[34]\b)|"
            r"\sIII\b|\s[34]$(?<![A-Z]\d)|(?<=[A-Za-z])\s[34](?=\s+[-–(|,])"
        ),
    ),
    (
        "lead",
        re.compile(
            # "Principle" is a common misspelling of principal; "PMTS"/"LMTS" a principal or
            # lead member of technical staff; "TL" a tech lead. A "Fellow" is a level only as
            # a distinguished or technical fellow: a fellowship programme's fellows are not.
            r"(?i:\b(?:staff|principal|principle|lead|leads|leader|distinguished|tech lead|"
            r"team lead|chief architect|pmts|lmts|(?:distinguished|technical|engineering) fellow)\b)|"
            r"\s(?:IV|V)\b|\bTL\b",
        ),
    ),
    (
        "manager",
        re.compile(
            r"\b(?:manager|managers|mgr|head of|head,|director|directors|vp|vice president|chief|"
            r"cto|ceo|cio|cdo|cfo|svp|evp|founder|co-founder|managing|tlm)\b|^head\b|"
            r"\bhead\s*(?:$|[-–|(])",  # "AI Practice Head", "Department Head - Pune"
            re.I,
        ),
    ),
]
# "Manager" as a job name rather than managing people (taxonomy.md): these decide nothing.
# Business functions whose "Manager" (and "Director", for sales accounts and art) names
# an individual job: "Product Marketing Manager", "Policy Manager", "Account Director".
_MANAGER_JOB_NAME = re.compile(
    r"\b(?:program|programme|product|project|account|development|relations|pr|engagement|"
    r"support|success|community|relationship|delivery|case|content|release|scrum|marketing|"
    r"communications|policy|construction|sourcing|contracts?|transaction|growth|events?|"
    r"enablement|portfolio|activation|partner|partnerships?|brand|campaign|category|vendor|"
    r"finance|operations|safety|deployment|asset|fund|wealth|investment)\s+(?:manager|mgr)s?\b|"
    r"\b(?:account|art|creative)\s+director\b",
    re.I,
)
_PEOPLE_MANAGER = re.compile(
    r"\b(?:engineering|research|science|data science|machine learning|ml|ai|analytics|"
    r"software|infrastructure|platform|team|people)\s+(?:manager|mgr)\b|\bhead of\b|"
    r"\bdirector\b|\b(?:vp|svp|evp|vice president|chief|cto|cdo|cio|ceo)\b",
    re.I,
)
_MANAGER_MARKER = dict(_TITLE_MARKERS)["manager"]
_NOT_A_LEVEL = re.compile(
    r"\b(?:member of (?:the )?technical staff|lead (?:generation|development|gen)|staffing|"
    r"lead[- ]?to|leading|mid[- ]market)\b",  # "Mid-Market Account Executive": a segment
    re.I,
)
# taxonomy.md: "An 'Architect' title with no other marker → lead"; with one, the other
# decides ("Senior Solutions Architect" is senior). A "micro-architect" is a chip designer.
_ARCHITECT = re.compile(r"(?<![A-Za-z]-)(?<!\w)architect\b", re.I)
# A bank's "Vice President" is a rank that engineers and analysts hold (taxonomy.md: decided
# by the stated level or years): "Software Engineer - Vice President".
_RANK_VP = re.compile(r"\b(?:vp|vice president|avp|assistant vice president)\b", re.I)
_INDIVIDUAL_ROLE = re.compile(
    r"\b(?:engineer|developer|analyst|scientist|architect|associate|specialist|consultant|"
    r"product owner)s?\b",
    re.I,
)
_LEVEL_CODE = re.compile(r"\b[LEM]\d{1,2}\b|\b(?:ic|ict)\d\b", re.I)
# A level the body states for this role: "This is a senior-level role", "Seniority: Mid".
# Each form is searched (in the lower-cased opening) only when, from each group of words
# it needs, one is there: `in` scans at C speed, while one alternation of all the forms
# costs more than every other extractor together.
_LEVEL_WORDS = ("senior", "junior", "mid", "entry", "staff", "principal", "intern", "lead")
_BODY_LEVEL: list[tuple[tuple[tuple[str, ...], ...], re.Pattern[str]]] = [
    (
        (
            ("seeking", "looking for", "hiring", "to hire", "searching for", "recruiting", "need"),
            _LEVEL_WORDS,
        ),
        re.compile(
            r"(?:seeking|looking for|hiring|to hire|searching for|recruiting|need)\s+(?:an?\s+)?(?:[\w-]+\s+){0,3}?"
            r"(?P<level>senior|junior|mid-level|entry-level|staff|principal|lead)\s+(?:[\w/&-]+\s+){0,3}?"
            r"(?:engineer|developer|scientist|analyst|architect|researcher|specialist|consultant)s?\b"
        ),
    ),
    (
        # the opening names the job with its level: "The Senior Data Scientist will build",
        # "As the Principal Data Engineer, you will lead", "As a senior data engineer at Acme,
        # you will", "As our new Senior BI Developer, you"
        ((" will", ", ", " is responsible"), _LEVEL_WORDS),
        re.compile(
            r"\b(?:the|an?|as our(?: new)?(?: experienced)?) "
            r"(?P<level>senior|junior|mid-level|entry-level|staff|principal|lead) "
            r"(?:[\w/&-]+ ){0,3}?"
            r"(?:engineer|developer|scientist|analyst|architect|researcher|specialist|consultant)"
            r"(?: at [\w.&' -]{1,40}?)?(?:,| will\b| is responsible\b)"
        ),
    ),
    (
        (("(",),),
        re.compile(r"\((?P<level>mid-level|senior|junior|entry-level|mid level|entry level)\)"),
    ),
    ((), re.compile(r"^(?P<level>senior|junior|mid-level|entry-level|intern|internship)$")),
    (
        (("level", "seniority"),),
        re.compile(
            r"\b(?:seniority|level)\s*[:\-–]\s*"
            r"(?P<level>intern\w*|entry[- ]level|entry|junior|associate|mid[- ]?(?:level|senior)?|"
            r"intermediate|senior|staff|principal|lead|director|manager|executive)\b"
        ),
    ),
    (
        (("role is", "position is", "job is"), _LEVEL_WORDS),
        re.compile(
            r"\b(?:this|the) (?:role|position|job) is (?:a |an )?(?P<level>intern\w*|entry|junior|mid|"
            r"senior|staff|principal|lead)[- ](?:level|role|position)\b"
        ),
    ),
]
# Years of experience asked for, anywhere in the posting (taxonomy.md): a figure of years
# ("3+ years", "5-8 yrs", "4.5-6 Years", "1 or more years") counts when its words make it
# a requirement, experience named after it ("3+ years of industry experience", "7+ years in
# ML", "4 years building data products") or before it
# ("Experience: 3-5 years"), or a requirement word leading to it ("at least 4 years in",
# "Reqs: 5+ yrs"), and not when they make it the company's history, an age, a contract's
# term or a time span ("for over 20 years", "18 years or older", "a 2 year contract").
_YEARS_FIGURE = re.compile(
    r"(?<![\d.])(?P<low>\d{1,2})(?:\.\d)?\s*\+?\s*(?:plus|or more)?\s*(?:(?:-|–|—|to)\s*\d{1,2}\s*)?\+?\s*"
    r"(?:years?|yrs?)(?:\(s\))?(?![a-z])"
)
_EXPERIENCE_AFTER = re.compile(
    r"^['’.]?[\s\w,/&'’()-]{0,40}?\b(?:experience|exp\b|expertise|work(?:ing)?\b|industry|"
    r"professional|hands[- ]on|in\b|development\b|developing\b|building\b|production\b)"
)
_EXPERIENCE_BEFORE = re.compile(
    r"\b(?:experience|exp)\b[^.\n]{0,25}(?:\n\s*)?$"
)  # or its label line
_REQUIREMENT_BEFORE = re.compile(
    r"\b(?:minimum|min\.?|at least|have|having|with|requires?|required|need|looking for|reqs?|"
    r"requirements?|bring|possess)\W{0,3}(?:of\s+)?(?:\w+\s+){0,2}$"
)
_NOT_REQUIRED_BEFORE = re.compile(
    # "we are looking for 3-5 years" asks for them; "we have been building for 20 years" does not
    r"(?:\bwe\b(?!(?: are|'re|’re) (?:looking|seeking|searching|hiring)| need| require| expect)|"
    r"\bwe've|\bour\b|\bcompany|\bfounded|\bhistory|\bestablished|\bsince|"
    r"\bfor over|\bfor more than|\b(?:past|last|next)\b|\btrack record|\bserving|\btrusted|"
    r"\bdecades?|\bcelebrat|\banniversary|\bin business|\bcontract|\bterm\b|\bsow\b|\baged?\b|"
    r"\bprogramme|\bwarranty|\bvest|\bwithin|\bafter|\bevery|\bfirst)[^.\n]{0,40}$"
)
_NOT_REQUIRED_AFTER = re.compile(
    r"^\W{0,3}(?:ago|old|of age|or (?:older|over|above)|and (?:older|over|above)|of (?:our|its|"
    r"the company|history|operation|growth|success)|in business|history|track record|warranty|"
    r"contract|term|roadmap|programme|program|of runway|in a row|running)\b"
)
_UP_TO = re.compile(r"\bup to\s*$")
# Years of experience are read in the whole text (taxonomy.md: the years asked for). The
# reference labels of round 1 read them in the opening only (round 2 mostly too): on their
# dev part, reading the whole text agrees with 0.73 of round 1 and 0.86 of round 2, against
# 0.93 and 0.85 in the first 1,000 characters.
YEARS_READ_CHARS = EXTRACTOR_TEXT_CHARS
# A stated level counts in the opening only: deep in the text "senior" belongs to the
# team, other roles or boilerplate.
OPENING_CHARS = 1000
_STATED_TO_LEVEL = {
    "entry": "junior",
    "entry-level": "junior",
    "entry level": "junior",
    "associate": "junior",
    "intermediate": "mid",
    "mid": "mid",
    "mid-level": "mid",
    "midlevel": "mid",
    "mid level": "mid",
    "mid-senior": "senior",
    "staff": "lead",
    "principal": "lead",
    "director": "manager",
    "executive": "manager",
}


def _title_level(title: str) -> str | None:
    # "Analytics_Manager": an underscore joins words that are read apart
    title = _NOT_A_LEVEL.sub(" ", _LEVEL_CODE.sub(" ", title.replace("_", " ")))
    found = [level for level, pattern in _TITLE_MARKERS if pattern.search(title)]
    if "manager" in found and _MANAGER_JOB_NAME.search(title):
        rest = _MANAGER_JOB_NAME.sub(" ", title)
        if not _PEOPLE_MANAGER.search(rest) and not _MANAGER_MARKER.search(rest):
            found.remove("manager")  # "Technical Program Manager" names a job, not a team
    if (
        "manager" in found
        and _RANK_VP.search(title)
        and _INDIVIDUAL_ROLE.search(title)
        and not _MANAGER_MARKER.search(_RANK_VP.sub(" ", title))
    ):
        found.remove("manager")  # "Software Engineer - Vice President": a bank's rank
    if not found:
        return "lead" if _ARCHITECT.search(title) else None
    if "intern" in found:
        return "intern"
    return max(found, key=_ORDER.index)


# A title that lists several roles ("Acme | Senior Backend Engineer, Staff iOS Engineer |
# Remote", typical of Hacker News) takes the level of the first role (taxonomy.md, rule 7:
# the primary role is the first listed); the parts are split where a role noun ends.
_ROLE_NOUN = re.compile(
    r"\b(?:engineers?|developers?|scientists?|designers?|researchers?|architects?|analysts?|"
    r"managers?|leads?|directors?|interns?|swes?|sres?|pms?|head of [\w ]+|founders?)\b",
    re.I,
)
_ROLE_SEPARATOR = re.compile(r"\s*(?:,|\+|&|;|\band\b|\s/\s)\s*", re.I)


def _first_listed_role(title: str) -> str | None:
    """The first of several roles a pipe-separated title lists, or None when it lists one."""
    if " | " not in title:
        return None
    for segment in title.split("|"):
        if not _ROLE_NOUN.search(segment):
            continue
        parts = [part for part in _ROLE_SEPARATOR.split(segment) if _ROLE_NOUN.search(part)]
        return parts[0] if len(parts) > 1 else None
    return None


def _stated_level(opening: str) -> str | None:
    """The level the lower-cased opening states; the earliest statement wins."""
    matches = [
        match
        for needs, pattern in _BODY_LEVEL
        if all(any(word in opening for word in group) for group in needs)
        if (match := pattern.search(opening))
    ]
    if not matches:
        return None
    word = min(matches, key=lambda match: match.start()).group("level")
    if word.startswith("intern"):
        return "intern"
    word = _STATED_TO_LEVEL.get(word, word)
    return word if word in _ORDER else None


# Indeed-style requirement lines, wherever they sit: "Machine learning: 2 years (Required)".
_YEARS_REQUIRED = re.compile(
    r"^[^\n:]{1,60}:\s*(?P<low>\d{1,2})\s*years?\s*\((?:required|preferred)\)", re.I | re.M
)


def _year_figures(lower: str) -> Iterator[re.Match[str]]:
    """The figures of years in a lower-cased text, in order. The pattern starts with a
    digit, which a regular expression looks for at every position: it is searched only
    just before each "year"/"yr", found with str.find."""
    reach = 30  # "5 - 8 + years" is shorter
    last_end = 0
    positions = sorted(position for word in ("year", "yr") for position in _find_all(lower, word))
    for position in positions:
        found = _YEARS_FIGURE.search(lower, max(last_end, position - reach), position + 8)
        if found is not None and found.start() >= last_end:
            last_end = found.end()
            yield found


def _find_all(text: str, word: str) -> Iterator[int]:
    position = text.find(word)
    while position != -1:
        yield position
        position = text.find(word, position + len(word))


def years_asked(text: str) -> int | None:
    """The minimum years of experience the posting asks for (its first requirement)."""
    lower = text[:EXTRACTOR_TEXT_CHARS].lower()
    for match in _year_figures(lower):
        low = int(match.group("low"))
        if low > 20:
            continue  # "25 years of experience" describes a company, not a requirement
        before = lower[max(0, match.start() - 60) : match.start()]
        after = lower[match.end() : match.end() + 60]
        if _NOT_REQUIRED_BEFORE.search(before) or _NOT_REQUIRED_AFTER.search(after):
            continue
        if (
            _EXPERIENCE_AFTER.search(after)
            or _EXPERIENCE_BEFORE.search(before)
            or _REQUIREMENT_BEFORE.search(before)
        ):
            # "up to 6 years": a range from none, read by its minimum (taxonomy.md)
            return 0 if _UP_TO.search(before) else low
    return None


def level_from_years(years: int) -> str:
    """taxonomy.md: a range is read by its minimum; 0–2 junior, 3–5 mid, 6+ senior."""
    if years <= 2:
        return "junior"
    if years <= 5:
        return "mid"
    return "senior"


_TITLE_YEARS = re.compile(
    r"\b(?P<low>\d{1,2})\s*(?:\+|(?:-|–|to)\s*\d{1,2})?\s*(?:years?|yrs?)\b", re.I
)


# A line of the opening that restates the job's title ("Role: Gen AI Lead").
_ROLE_LINE = re.compile(
    r"^\W*(?:role|job title|position|job role|title|position title|position name|job position|"
    r"designation)\s*[:\-–]\s*(?P<title>[^\n]{3,80})$",
    re.I | re.M,
)


# A role listed on its own line in the opening ("- Senior Backend Engineer | SF", "1. Staff
# ML Engineer"): a post that lists roles under a header names the first as its primary role
# (taxonomy.md). Title-case words only, so a sentence ("- Work with senior engineers") is not one.
_LISTED_ROLE = re.compile(
    r"^[ \t]*(?:[-*•]|\d{1,2}[.)])?[ \t]*(?P<title>(?:(?:[A-Z][\w/+#.()-]*|of|and|&|/|-)[ \t]+){0,6}"
    r"(?:Engineer|Developer|Scientist|Designer|Researcher|Architect|Analyst|Manager|Lead|"
    r"Director|Intern)s?)\b(?=[ \t]*(?:$|[|(–—,]|-\s))",  # the line ends with the role
    re.M,
)


# Or opening a line with what the job is ("Senior Software Engineer: you'll own …",
# "- Staff ML Engineer: https://…"); not a manager's ("Hiring Manager: Jane Doe").
_LISTED_ROLE_LABEL = re.compile(
    r"^[ \t]*(?:[-*•]|\d{1,2}[.)])?[ \t]*(?P<title>(?:(?:[A-Z][\w/+#.()-]*|of|and|&|/|-)[ \t]+){0,6}"
    r"(?:Engineer|Developer|Scientist|Designer|Researcher|Architect|Analyst|Intern)s?):\s",
    re.M,
)


def _listed_role_level(text: str) -> str | None:
    """The level of the first role listed on a line of its own in the opening, if any."""
    opening = text[:OPENING_CHARS]
    first_break = opening.find("\n")
    start = first_break + 1 if first_break != -1 else 0
    listed = [
        match
        for pattern in (_LISTED_ROLE, _LISTED_ROLE_LABEL)
        if (match := pattern.search(opening, start)) is not None
    ]
    if not listed:
        return None
    return _title_level(min(listed, key=lambda match: match.start()).group("title"))


def _may_restate_title(text: str) -> bool:
    """A quick test that spares most postings the `_ROLE_LINE` search."""
    opening = text[:OPENING_CHARS].lower()
    return ":" in opening and (
        "role" in opening or "title" in opening or "position" in opening or "designation" in opening
    )


def _restated_level(text: str) -> str | None:
    """The level of a line of the opening that restates the title ("Role: Gen AI Lead")."""
    restated = _ROLE_LINE.search(text[:OPENING_CHARS]) if _may_restate_title(text) else None
    return _title_level(restated.group("title")) if restated else None


def _title_years_level(title: str) -> str | None:
    """The level of years a title states ("Data Engineer | 4 to 9 Years | Pune")."""
    in_title = _TITLE_YEARS.search(title)
    return level_from_years(int(in_title.group("low"))) if in_title else None


def _years_level(text: str) -> str | None:
    """The level of the years of experience the text asks for."""
    years = years_asked(text[:YEARS_READ_CHARS])
    if years is None and ("(Re" in text or "(re" in text or "(Pr" in text):
        required = [int(m.group("low")) for m in _YEARS_REQUIRED.finditer(text)]
        years = max(required) if required else None
    return level_from_years(years) if years is not None else None


def detect_seniority(title: str, text: str = "") -> str:
    """The seniority slug of a listing: its title's marker, else a level its text states
    for the role (a restated title, the first role it lists, "Seniority: Mid"), else years
    in the title, else the years of experience the text asks for."""
    title, text = (title or "")[:EXTRACTOR_TITLE_CHARS], text[:EXTRACTOR_TEXT_CHARS]
    title = with_job_named_in_text(title, text)  # "Acme | Remote | Full-time": its post's first job
    first_role = _first_listed_role(title)
    level = _title_level(first_role if first_role is not None else title)
    if level is None and text:
        level = (
            _restated_level(text)
            or _listed_role_level(text)
            or _title_years_level(title)
            or _stated_level(text[:OPENING_CHARS].lower())
            or _years_level(text)
        )
    elif level is None:
        level = _title_years_level(title)
    return level or "unspecified"
