"""The closed label sets of jobradar, defined once (see taxonomy.md).

Every other module imports its role, seniority, remote-type and salary-period
slugs from here; nothing else spells them out.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Literal, get_args


@dataclass(frozen=True)
class Role:
    slug: str
    name: str
    family: str  # "infra", "ml", "data" or "other": how the report groups roles
    titles: tuple[str, ...]  # taxonomy.md's typical titles of the role


ROLES: Final[tuple[Role, ...]] = (
    Role(
        "ml-infrastructure",
        "AI / ML Infrastructure Engineer",
        "infra",
        (
            "AI Infrastructure Engineer",
            "ML Infrastructure Engineer",
            "AI/ML Systems Engineer",
            "Training Infrastructure",
            "Research Infrastructure",
            "ML Performance Engineer",
            "Distributed Training Engineer",
        ),
    ),
    Role(
        "ml-platform",
        "ML Platform Engineer",
        "infra",
        (
            "ML Platform Engineer",
            "AI Platform Engineer",
            "AI Platform Developer",
            "Machine Learning Platform",
            "Feature Store Engineer",
        ),
    ),
    Role(
        "mlops",
        "MLOps Engineer",
        "infra",
        (
            "MLOps Engineer",
            "ML Ops",
            "MLOps Infrastructure Engineer",
            "ML DevOps",
            "LLMOps Engineer",
            "ML Deployment Engineer",
        ),
    ),
    Role(
        "model-serving",
        "Inference / Model Serving Engineer",
        "infra",
        (
            "Inference Engineer",
            "Model Serving Engineer",
            "LLM Inference",
            "ML Inference Optimization",
            "Inference Platform",
        ),
    ),
    Role(
        "gpu-cluster",
        "GPU Cluster / Accelerator Engineer",
        "infra",
        (
            "GPU Cluster Engineer",
            "HPC Engineer",
            "GPU Infrastructure",
            "Accelerator Engineer",
            "CUDA Engineer",
            "Kernel Engineer",
            "AI Datacenter",
            "AI Supercomputing",
            "Cluster Reliability",
        ),
    ),
    Role(
        "cloud-ml",
        "Cloud ML Engineer",
        "infra",
        (
            "Cloud ML Engineer",
            "AI Cloud Engineer",
            "ML Engineer (AWS SageMaker)",
            "Cloud AI Engineer",
        ),
    ),
    Role(
        "data-platform",
        "Data Platform / Data Engineer",
        "data",
        (
            "Data Engineer",
            "Data Platform Engineer",
            "Data Infrastructure Engineer",
            "Analytics Engineer",
            "Big Data Engineer",
            "ETL Developer",
        ),
    ),
    Role(
        "edge-ai",
        "Edge AI / Edge Infrastructure Engineer",
        "infra",
        (
            "Edge AI Engineer",
            "Edge ML",
            "On-device ML",
            "Embedded ML",
            "TinyML",
            "Edge Infrastructure Engineer",
        ),
    ),
    Role(
        "ai-architect",
        "AI Infrastructure / Solutions Architect",
        "infra",
        (
            "AI Architect",
            "AI Infrastructure Architect",
            "ML Solutions Architect",
            "GenAI Solutions Architect",
        ),
    ),
    Role(
        "ai-security",
        "AI Security Specialist",
        "infra",
        # taxonomy.md also lists "AI Safety Engineer" in its security sense; the title
        # alone does not say which sense, so it is not one here.
        ("AI Security Engineer", "ML Security", "AI Red Team", "Adversarial ML"),
    ),
    Role(
        "ml-engineer",
        "Machine Learning Engineer",
        "ml",
        (
            "Machine Learning Engineer",
            "ML Engineer",
            "Applied ML Engineer",
            "Deep Learning Engineer",
            "Computer Vision Engineer",
            "NLP Engineer",
        ),
    ),
    Role(
        "ai-engineer",
        "AI Engineer (LLM applications)",
        "ml",
        (
            "AI Engineer",
            "LLM Engineer",
            "GenAI Engineer",
            "Applied AI Engineer",
            "AI Application Developer",
        ),
    ),
    Role(
        "data-scientist",
        "Data Scientist / Analyst",
        "data",
        (
            "Data Scientist",
            "Data Science Manager",
            "Decision Scientist",
            "Data Analyst",
            "BI Analyst",
            "Quantitative Analyst",
        ),
    ),
    Role(
        "research-scientist",
        "ML / AI Research Scientist",
        "ml",
        (
            "Research Scientist",
            "Research Engineer",
            "ML Scientist",
            "Applied Scientist",
            "AI Researcher",
        ),
    ),
    Role(
        "other",
        "Other",
        "other",
        (
            "Software Engineer",
            "Site Reliability Engineer",
            "Account Executive",
            "Product Designer",
            "Recruiter",
        ),
    ),
)
ROLE_SLUGS: Final[tuple[str, ...]] = tuple(role.slug for role in ROLES)
ROLE_NAMES: Final[dict[str, str]] = {role.slug: role.name for role in ROLES}

Seniority = Literal["intern", "junior", "mid", "senior", "lead", "manager", "unspecified"]
SENIORITIES: Final[tuple[str, ...]] = get_args(Seniority)

RemoteType = Literal["remote", "hybrid", "onsite", "unknown"]
REMOTE_TYPES: Final[tuple[str, ...]] = get_args(RemoteType)

Period = Literal["year", "month", "week", "day", "hour"]
PERIODS: Final[tuple[str, ...]] = get_args(Period)

# taxonomy.md, "Annualisation": the factor that turns one period's pay into a year's.
ANNUAL_FACTOR: Final[dict[str, int]] = {
    "year": 1,
    "month": 12,
    "week": 52,
    "day": 260,
    "hour": 2080,
}


# The salary index's plausible yearly base pay, in USD: a figure outside is left out of the
# index and counted (a misread period, a total package, a typo). The extractors' own sanity
# bounds are wider: they decide what is a salary at all, this decides what a median may use.
PLAUSIBLE_ANNUAL_USD: Final[tuple[float, float]] = (5_000.0, 1_000_000.0)

# taxonomy.md's AI-infrastructure roles (its first paragraph: the infra family and Data
# Platform Engineer); every role but `other` is an AI/ML role.
AI_INFRA_ROLES: Final[tuple[str, ...]] = (
    *(role.slug for role in ROLES if role.family == "infra"),
    "data-platform",
)
AI_ML_ROLES: Final[tuple[str, ...]] = tuple(slug for slug in ROLE_SLUGS if slug != "other")


def annualise(amount: float, period: str) -> float:
    """A period's pay as a year's (taxonomy.md, "Annualisation")."""
    return amount * ANNUAL_FACTOR[period]


def midpoint(low: float | None, high: float | None) -> float | None:
    """One figure for a range: its midpoint, or the one bound it states."""
    if low is not None and high is not None:
        return (low + high) / 2
    return low if low is not None else high
