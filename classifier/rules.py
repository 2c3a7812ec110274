"""High-precision title rules for the role taxonomy.

Each rule names a role only when the title says so unmistakably (taxonomy.md,
deciding rule 1: the title decides when it names a role). Titles no rule covers
get None and are left to the trained model.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Protocol

from jobradar.classifier.titles import first_role_title


class _Finder(Protocol):
    def search(self, text: str) -> re.Match[str] | None: ...


@dataclass(frozen=True)
class _InOrder:
    """`first`, then later `then`: the regex `first.*then` in linear time.

    A regex's `.*` rescans the rest of the title from every place `first` matches, which
    is quadratic in the title's length ("ML / " ten thousand times took a minute).
    """

    first: re.Pattern[str]
    then: re.Pattern[str]

    def search(self, text: str) -> re.Match[str] | None:
        found = self.first.search(text)
        if found is None or self.then.search(text, found.end()) is None:
            return None
        return found


def _in_order(first: str, then: str) -> _InOrder:
    return _InOrder(re.compile(first, re.IGNORECASE), re.compile(then, re.IGNORECASE))


@dataclass(frozen=True)
class _AnyOf:
    """The leftmost match of any of several finders, as a regex alternation gives."""

    finders: tuple[_Finder, ...]

    def search(self, text: str) -> re.Match[str] | None:
        found = [match for finder in self.finders if (match := finder.search(text))]
        return min(found, key=lambda match: match.start(), default=None)


@dataclass(frozen=True)
class _Unless:
    """`found`, unless the text also matches `unless` (searched only when `found` matches)."""

    found: re.Pattern[str]
    unless: re.Pattern[str]

    def search(self, text: str) -> re.Match[str] | None:
        match = self.found.search(text)
        return None if match is None or self.unless.search(text) else match


def _unless(found: str, unless: str) -> _Unless:
    return _Unless(re.compile(found, re.IGNORECASE), re.compile(unless, re.IGNORECASE))


def _any(*alternatives: str | _Finder) -> _Finder:
    patterns = [item for item in alternatives if isinstance(item, str)]
    ordered = [item for item in alternatives if not isinstance(item, str)]
    compiled = re.compile("|".join(patterns), re.IGNORECASE) if patterns else None
    if not ordered and compiled is not None:
        return compiled
    return _AnyOf((*([compiled] if compiled else []), *ordered))


_AI_FIELD = (
    r"ai|ml|genai|gen ai|generative ai|applied ai|conversational ai|machine learning|"
    r"artificial intelligence|computer vision|llms?"
)

_DESIGNER = r"architects?|solutions architecture|solutions? (?:consultant|engineer)s?"

# The rules before research-scientist (teaching and recruiting, the infrastructure family,
# architects) are narrower than the neighbouring ML roles: the first of them that matches
# wins, wherever it stands in the title. Among the broader roles from research-scientist
# on, the one the title names first wins (deciding rule 7).
TITLE_RULES: tuple[tuple[str, _Finder], ...] = (
    # Teaching or recruiting for a role is not doing it ("Data Engineer Trainer").
    ("other", _any(r"\b(?:trainers?|instructors?|teachers?|tutors?|recruit(?:er|ers|ing|ment))\b")),
    (
        "ai-security",
        _any(
            r"\b(?:ai|ml|llm|model|genai|gemini)(?: platform)? (?:security|red[- ]team\w*)",
            r"\badversarial (?:ml|machine learning)\b",
            # Red teams of AI labs attack models ("Frontier Red Team", "Red Team, Safeguards").
            r"\b(?:frontier|agentic) red[- ]team",
            r"\bred[- ]team\w*\W+(?:\w+\W+)?safeguards\b",
        ),
    ),
    (
        # An architect of AI systems designs them, whatever part of the stack the title
        # names ("Conversational AI Platform Architect"); so do those who design them for
        # customers ("AI Solutions Consultant"). A data architect is data-platform.
        "ai-architect",
        _any(
            _in_order(rf"\b(?:{_AI_FIELD})\b", rf"\b(?:{_DESIGNER})\b"),
            _in_order(rf"\b(?:{_DESIGNER})\b", rf"\b(?:{_AI_FIELD})\b"),
        ),
    ),
    (
        "mlops",
        _any(
            r"\b(?:ml|machine learning|llm|ai)[- ]?op(?:eration)?s\b",
            r"\bmlops\b",
            r"\bllmops\b",
            r"\bml devops\b",
            r"\bml deployment engineer",
        ),
    ),
    (
        "model-serving",
        _any(
            # In a data scientist's or statistician's title, inference is statistical
            # ("Data Scientist - Algorithms & Inference", "Causal Inference").
            _unless(r"\binference\b", r"\b(?:data scien|statistic|causal inference)"),
            r"\bmodel serving\b",
            r"\bserving (?:infrastructure|platform|engineer)",
        ),
    ),
    (
        "gpu-cluster",
        _any(
            r"\bgpu\b",
            r"\bhpc\b",
            r"\bcuda\b",
            r"\bkernel engineer",
            # A startup accelerator ("Google DeepMind Impact Accelerator") is not hardware.
            r"\b(?<!impact )accelerators?\b",
            r"\bsupercomput\w*",
            r"\bai datacenter",
            r"\bcluster reliability",
            r"\bcollective communication",
        ),
    ),
    (
        "ml-platform",
        _any(
            r"\b(?:ml|machine learning|ai|mlai|llm) (?:engineering )?platform\b",
            r"\bfeature store\b",
        ),
    ),
    (
        "ml-infrastructure",
        _any(
            r"\b(?:ml|machine learning|ai|training|research) infrastructure\b",
            r"\b(?:ml|ai) infra\b",
            r"\b(?:ml|machine learning|ai) systems engineer",
            r"\bdistributed training\b",
            r"\bml performance",
            r"\btraining (?:performance|platform|systems)",
            r"\b(?:ml|model|llm) training engineer",
            # "Software Engineer - Infrastructure, Machine Learning"
            r"\binfrastructure\W+(?:machine learning|ml)\b",
        ),
    ),
    (
        "edge-ai",
        _any(
            r"\bedge (?:ai|ml|infrastructure|computing)\b",
            r"\bon[- ]device (?:ml|ai|machine learning)",
            r"\bembedded (?:ml|ai|machine learning)",
            r"\btinyml\b",
        ),
    ),
    (
        "cloud-ml",
        _any(
            r"\bcloud (?:ml|ai|machine learning)\b",
            r"\b(?:ai|ml) cloud engineer",
            r"\bsagemaker\b",
            r"\bvertex ai\b",
        ),
    ),
    (
        "research-scientist",
        _any(
            r"\bresearch scientists?\b",
            r"\bai researchers?\b",
            r"\bml researchers?\b",
            r"\bapplied scientists?\b",
            r"\bmachine learning scientists?\b",
            r"\bml scientists?\b",
            r"\bresearch engineers?\b",
        ),
    ),
    (
        "ai-engineer",
        _any(
            r"\b(?:ai|llm|genai|gen ai|generative ai|applied ai|ai application|ai agent\w*|"
            r"artificial intelligence|ai deployment) (?:engineer|developer)s?\b",
            r"\bprompt engineer",
        ),
    ),
    (
        "ml-engineer",
        _any(
            r"\b(?:machine learning|ml|deep learning|computer vision|nlp|applied ml|ai/ml|ml/ai) "
            r"engineer(?:s|ing)?\b",
            # "Software Engineer, Machine Learning"; "Engineering Manager, ML", "Machine
            # Learning Manager" (rule 2).
            r"\b(?:software engineer\w*|engineering manager)\W+(?:data science (?:and|&) )?"
            r"(?:machine learning|ml)\b",
            r"\b(?:machine learning|ml) managers?\b",
            r"\bmle(?:'?s)?\b",  # the market's abbreviation: "Senior MLE", "Perception Engineers & MLEs"
        ),
    ),
    (
        "data-platform",
        _any(
            r"\bdata (?:engineer|platform|infrastructure|warehouse|architect)\w*",
            r"\banalytics engineers?\b",
            r"\betl (?:developer|engineer)s?\b",
            # a developer of a data tool builds pipelines: "Spark Developer", "Talend Developer"
            r"\b(?:spark|pyspark|hadoop|datastage|informatica|talend|snowflake|databricks|dbt)"
            r"(?: big data)? (?:developer|engineer)s?\b",
            r"\bbig ?data\b",
            r"\b(?:bi|mis) (?:developer|engineer)s?\b",
            r"\bdatabase (?:administrator|engineer|developer|infrastructure|reliability)\w*",
            r"\bdba\b",
        ),
    ),
    (
        "data-scientist",
        _any(
            r"\bdata scien\w+",
            r"\bdata analysts?\b",
            r"\bdecision scientists?\b",
            r"\bbi analysts?\b",
            r"\bbusiness intelligence analysts?\b",
            r"\bquantitative analysts?\b",
            r"\banalytics manager\b",
            # Analysts of data by another name; finance, HR or business analysts are not.
            r"\b(?:product|insights?|analytics|modell?ing|data (?:&|and) \w+)[\s-]+analysts?\b",
            # Analysts who work in BI tools and SQL ("MIS Analyst/Power BI").
            _in_order(r"\b(?:power ?bi|tableau|sql|mis)\b", r"\banalysts?\b"),
            r"\banalysts?\W+(?:power ?bi|tableau|sql)\b",
            r"\banalysts?\b.{0,6}\b(?:data analy\w+|analytics)\b",
        ),
    ),
)


_BROAD = [role for role, _ in TITLE_RULES].index("research-scientist")

# Two fields sharing one job noun, "Data/ML Engineer", "Backend + Data Engineer", name
# two jobs; the first is the listing's (deciding rule 7). "AI/ML" ("AI / Machine
# Learning") is one field by convention (an ML engineer).
_FIELD = (
    r"gen ?ai|generative ai|ai research|machine learning|deep learning|computer vision|"
    r"data science|data|analytics|applied|research|llm|nlp|mlops|ml|ai|"
    r"full[- ]?stack|back[- ]?end|front[- ]?end|software|product|platform|infra|cloud"
)
_SHARED_NOUN = re.compile(
    rf"\b({_FIELD})\s*(/|&|\+|\band\b)\s*({_FIELD})\s+(engineer|scientist|developer)s?\b",
    re.IGNORECASE,
)


_AI_ML = (frozenset({"ai", "ml"}), frozenset({"ai", "machine learning"}))


def _first_of_two(match: re.Match[str]) -> str:
    first, separator, second, noun = match.groups()
    if separator == "/" and {first.lower(), second.lower()} in _AI_ML:
        return f"AI/ML {noun}"
    return f"{first} {noun}"


# The role model asks twice per title (its rule features, and how much the description
# counts); listings are scored in batches of a few hundred.
@functools.lru_cache(maxsize=4096)
def role_from_title(title: str) -> str | None:
    """The role the first job a title lists names unmistakably, or None."""
    title = first_role_title(title)
    for role, pattern in TITLE_RULES[:_BROAD]:
        if pattern.search(title):
            return role
    title = _SHARED_NOUN.sub(_first_of_two, title)
    named = [
        (match.start(), order, role)
        for order, (role, pattern) in enumerate(TITLE_RULES[_BROAD:])
        if (match := pattern.search(title))
    ]
    return min(named)[2] if named else None
