"""The closed label sets of jobradar, defined once (see taxonomy.md).

Every other module imports its role, seniority, remote-type and salary-period
slugs from here; nothing else spells them out.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final


@dataclass(frozen=True)
class Role:
    slug: str
    name: str
    family: str  # "infra", "ml", "data" or "other": how the report groups roles


ROLES: Final[tuple[Role, ...]] = (
    Role("ml-infrastructure", "AI / ML Infrastructure Engineer", "infra"),
    Role("ml-platform", "ML Platform Engineer", "infra"),
    Role("mlops", "MLOps Engineer", "infra"),
    Role("model-serving", "Inference / Model Serving Engineer", "infra"),
    Role("gpu-cluster", "GPU Cluster / Accelerator Engineer", "infra"),
    Role("cloud-ml", "Cloud ML Engineer", "infra"),
    Role("data-platform", "Data Platform / Data Engineer", "data"),
    Role("edge-ai", "Edge AI / Edge Infrastructure Engineer", "infra"),
    Role("ai-architect", "AI Infrastructure / Solutions Architect", "infra"),
    Role("ai-security", "AI Security Specialist", "infra"),
    Role("ml-engineer", "Machine Learning Engineer", "ml"),
    Role("ai-engineer", "AI Engineer (LLM applications)", "ml"),
    Role("data-scientist", "Data Scientist / Analyst", "data"),
    Role("research-scientist", "ML / AI Research Scientist", "ml"),
    Role("other", "Other", "other"),
)
ROLE_SLUGS: Final[tuple[str, ...]] = tuple(role.slug for role in ROLES)
ROLE_NAMES: Final[dict[str, str]] = {role.slug: role.name for role in ROLES}

SENIORITIES: Final[tuple[str, ...]] = (
    "intern",
    "junior",
    "mid",
    "senior",
    "lead",
    "manager",
    "unspecified",
)

REMOTE_TYPES: Final[tuple[str, ...]] = ("remote", "hybrid", "onsite", "unknown")

PERIODS: Final[tuple[str, ...]] = ("year", "month", "week", "day", "hour")

# taxonomy.md, "Annualisation": the factor that turns one period's pay into a year's.
ANNUAL_FACTOR: Final[dict[str, int]] = {
    "year": 1,
    "month": 12,
    "week": 52,
    "day": 260,
    "hour": 2080,
}
