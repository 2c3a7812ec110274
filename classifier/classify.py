"""`jobradar classify`: JSON lines in, the contract's tags out, in the same order."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Literal

from jobradar.classifier.annotate import extract
from jobradar.classifier.corpus import facts
from jobradar.classifier.roles import RoleModel
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

BATCH = 512  # the role model scores postings in batches


class ClassifyInput(BaseModel):
    """One input line (DESIGN.md, `jobradar classify`)."""

    model_config = ConfigDict(extra="ignore")

    id: str
    title: str = Field(min_length=1)
    description: str = ""
    format: Literal["text", "html"] = "text"
    location: str | None = None
    company: str | None = None
    source_salary: Any = None
    posted: str | None = None

    @field_validator("id", mode="before")
    @classmethod
    def _id_as_text(cls, value: Any) -> str:
        if value is None or isinstance(value, bool | dict | list):
            raise ValueError("id must be a string or a number")
        return str(value)


@dataclass
class BadLine:
    number: int
    reason: str


def tag(batch: list[ClassifyInput], model: RoleModel) -> list[dict[str, Any]]:
    """The contract's output objects for a batch of inputs."""
    all_facts = [facts(item.model_dump()) for item in batch]
    roles = model.predict([f.title for f in all_facts], [f.text for f in all_facts])
    results = []
    for item, posting_facts, (role, confidence) in zip(batch, all_facts, roles, strict=True):
        found = extract(posting_facts)
        salary = found.salary
        results.append(
            {
                "id": item.id,
                "role": role,
                "role_confidence": round(confidence, 4),
                "seniority": found.seniority,
                "remote_type": found.work_mode.remote_type,
                "salary": None
                if salary is None
                else {
                    "min": salary.min,
                    "max": salary.max,
                    "currency": salary.currency,
                    "period": salary.period,
                    "annual_usd_min": salary.annual_usd_min,
                    "annual_usd_max": salary.annual_usd_max,
                },
                "skills": found.skills,
            }
        )
    return results


def classify_lines(lines: Iterable[str], model: RoleModel) -> Iterator[dict[str, Any] | BadLine]:
    """Tag each JSON line; a line that cannot be read yields a `BadLine` and the rest go on."""
    batch: list[ClassifyInput] = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            batch.append(ClassifyInput.model_validate(json.loads(line)))
        except json.JSONDecodeError as exc:
            yield from tag(batch, model) if batch else []
            batch = []
            yield BadLine(number, f"not JSON: {exc.msg}")
            continue
        except ValidationError as exc:
            yield from tag(batch, model) if batch else []
            batch = []
            problem = exc.errors()[0]
            yield BadLine(
                number, f"{'.'.join(map(str, problem['loc'])) or 'line'}: {problem['msg']}"
            )
            continue
        if len(batch) >= BATCH:
            yield from tag(batch, model)
            batch = []
    if batch:
        yield from tag(batch, model)
