"""High-precision title rules for the role taxonomy.

Each rule names a role only when the title says so unmistakably (taxonomy.md,
deciding rule 1: the title decides when it names a role). Titles no rule covers
get None and are left to the trained model.
"""

from __future__ import annotations

import re


def _any(*alternatives: str) -> re.Pattern[str]:
    return re.compile("|".join(alternatives), re.IGNORECASE)


# Order matters: the first rule that matches wins, so narrower roles come first.
TITLE_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "ai-security",
        _any(
            r"\b(?:ai|ml|llm|model) (?:security|red[- ]team\w*)",
            r"\badversarial (?:ml|machine learning)\b",
            r"\bai red team",
        ),
    ),
    (
        "mlops",
        _any(
            r"\b(?:ml|machine learning|llm|ai)[- ]?ops\b",
            r"\bmlops\b",
            r"\bllmops\b",
            r"\bml devops\b",
            r"\bml deployment engineer",
        ),
    ),
    (
        "model-serving",
        _any(
            r"\binference\b",
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
            r"\baccelerator\b",
            r"\bsupercomput\w*",
            r"\bai datacenter",
            r"\bcluster reliability",
            r"\bcollective communication",
        ),
    ),
    (
        "ml-platform",
        _any(r"\b(?:ml|machine learning|ai|mlai|llm) platform\b", r"\bfeature store\b"),
    ),
    (
        "ml-infrastructure",
        _any(
            r"\b(?:ml|machine learning|ai|training|research) infrastructure\b",
            r"\b(?:ml|ai) infra\b",
            r"\bml systems engineer",
            r"\bai systems engineer",
            r"\bdistributed training\b",
            r"\bml performance",
            r"\btraining (?:performance|platform|systems)",
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
        "ai-architect",
        _any(
            r"\b(?:ai|ml|genai|generative ai|machine learning|ai infrastructure) (?:solutions? )?architect\b"
        ),
    ),
    (
        "research-scientist",
        _any(
            r"\bresearch scientist\b",
            r"\bai researcher\b",
            r"\bml researcher\b",
            r"\bapplied scientist\b",
            r"\bmachine learning scientist\b",
            r"\bml scientist\b",
            r"\bresearch engineer\b",
        ),
    ),
    (
        "ai-engineer",
        _any(
            r"\b(?:ai|llm|genai|gen ai|generative ai|applied ai|ai application|ai agent\w*) (?:engineer|developer)\b",
            r"\bprompt engineer",
        ),
    ),
    (
        "ml-engineer",
        _any(
            r"\b(?:machine learning|ml|deep learning|computer vision|nlp|applied ml|ai/ml|ml/ai) engineer\b"
        ),
    ),
    (
        "data-platform",
        _any(
            r"\bdata (?:engineer|platform|infrastructure|warehouse|architect)\w*",
            r"\banalytics engineer\b",
            r"\betl (?:developer|engineer)\b",
            r"\bbig data\b",
            r"\bbi (?:developer|engineer)\b",
            r"\bdatabase administrator\b",
            r"\bdba\b",
        ),
    ),
    (
        "data-scientist",
        _any(
            r"\bdata scien\w+",
            r"\bdata analyst\b",
            r"\bdecision scientist\b",
            r"\bbi analyst\b",
            r"\bbusiness intelligence analyst\b",
            r"\bquantitative analyst\b",
            r"\banalytics manager\b",
        ),
    ),
)


def role_from_title(title: str) -> str | None:
    """The role a title names unmistakably, or None."""
    for role, pattern in TITLE_RULES:
        if pattern.search(title):
            return role
    return None
