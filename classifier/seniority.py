"""Seniority from the title, then a level the body states, then the years asked for.

taxonomy.md, "Seniority": title markers decide first; when markers clash the
stronger wins (Staff/Principal > Senior > Associate); "Manager"/"VP" used as a job
name rather than people management (Account Manager, Technical Program Manager)
does not make a manager; without a marker, the minimum years of experience asked
for decide (0–2 junior, 3–5 mid, 6+ senior); company level codes (L4, E5) do not.
"""

from __future__ import annotations

import re

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
            r"(?i:\b(?:junior|jr\.?|entry[- ]level|entry|graduate|graduates|grad|new grad|"
            r"college hire|fresher|freshers|apprentice|trainee|"
            r"associate(?! (?:director|principal|vice president|vp|partner|manager)))\b)|"
            r"(?<=\w)\s+I\b(?!\s*/)|(?i:\b(?:level|lvl)\s*1\b)|\s1$|(?<=[A-Za-z])\s1(?=\s+[-–(|,])",
        ),
    ),
    (
        "mid",
        re.compile(
            r"(?i:\b(?:mid[- ]?level|intermediate|mid)\b|\b(?:level|lvl)\s*2\b)|\sII\b|\s2$|"
            r"(?<=[A-Za-z])\s2(?=\s+[-–(|,])"
        ),
    ),
    (
        "senior",
        re.compile(
            r"(?i:\b(?:senior|snr\.?|sr\.?|experienced|mid[- ]senior)\b|\b(?:level|lvl)\s*[34]\b)|"
            r"\sIII\b|\s[34]$(?<![A-Z]\d)|(?<=[A-Za-z])\s[34](?=\s+[-–(|,])"
        ),
    ),
    (
        "lead",
        re.compile(
            r"(?i:\b(?:staff|principal|lead|leads|distinguished|fellow|tech lead|architect|"
            r"team lead|chief architect)\b)|\s(?:IV|V)\b",
        ),
    ),
    (
        "manager",
        re.compile(
            r"\b(?:manager|managers|mgr|head of|head,|director|directors|vp|vice president|chief|"
            r"cto|ceo|cio|cdo|cfo|svp|evp|founder|co-founder|managing)\b|^head\b",
            re.I,
        ),
    ),
]
# "Manager" as a job name rather than managing people (taxonomy.md): these decide nothing.
_MANAGER_JOB_NAME = re.compile(
    r"\b(?:program|programme|product|project|account|development|relations|pr|engagement|"
    r"support|success|community|relationship|delivery|case|content|release|scrum)\s+(?:manager|mgr)\b",
    re.I,
)
_PEOPLE_MANAGER = re.compile(
    r"\b(?:engineering|research|science|data science|machine learning|ml|ai|analytics|"
    r"software|infrastructure|platform|team|people)\s+(?:manager|mgr)\b|\bhead of\b|"
    r"\bdirector\b|\b(?:vp|svp|evp|vice president|chief|cto|cdo|cio|ceo)\b",
    re.I,
)
_NOT_A_LEVEL = re.compile(
    r"\b(?:member of (?:the )?technical staff|lead (?:generation|development|gen)|staffing|"
    r"lead[- ]?to|leading)\b",
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
        (("seeking", "looking for", "hiring", "searching for", "recruiting", "need"), _LEVEL_WORDS),
        re.compile(
            r"(?:seeking|looking for|hiring|searching for|recruiting|need)\s+(?:an?\s+)?(?:[\w-]+\s+){0,3}?"
            r"(?P<level>senior|junior|mid-level|entry-level|staff|principal)\s+(?:[\w/&-]+\s+){0,3}?"
            r"(?:engineer|developer|scientist|analyst|architect|researcher|specialist|consultant)s?\b"
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
_YEARS = re.compile(
    r"(?P<low>\d{1,2})\s*(?:\+|plus)?\s*(?:(?:-|–|to)\s*(?P<high>\d{1,2})\s*)?\+?\s*"
    r"(?:years?|yrs?)\b(?:\s*(?:of|'|’)?\s*(?:\w+\s+){0,4}?(?:experience|exp\b|work))|"
    r"\b(?:experience|exp)\s*[:\-–]\s*(?P<low2>\d{1,2})\s*\+?\s*(?:(?:-|–|to)\s*\d{1,2}\s*)?\+?\s*"
    r"(?:years?|yrs?)\b"  # "Exp: 3-8 Years"
)
# Years and stated levels count in the opening of the posting only. Deep in the text
# they belong to boilerplate or other roles; on the reference labels a years rule
# agrees with 78% of readings in the first 1,000 characters and 9% after them.
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
    title = _NOT_A_LEVEL.sub(" ", _LEVEL_CODE.sub(" ", title))
    found = [level for level, pattern in _TITLE_MARKERS if pattern.search(title)]
    if "manager" in found and _MANAGER_JOB_NAME.search(title) and not _PEOPLE_MANAGER.search(title):
        found.remove("manager")  # "Technical Program Manager" names a job, not a team
    if not found:
        return None
    if "intern" in found:
        return "intern"
    return max(found, key=_ORDER.index)


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


def years_asked(text: str) -> int | None:
    """The minimum years of experience the posting asks for (its first requirement)."""
    text = text.lower()
    if "year" not in text and "yr" not in text:
        return None  # the pattern is slow to fail; `in` is fast
    for match in _YEARS.finditer(text):
        low = int(match.group("low") or match.group("low2"))
        if low > 30:
            continue  # "50 years of experience" describes a company, not a requirement
        return low
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
    r"^\W*(?:role|job title|position|job role|title)\s*[:\-–]\s*(?P<title>[^\n]{3,80})$",
    re.I | re.M,
)


def _may_restate_title(text: str) -> bool:
    """A quick test that spares most postings the `_ROLE_LINE` search."""
    opening = text[:OPENING_CHARS].lower()
    return ":" in opening and ("role" in opening or "title" in opening or "position" in opening)


def detect_seniority(title: str, text: str = "") -> str:
    """The seniority slug of a listing."""
    level = _title_level(title or "")
    if level is not None:
        return level
    restated = _ROLE_LINE.search(text[:OPENING_CHARS]) if _may_restate_title(text) else None
    if restated:  # "Role: Gen AI Lead" under a bare "Generative AI Engineer"
        level = _title_level(restated.group("title"))
        if level is not None:
            return level
    in_title = _TITLE_YEARS.search(title or "")
    if in_title:  # "Data Engineer | 4 to 9 Years | Pune"
        return level_from_years(int(in_title.group("low")))
    if text:
        opening = text[:OPENING_CHARS].lower()
        level = _stated_level(opening)
        if level is not None:
            return level
        years = years_asked(opening)
        if years is None and ("(Re" in text or "(re" in text or "(Pr" in text):
            required = [int(m.group("low")) for m in _YEARS_REQUIRED.finditer(text)]
            years = max(required) if required else None
        if years is not None:
            return level_from_years(years)
    return "unspecified"
