"""Remote type (remote / hybrid / onsite / unknown) and its scope (taxonomy.md).

Structured fields decide first (Ashby/Lever `workplaceType`, JSON-LD
`jobLocationType`, a remote-only board), then the location string, then the text.
In the text, work-mode words count only in their work sense: "hybrid cloud",
"remote sensing", "on-site parking" and "initially remote" say nothing about the job.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from jobradar.classifier.location import parse_places
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
    rf"\bremote[- ](?:first|friendly|only|ok|eligible|based|{_ROLE}s?|work(?:ing)?|employees?|"
    r"company|setup|option|possible|available|candidates?|us|usa|uk|eu|europe|global|"
    r"worldwide|within|from|in)\b|"
    rf"\b(?:this|the) {_ROLE} (?:is|can be|will be) (?:fully |100% |also )?(?:remote|done remotely)\b|"
    r"\b(?:work|working|done|performed|operate|based|located)\s+(?:fully\s+|100%\s+)?remotely\b|"
    r"\bremotely[- ]based\b|^\W*remote\W*(?=\n)|"
    r"\bwork (?:from|at) (?:home|anywhere)\b|\bwfh\b|\btelecommut\w*|"
    r"\b(?:or|and|/)\s*remote\b|\bremote\s*(?:or|/|\(|,|-|–|\||\+)",
    re.M,
)
_REMOTE_NOT_JOB = re.compile(
    r"^[\s-]*(?:sensing|monitoring|access|patient|server|servers|desktop|control|usability|"
    r"notebooks?|teams? and|and (?:geographically )?distributed|presences?|sites?|locations?|"
    r"procedures?|repositor\w*|colleagues|customers|clients|meetings?|interviews?|onboarding)\b",
)
_REMOTE_CAVEAT = re.compile(
    r"(?:initial(?:ly)?|temporar\w*|until|during|covid|pandemic|potential for|available to be|"
    r"roles? that (?:are|is)|eligible roles|some roles|certain roles|benefits?\s*:?\s*|"
    r"policy)[^.\n]{0,30}$",
)
_REMOTE_AFTER_CAVEAT = re.compile(
    r"^[^.\n]{0,30}(?:initially|temporar\w*|until|during covid|due to covid|for now|policy|"
    r"for the first|arrangements?\b)",
)
_NOT_REMOTE = re.compile(
    r"\b(?:not|no|non)[- ](?:a\s)?(?:fully\s)?remote\b|\bremote (?:work )?is not (?:possible|available|an option)\b",
)
_REMOTE_OPTION = re.compile(
    r"\bor (?:fully )?remote\b|\bremote or\b|\bremote[- ](?:option|optional|possible|friendly|"
    r"first|eligible|ok)\b|\b(?:fully|100%|completely|entirely) remote\b|/\s*remote\b|"
    r"\bwork(?:ing)? from anywhere\b",
)
_HYBRID = re.compile(
    r"(?:\b[Hh]|(?<=[a-z])H|\bH)(?:ybrid|YBRID)\b"
)  # "supportHybrid work": glued text
_HYBRID_OTHER_SENSE = re.compile(  # used with .match(text, pos): anchored there
    r"[\s-]*(?:cloud|clouds|app|apps|application|applications|mobile|development|search|"
    r"models?|modell?ing|approach|approaches|infrastructure|environments?|architecture|"
    r"architectures|systems?|vehicles?|integration|solutions?|deployments?|networks?|"
    r"methods?|algorithms?|recommender|retrieval|storage|quantum|classical|data|it|"
    r"multi-cloud|on-prem|technologies|platforms?|setups?|workloads?|engines?|rag|ml|ai)\b",
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
    r"\b(?:based|located|sit|report|work(?:ing)?)\s+(?:in|at|out of|from)\s+(?:our|the|one of our)\s"
    r"[^.\n]{0,40}?\b(?:office|offices|hq|headquarters|campus|studio)\b(?! 365)|"
    r"\bexclusively based\b|\bmust (?:be able to )?(?:work|sit|be) (?:on[- ]?site|in (?:the )?office)\b|"
    r"\b5 days (?:a|per) week (?:in|at|on)\b|\brelocation (?:is )?required\b|"
    r"\((?:on[- ]?site|in[- ]office|in[- ]person)[^)]{0,20}\)",
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
)
# A stated arrangement ("Work Location: In person", "Workplace type: Hybrid", "This role
# has been designed as 'Onsite'") decides alone.
_ARRANGEMENT = re.compile(
    r"(?:\b(?:location|work(?:place)? location|location type|work(?:place)? (?:type|arrangement|model|mode|"
    r"setup|style)|working (?:model|pattern|arrangement|style)|remote status)\s*[:\-–]\s*"
    r"(?:[^\n:]{0,30}?[\s,(/])?|"
    r"\b(?:role|position|job) (?:has been |is )?designed as\W{0,3})"
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
    says_remote = _REMOTE_STRONG.search(lower) or re.search(r"\bremote\b", lower)
    if says_remote and not _NOT_REMOTE.search(lower):
        modes.update(("remote", "remote-option"))  # in a header, "Remote" is offered outright
    if _HYBRID.search(line) or _OFFICE_DAYS.search(lower):
        modes.add("hybrid")  # "NYC Onsite (4-5 days in-office)": office days are hybrid
    if _ONSITE_WORD.search(line) or _HEADER_OFFICE.search(lower):
        modes.add("onsite")
    return modes


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


def _remote_modes(lower: str) -> set[str]:
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
            if _REMOTE_OPTION.search(lower, max(0, match.start() - 12), match.end() + 12):
                modes.add("remote-option")
    return modes


def _text_modes(lower: str) -> set[str]:
    """The work modes a lower-cased text states in their work sense."""
    modes = _remote_modes(lower)
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
        stated = _ARRANGEMENT.search(lower, start, end)
        if stated:
            return stated
    return None


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
    # A "Company | Role | Place | REMOTE" header is where Hacker News posts say where.
    countries, regions = parse_places(location or (title if title.count("|") >= 2 else None))
    for requirement in location_requirements:
        more_countries, more_regions = parse_places(requirement)
        countries += [c for c in more_countries if c not in countries]
        regions += [r for r in more_regions if r not in regions]

    mode = _structured(workplace)
    if mode is not None:
        return WorkMode(mode, countries, regions, f"structured: {workplace}")
    mode = _mode_in_location(location)
    if mode is not None:
        return WorkMode(mode, countries, regions, f"location: {location}")
    full = f"{title}\n{text}"
    lower = lowered(full)
    stated = _arrangement(lower)
    if stated:
        word = stated.group("mode").lower()
        mode = (
            "hybrid"
            if "hybrid" in word
            else "remote"
            if word in {"remote", "fully remote", "anywhere"}
            else "onsite"
        )
        said = full[stated.start() : stated.end()] if len(full) == len(lower) else stated.group(0)
        return WorkMode(mode, countries, regions, f"text: {said}")
    title_mode = _mode_in_location(title) if _TITLE_MODE.search(title) else None
    if title_mode is not None:
        return WorkMode(title_mode, countries, regions, f"title: {title}")
    if title.count("|") >= 2:  # a "Company | Role | Place | REMOTE" header states the mode
        head = _first_line_modes(title)
        if head:
            return WorkMode(_decide(head), countries, regions, f"header: {title}")
    modes = _text_modes(lower)
    return WorkMode(_decide(modes), countries, regions, "text" if modes else "")
