"""Remote type (remote / hybrid / onsite / unknown) and its scope (taxonomy.md).

Structured fields decide first (Ashby/Lever `workplaceType`, JSON-LD
`jobLocationType`, a remote-only board), then the location string, then the text: some
days a week in an office (hybrid, unless remote is offered outright), then a stated
arrangement ("Workplace type: Hybrid", a board's tag), the title, a Hacker News header,
and last what the whole text says. In the text, work-mode words count only in their
work sense: "hybrid cloud", "remote sensing", "on-site parking" and "initially remote"
say nothing about the job.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from jobradar.classifier.location import MAX_LOCATION_CHARS, parse_places
from jobradar.classifier.text import EXTRACTOR_TEXT_CHARS, EXTRACTOR_TITLE_CHARS
from jobradar.classifier.words import lowered, word_set

_STRUCTURED = {
    "remote": "remote",
    "fully remote": "remote",
    "telecommute": "remote",
    "remote-only board": "remote",
    "hybrid": "hybrid",
    "onsite": "onsite",
    "on-site": "onsite",
    "on site": "onsite",
    "in office": "onsite",
    "in-office": "onsite",
    "office": "onsite",
}

# The patterns of text passages have no re.I: they run on the lower-cased text, which is
# lowered once per listing instead of case-folded inside every pattern.
_ROLE = r"(?:role|position|job|opportunity|team|post|vacancy|contract)"
# Remote, in the sense of where this job is done.
_REMOTE_STRONG = re.compile(
    r"\b(?:fully|100%|completely|entirely|full[- ]time|permanently|totally)[- ]remote(?:ly)?\b|"
    rf"\bremote[- ](?!teams\b)(?:first|friendly|only|ok|eligible|based|{_ROLE}s?|work(?:ing)?|employees?|"
    r"company|setup|option|possible|available|candidates?|us|usa|uk|eu|europe|global|"
    r"worldwide|within|from|in)\b|"
    rf"\b(?:this|the) {_ROLE} (?:is|can be|will be) (?:fully |100% |also )?(?:remote|done remotely)\b|"
    r"\b(?:work|working|done|performed|operate|based|located)\s+(?:fully\s+|100%\s+)?remotely\b|"
    r"\bremotely[- ]based\b|^\W*remote\W*(?=\n)|"
    rf"\bhome[- ]based\s*(?:[,(]|{_ROLE}\b|working\b|with\b)|"
    r"\bwork (?:from|at) (?:home|anywhere)\b|\bworking from anywhere\b|\bwfh\b|\btelecommut\w*|"
    r"\bor (?:a |in a )?remote (?:location|role|position|basis)\b|"
    r"\b(?:or|and|/)\s*remote\b|\bremote\s*(?:or|/|\(|,|-|–|\||\+)|"
    r"\(\s*remote\s*\)|\s[-–]\s*remote\b|\bremote\s+mostly\b|\b(?:mostly|primarily)\s+(?:on\s+a\s+)?remote\b",
    re.M,
)
_REMOTE_NOT_JOB = re.compile(
    r"^[\s-]*(?:sensing|monitoring|access|patient|server|servers|desktop|control|usability|"
    r"notebooks?|teams? and|and (?:geographically )?distributed|presences?|sites?|locations?|"
    r"procedures?|repositor\w*|colleagues|customers|clients|meetings?|interviews?|onboarding)\b",
)
# Some days of the week, not the job, right before "remote": "2 days remote", "80% remote".
_DAYS_BEFORE = (
    r"\b(?:[1-4]|one|two|three|four)(?:\s*(?:-|–|to)\s*[1-5])?\s*(?:days?|x)"
    r"(?:\s*(?:a|per|/)\s*(?:week|wk))?\s*$|\b[1-9]\d%\s*$"
)
_SOME_DAYS_BEFORE = re.compile(_DAYS_BEFORE)
_REMOTE_CAVEAT = re.compile(
    r"(?:initial(?:ly)?|temporar\w*|until|during|covid|pandemic|potential for|available to be|"
    r"roles? that (?:are|is)|eligible roles|some roles|certain roles|benefits?\s*:?\s*|"
    rf"policy)[^.\n]{{0,30}}$|{_DAYS_BEFORE}|"
    r"\bexperience (?:in |of |with )?$",  # a skill asked for: "experience working remotely with"
)
_REMOTE_AFTER_CAVEAT = re.compile(
    r"^[^.\n]{0,30}(?:initially|temporar\w*|until|during covid|due to covid|for now|policy|"
    r"for the first|arrangements?\b(?! is possible)|to (?:start|begin)\b|then\b|"
    r"for the fore?see?able)",  # "Remote to begin with, then Central London"
)
_NOT_REMOTE = re.compile(
    r"\b(?:not|no|non)[- ](?:a\s)?(?:fully\s)?remote\b|\bremote (?:work )?is not (?:possible|available|an option)\b",
)
_REMOTE_OPTION = re.compile(
    r"\bor (?:fully )?remote\b|\bremote or\b|\bremote[- ](?:option|optional|possible|friendly|"
    r"first|eligible|ok)\b|\b(?:fully|100%|completely|entirely)[- ]remote(?:ly)?\b|/\s*remote\b|"
    r"\bwork(?:ing)? from anywhere\b|\bor (?:a |in a )?remote (?:location|role|position|basis)\b|"
    r"\bremote (?:positions?|roles?|work(?:ing)?)?\s*(?:is|are) (?:negotiable|possible|available|"
    r"considered|an option)\b|\bremote (?:work )?arrangement is possible\b",
)
_HYBRID = re.compile(
    r"(?:\b[Hh]|(?<=[a-z])H|\bH)(?:ybrid|YBRID)\b"
)  # "supportHybrid work": glued text
_HYBRID_OTHER_SENSE = re.compile(  # used with .match(text, pos): anchored there
    r"[\s-]*(?:cloud|clouds|app|apps|application|applications|mobile|development|search|"
    r"models?|modell?ing|approach|approaches|infrastructure|environments?|architecture|"
    r"architectures|systems?|vehicles?|integration|solutions?|deployments?|networks?|"
    r"methods?|algorithms?|recommender|retrieval|storage|quantum|classical|data|it|"
    r"multi-cloud|on-prem\w*|technologies|platforms?|setups?|workloads?|engines?|rag|ml|ai|"
    r"physical|indices|indexes|index|strateg\w*|sales|customer|events?|loads?|"
    r"(?:and|or|/)\s*(?:multi|on-?prem|cloud))\b",
)
_OFFICE_DAYS = re.compile(
    r"office[^.\n]{0,40}?\b(?:[1-4]|one|two|three|four)(?:\s*(?:-|to|or)\s*(?:[1-5]|two|three|four|five))?"
    r"\s*(?:days?|times)\s*(?:a|per|/|each|every)\s*(?:week|wk)|"
    r"\b(?:[1-4]|one|two|three|four)(?:\s*(?:-|to|or)\s*(?:[1-5]|two|three|four|five))?\s*(?:days?|times)"
    r"\s*(?:a|per|/|each|every)?\s*(?:week|wk)?\s*(?:in|at|from|on)[\s-]*(?:the|our|an?)?\s*"
    r"(?:[a-z][\w ]{0,25}\s)?(?:office|hq|studio|hub|site)|"
    r"\b(?:[1-4]|one|two|three|four)(?:\s*(?:-|to|or)\s*(?:[1-5]|two|three|four|five))?\s*days?\s*(?:a|per|/)\s*"
    r"(?:week|wk)\s+office\b|"
    r"\b(?:work from home|remote working|wfh) flexibility|flexible (?:hybrid|home) working",
)


# Some days a week (or month) in an office or on site, or some days remote: hybrid
# (taxonomy.md), and more specific than the "ONSITE", "Remote" or "In person" said with
# it: "ONSITE (3 days/week)", "London (2 days onsite)", "Remote working 2-3x/week",
# "Onsite (2 days remote OK)", "80% remote", "in the office on Tuesdays and Thursdays".
_SOME = (
    r"(?:[1-4]|one|two|three|four|once|twice)(?:\s*(?:-|–|to|or)\s*(?:[1-5]|two|three|four|five))?"
)
_A_WEEK = r"(?:\s*(?:a|per|/|each|every|p)\s*(?:week|wk|w|month)\b)"
_TIMES = rf"\s*(?:days?|d|x|times)?{_A_WEEK}|\s*days?\b"
_PLACE = r"(?:office|offices|on[- ]?site|in[- ]office|in[- ]person|hq|studio|hub|site)"
_SOME_DAYS = re.compile(
    rf"\b(?:{_PLACE}|hybrid)\W{{0,3}}[^.\n]{{0,40}}?\b{_SOME}(?:{_TIMES})|"  # "onsite (4 days/week)"
    rf"\b{_SOME}(?:{_TIMES}){_A_WEEK}?[\s-]*(?:(?:in|at|from|on|to|work[- ]from)[\s-]+)?"
    rf"(?:the\s+|our\s+|an?\s+|your\s+)?(?:[a-z][\w ]{{0,25}}\s)?{_PLACE}\b|"  # "2-3 days onsite"
    rf"\b(?:remote(?:ly)?|from home|wfh)\b[^.\n]{{0,20}}?\b{_SOME}(?:{_TIMES})|"  # "remote 2x/week"
    rf"\b{_SOME}\s*days?{_A_WEEK}?\s*(?:remote|at home|from home|work[- ]from[- ]home|wfh)\b|"
    r"\b[1-9]\d%\s*(?:\([^)]{0,12}\)\s*)?(?:remote|on[- ]?site|in[- ]office|office)\b|"  # "80% remote"
    r"\b(?:in|to) the office on (?:mon|tue|wed|thu|fri)\w*"
)


# Every form of `_SOME_DAYS` has a count of days right before one of these words, and a
# place or remote work near it: each occurrence is checked for both with cheap string
# tests before the search (searching whole texts costs more than the rest of this module).
_DAY_UNITS = ("day", "week", "wk", "month", "%", "office on ")
_COUNT_BEFORE = re.compile(
    rf"(?:\b|\d){_SOME}\s*(?:days?|d|x|times)?\s*(?:a|per|/|each|every|p)?\s*$"
)
_PLACE_WORDS = (
    "office",
    "site",
    "remote",
    "home",
    "hybrid",
    "person",
    "hq",
    "studio",
    "hub",
    "wfh",
)
_DAYS_GATE = frozenset(  # the same, as words of `word_set`
    b"office offices onsite site remote remotely home hybrid person hq studio hub wfh".split()
)


def _some_days(lower: str) -> re.Match[str] | None:
    """A statement of some days in the office, or some days remote, if the text has one."""
    if _DAYS_GATE.isdisjoint(word_set(lower)):
        return None
    for unit in _DAY_UNITS:
        for position in _positions(lower, unit):
            lead = lower[max(0, position - 16) : position]
            if unit == "%":
                if not lead[-2:].isdigit():
                    continue  # "80% remote"
            elif unit[0] != "o" and not _COUNT_BEFORE.search(lead):
                continue
            start, end = max(0, position - 100), position + 90
            window = lower[start:end]
            if any(word in window for word in _PLACE_WORDS):
                found = _SOME_DAYS.search(lower, start, end)
                if found:
                    return found
    return None


def _may_state_days(window: str) -> bool:
    """Whether `_OFFICE_DAYS` can match: a quick test that spares most windows its slow search."""
    return "day" in window or "time" in window or "flexib" in window


# On site, in the sense of where this job is done (not "onsite gym" or "in-person interview").
_ONSITE_STRONG = re.compile(
    rf"\b(?:this|the) {_ROLE} is (?:based )?(?:fully |100% )?(?:on[- ]?site|in[- ]office|in[- ]person)\b|"
    rf"\b(?:on[- ]?site|in[- ]office|in[- ]person|office[- ]based)[- ](?:{_ROLE}|only|required|"
    r"from day|work|working|5 days|five days|full[- ]time)\b|"
    r"\b(?:100%|fully|full[- ]time|entirely|exclusively)\s+(?:on[- ]?site|in[- ]office|in[- ]person|office[- ]based)\b|"
    r"\bwork(?:ing)? (?:from|in|at) (?:the |our |an )?office\b(?! 365)|"
    r"\b(?:based|located|sit|report|work(?:ing)?|join us)\s+(?:in|at|out of|from)\s+(?:our|the|one of our)\s"
    r"[^.\n]{0,40}?\b(?:office|offices|hq|headquarters|campus|studio)\b(?! 365)|"
    r"\bexclusively based\b|\bmust (?:be able to )?(?:work|sit|be) (?:on[- ]?site|in (?:the )?office)\b|"
    r"\b5 days (?:a|per) week (?:in|at|on)\b|\brelocation (?:is )?required\b|"
    r"\((?:on[- ]?site|in[- ]office|in[- ]person)[^)]{0,20}\)|"
    # "sit onsite in Grapevine, TX", "in-office in Sunnyvale", a line "Onsite, Newport Beach"
    r"\b(?:on[- ]?site|in[- ]office)\s+(?:in|at)\s+(?!least\b|the (?:first|beginning|start)\b)|"
    r"(?:^|\n)\W*on[- ]?site\s*[,:(–-][^\n]{0,35}(?:\n|$)|\b(?:sit|located|be|based)\s+on[- ]?site\b|"
    r"\bin[- ]office company\b|\boffice\s+(?:5|five) days\b|(?:^|\n)\W*office[- ]based in\b|"
    r"\b(?:5|five) days (?:a week )?in (?:the |our )?office\b|[,|(-]\s*office[- ]based\b|"
    r"\boffice[- ]based (?:[a-z]+ ){0,3}(?:engineer|developer|scientist|analyst|specialist)\b|"
    # job boards' fields of in-person work: "Ability to Commute: Pune (Required)"
    r"\bability to (?:reliably )?(?:commute|relocate)\b[^\n]{0,80}\(required\)",
)
_HEADER_OFFICE = re.compile(r"\bin (?:our|the) [^|]{0,30}?\b(?:office|offices|hq|headquarters)\b")
_ONSITE_WORD = re.compile(r"\b(?:on[- ]?site|in[- ]office|in[- ]person)\b", re.I)
# Keywords whose surroundings are read, each with the words one of which the text must
# contain for the keyword to matter (None: always looked for). Most postings lack most
# keywords, and a set lookup is much cheaper than a scan of the text.
_Keys = tuple[tuple[str, frozenset[bytes] | None], ...]


def _keys(*pairs: tuple[str, str | None]) -> _Keys:
    return tuple((key, frozenset(gate.encode().split()) if gate else None) for key, gate in pairs)


_REMOTE_KEYS = _keys(
    ("remote", "remote remotely"),
    ("home", "home"),
    ("telecommut", None),
    ("wfh", "wfh"),
    ("anywhere", "anywhere"),
)
_OFFICE_KEYS = _keys(
    ("office", None),
    ("onsite", None),
    ("on-site", "site"),
    ("on site", "site"),
    ("in person", "person"),
    ("in-person", "person"),
    ("relocat", None),
    ("hq", None),
    ("headquarters", "headquarters"),
    ("campus", None),
    ("studio", None),
    ("5 days", "days"),
    ("commut", None),
)
_ARRANGEMENT_KEYS = _keys(
    ("location", "location"),
    ("workplace", "workplace"),
    ("arrangement", "arrangement"),
    ("work model", "model"),
    ("working model", "model"),
    ("work mode", "mode"),
    ("work setup", "setup"),
    ("work style", "style"),
    ("work type", "type"),
    ("working pattern", "pattern"),
    ("working style", "style"),
    ("remote status", "status"),
    ("designed as", "designed"),
    ("telecommut", None),
)
# A stated arrangement ("Work Location: In person", "Workplace type: Hybrid", "This role
# has been designed as 'Onsite'") decides alone.
_ARRANGEMENT = re.compile(
    r"(?:\b(?:location|work(?:place)? location|location type|work(?:place)? (?:type|arrangement|model|mode|"
    r"setup|style)|working (?:model|pattern|arrangement|style)|remote status)\s*[:\-–]\s*"
    r"(?:[^\n:]{0,30}?[\s,(/])??|"  # the first mode named: "Location: Remote or Onsite"
    r"\b(?:role|position|job) (?:has been |is )?designed as\W{0,3}|"
    r"\btelecommut\w*(?: options?)?\s*[:\-–]\s*)"  # an ATS field: "Telecommuting Options: Onsite"
    r"(?P<mode>fully remote|remote|anywhere|hybrid(?: remote)?|in[- ]person|on[- ]?site|in[- ]office)\b",
)
_LOCATION_WORDS = {
    "remote": re.compile(r"\bremote\b|\banywhere\b|\bworldwide\b|\btelecommute\b", re.I),
    "hybrid": re.compile(r"\bhybrid\b", re.I),
    "onsite": re.compile(r"\bon[- ]?site\b|\bin[- ]office\b|\bin person\b", re.I),
}


# "Data Architect (Remote)", "Generative AI Engineer - Remote": the title states the mode.
_TITLE_MODE = re.compile(
    r"[(\[]\s*(?:remote|hybrid|on-?site)\b|[-–—,:]\s*(?:fully\s+)?(?:remote|hybrid|on-?site)\s*(?:[)\]]|$)",
    re.I,
)


@dataclass(frozen=True)
class WorkMode:
    """How and where a job is done, and what told us."""

    remote_type: str
    countries: list[str] = field(default_factory=list)
    regions: list[str] = field(default_factory=list)
    evidence: str = ""

    @property
    def scope(self) -> str | None:
        """ "US, CA" or "EMEA": where a remote job may be done, when stated."""
        places = [*self.countries, *self.regions]
        return ", ".join(places) if places else None


def _structured(value: str | None) -> str | None:
    if not value:
        return None
    return _STRUCTURED.get(" ".join(value.lower().replace("_", " ").split()))


def _mode_in_location(location: str | None) -> str | None:
    if not location:
        return None
    found = [mode for mode, pattern in _LOCATION_WORDS.items() if pattern.search(location)]
    if "remote" in found:
        return "remote"  # "Remote or Hybrid (NYC)": remote is an option
    return found[0] if found else None


def _first_line_modes(line: str) -> set[str]:
    """Modes in a header line ("Acme | ML Engineer | NYC | ONSITE or REMOTE")."""
    modes: set[str] = set()
    lower = line.lower()
    says_remote = any(
        "remote" not in found.group(0)  # "WFH", "work from anywhere"
        or not _SOME_DAYS_BEFORE.search(lower, max(0, found.start() - 20), found.start())
        for found in re.finditer(rf"{_REMOTE_STRONG.pattern}|\bremote\b", lower, re.M)
    )  # "Hybrid (2 days remote, 3 in NYC)": some days remote are no remote offer
    if says_remote and not _NOT_REMOTE.search(lower):
        modes.update(("remote", "remote-option"))  # in a header, "Remote" is offered outright
    if _HYBRID.search(line) or _OFFICE_DAYS.search(lower):
        modes.add("hybrid")  # "NYC Onsite (4-5 days in-office)": office days are hybrid
    if _ONSITE_WORD.search(line) or _HEADER_OFFICE.search(lower):
        modes.add("onsite")
    return modes


def _positions(lower: str, keyword: str) -> Iterator[int]:
    """Where `keyword` occurs in `lower` (str.find, fast)."""
    position = lower.find(keyword)
    while position != -1:
        yield position
        position = lower.find(keyword, position + len(keyword))


def _windows(lower: str, keywords: _Keys, before: int, after: int) -> list[tuple[int, int]]:
    """Merged spans around every occurrence of the keywords (found with str.find, fast)."""
    present = word_set(lower)
    spans = []
    for keyword, gate in keywords:
        if gate is not None and gate.isdisjoint(present):
            continue
        position = lower.find(keyword)
        while position != -1:
            spans.append((max(0, position - before), position + len(keyword) + after))
            position = lower.find(keyword, position + len(keyword))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


@functools.lru_cache(maxsize=8)
def _remote_modes(lower: str) -> frozenset[str]:
    """The remote statements of a lower-cased text ("remote", "remote-option", "onsite"
    for a denial), read once per text: the days rule, a header and the text all ask."""
    modes: set[str] = set()
    for start, end in _windows(lower, _REMOTE_KEYS, 60, 60):
        if _NOT_REMOTE.search(lower, start, end):
            modes.add("onsite")
        for match in _REMOTE_STRONG.finditer(lower, start, end):
            before = lower[max(0, match.start() - 40) : match.start()]
            after = lower[match.end() : match.end() + 30]
            if _REMOTE_NOT_JOB.match(after) or _REMOTE_CAVEAT.search(before):
                continue
            if _REMOTE_AFTER_CAVEAT.match(after) or _NOT_REMOTE.search(
                lower, max(0, match.start() - 8), match.end()
            ):
                continue
            modes.add("remote")
            if _REMOTE_OPTION.search(lower, max(0, match.start() - 12), match.end() + 30):
                modes.add("remote-option")
    return frozenset(modes)


# LinkedIn's and Built In's work-mode tags ("#LI-Hybrid"): weighed with the rest of the
# text, since an employer's tag can lag what the text offers ("fully-remote work in ...").
_TAGS = re.compile(r"#(?:li|bi)-(?P<mode>remote|hybrid|on-?site)\b")


def _text_modes(lower: str) -> set[str]:
    """The work modes a lower-cased text states in their work sense."""
    modes = set(_remote_modes(lower))
    if "#li-" in lower or "#bi-" in lower:
        modes.update(
            tag.group("mode").replace("-", "").replace("remote", "remote-option")
            for tag in _TAGS.finditer(lower)
        )
    position = lower.find("hybrid")
    while position != -1:
        if not _HYBRID_OTHER_SENSE.match(lower, position + 6, position + 32):
            modes.add("hybrid")
            break
        position = lower.find("hybrid", position + 6)
    for start, end in _windows(lower, _OFFICE_KEYS, 80, 60):
        if (
            "hybrid" not in modes
            and _may_state_days(lower[start:end])
            and _OFFICE_DAYS.search(lower, start, end)
        ):
            modes.add("hybrid")
        if "onsite" not in modes and _ONSITE_STRONG.search(lower, start, end):
            modes.add("onsite")
    return modes


def _arrangement(lower: str) -> re.Match[str] | None:
    for start, end in _windows(lower, _ARRANGEMENT_KEYS, 30, 60):
        for stated in _ARRANGEMENT.finditer(lower, start, end):
            if "remote" in stated.group("mode") and _REMOTE_AFTER_CAVEAT.match(lower, stated.end()):
                continue  # "LOCATION - Remote to begin with, then Central London"
            return stated
    return None


# A job board's work-mode tag in the page header it was copied with (Adzuna's "REMOTE",
# glued to its "NEW" and "EASY APPLY" tags when the page became text).
_BOARD_TAG = re.compile(r"^(?:new|easy apply)*(?P<mode>remote|hybrid)$", re.M)
_BOARD_HEADER_CHARS = 600


def _board_tag(lower: str) -> str | None:
    if "remote" not in lower[:_BOARD_HEADER_CHARS] and "hybrid" not in lower[:_BOARD_HEADER_CHARS]:
        return None
    tag = _BOARD_TAG.search(lower, 0, _BOARD_HEADER_CHARS)
    return tag.group("mode") if tag else None


def _decide(modes: set[str]) -> str:
    if "remote-option" in modes:
        return "remote"
    if "hybrid" in modes:
        return "hybrid"
    if "remote" in modes:
        return "remote"
    if "onsite" in modes:
        return "onsite"
    return "unknown"


def detect_work_mode(
    *,
    title: str = "",
    text: str = "",
    location: str | None = None,
    workplace: str | None = None,
    location_requirements: Sequence[str] = (),
) -> WorkMode:
    """The remote type and scope of a listing (taxonomy.md, "Remote type")."""
    title, text = title[:EXTRACTOR_TITLE_CHARS], text[:EXTRACTOR_TEXT_CHARS]
    location = location[:MAX_LOCATION_CHARS] if location else location
    workplace = workplace[:MAX_LOCATION_CHARS] if workplace else workplace
    # A "Company | Role | Place | REMOTE" header is where Hacker News posts say where.
    countries, regions = parse_places(location or (title if title.count("|") >= 2 else None))
    for requirement in location_requirements:
        more_countries, more_regions = parse_places(requirement)
        countries += [c for c in more_countries if c not in countries]
        regions += [r for r in more_regions if r not in regions]

    mode, evidence = _mode_of(title, text, location, workplace)
    return WorkMode(mode, countries, regions, evidence)


def _arrangement_mode(stated: re.Match[str]) -> str:
    word = stated.group("mode").lower()
    if "hybrid" in word or _SOME_DAYS.search(stated.group(0).lower()):
        return "hybrid"  # "Work model: Two days in-office"
    return "remote" if word in {"remote", "fully remote", "anywhere"} else "onsite"


def _stated_mode(full: str, lower: str) -> tuple[str, str] | None:
    """A work mode the text states as a field: "Workplace type: Hybrid", a board's tag."""
    stated = _arrangement(lower)
    if stated:
        said = full[stated.start() : stated.end()] if len(full) == len(lower) else stated.group(0)
        return _arrangement_mode(stated), f"text: {said}"
    tag = _board_tag(lower)
    return (tag, f"board tag: {tag}") if tag is not None else None


def _mode_of(title: str, text: str, location: str | None, workplace: str | None) -> tuple[str, str]:
    """The remote type and what said it, from the most to the least specific source."""
    mode = _structured(workplace) or _mode_in_location(location)
    if mode is not None:
        return mode, f"structured: {workplace}" if _structured(
            workplace
        ) else f"location: {location}"
    full = f"{title}\n{text}"
    lower = lowered(full)
    head = _first_line_modes(title) if title.count("|") >= 2 else set()
    days = _some_days(lower)
    if days is not None and "remote-option" not in head | _remote_modes(lower):
        return "hybrid", f"text: {days.group(0)}"  # unless remote is offered outright
    stated = _stated_mode(full, lower)
    if stated is not None:
        return stated
    title_mode = _mode_in_location(title) if _TITLE_MODE.search(title) else None
    if title_mode is not None:
        return title_mode, f"title: {title}"
    if head:  # a "Company | Role | Place | REMOTE" header states the mode; its text may add
        # remote as an option ("ONSITE" above "Remote positions are negotiable")
        return _decide(head | ({"remote-option"} & _remote_modes(lower))), f"header: {title}"
    modes = _text_modes(lower)
    return _decide(modes), "text" if modes else ""
