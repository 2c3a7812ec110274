"""High-precision title rules for the role taxonomy.

Each rule names a role only when the title says so unmistakably (taxonomy.md,
deciding rule 1: the title decides when it names a role). Titles no rule covers
get None and are left to the trained model.
"""

from __future__ import annotations

import re

# Order matters: the first rule that matches wins, so narrower roles come first.
TITLE_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "ai-security",
        re.compile(
            r"\b(?:ai|ml|llm|model) (?:security|red[- ]team\w*)|\badversarial (?:ml|machine learning)\b|\bai red team",
            re.I,
        ),
    ),
    (
        "mlops",
        re.compile(
            r"\b(?:ml|machine learning|llm|ai)[- ]?ops\b|\bmlops\b|\bllmops\b|\bml devops\b|\bml deployment engineer",
            re.I,
        ),
    ),
    (
        "model-serving",
        re.compile(
            r"\binference\b|\bmodel serving\b|\bserving (?:infrastructure|platform|engineer)", re.I
        ),
    ),
    (
        "gpu-cluster",
        re.compile(
            r"\bgpu\b|\bhpc\b|\bcuda\b|\bkernel engineer|\baccelerator\b|\bsupercomput\w*|\bai datacenter|\bcluster reliability|\bcollective communication",
            re.I,
        ),
    ),
    (
        "ml-platform",
        re.compile(r"\b(?:ml|machine learning|ai|mlai|llm) platform\b|\bfeature store\b", re.I),
    ),
    (
        "ml-infrastructure",
        re.compile(
            r"\b(?:ml|machine learning|ai|training|research) infrastructure\b|\b(?:ml|ai) infra\b|\bml systems engineer|\bai systems engineer|\bdistributed training\b|\bml performance|\btraining (?:performance|platform|systems)",
            re.I,
        ),
    ),
    (
        "edge-ai",
        re.compile(
            r"\bedge (?:ai|ml|infrastructure|computing)\b|\bon[- ]device (?:ml|ai|machine learning)|\bembedded (?:ml|ai|machine learning)|\btinyml\b",
            re.I,
        ),
    ),
    (
        "cloud-ml",
        re.compile(
            r"\bcloud (?:ml|ai|machine learning)\b|\b(?:ai|ml) cloud engineer|\bsagemaker\b|\bvertex ai\b",
            re.I,
        ),
    ),
    (
        "ai-architect",
        re.compile(
            r"\b(?:ai|ml|genai|generative ai|machine learning|ai infrastructure) (?:solutions? )?architect\b",
            re.I,
        ),
    ),
    (
        "research-scientist",
        re.compile(
            r"\bresearch scientist\b|\bai researcher\b|\bml researcher\b|\bapplied scientist\b|\bmachine learning scientist\b|\bml scientist\b|\bresearch engineer\b",
            re.I,
        ),
    ),
    (
        "ai-engineer",
        re.compile(
            r"\b(?:ai|llm|genai|gen ai|generative ai|applied ai|ai application|ai agent\w*) (?:engineer|developer)\b|\bprompt engineer",
            re.I,
        ),
    ),
    (
        "ml-engineer",
        re.compile(
            r"\b(?:machine learning|ml|deep learning|computer vision|nlp|applied ml|ai/ml|ml/ai) engineer\b",
            re.I,
        ),
    ),
    (
        "data-platform",
        re.compile(
            r"\bdata (?:engineer|platform|infrastructure|warehouse|architect)\w*|\banalytics engineer\b|\betl (?:developer|engineer)\b|\bbig data\b|\bbi (?:developer|engineer)\b|\bdatabase administrator\b|\bdba\b",
            re.I,
        ),
    ),
    (
        "data-scientist",
        re.compile(
            r"\bdata scien\w+|\bdata analyst\b|\bdecision scientist\b|\bbi analyst\b|\bbusiness intelligence analyst\b|\bquantitative analyst\b|\banalytics manager\b",
            re.I,
        ),
    ),
)


def role_from_title(title: str) -> str | None:
    """The role a title names unmistakably, or None."""
    for role, pattern in TITLE_RULES:
        if pattern.search(title):
            return role
    return None
