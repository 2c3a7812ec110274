"""`jobradar classify`: JSON lines in, the contract's tags out, in the same order."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from jobradar.classifier.annotate import Extracted, Facts, extract
from jobradar.classifier.corpus import facts
from jobradar.classifier.roles import RoleModel

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


MAX_TEXT = 200_000  # characters of a description read; postings run to a few thousand
# What a hostile or broken input line may make the model or an extractor raise: reported
# for that line alone, never for the batch around it.
TAGGING_ERRORS = (ValueError, TypeError, KeyError, IndexError, ArithmeticError, RecursionError)


def _output(item: ClassifyInput, role: str, confidence: float, found: Extracted) -> dict[str, Any]:
    salary = found.salary
    return {
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


def _facts(item: ClassifyInput) -> Facts:
    values = item.model_dump()
    values["description"] = values["description"][:MAX_TEXT]
    return facts(values)


def tag(
    batch: Sequence[tuple[int, ClassifyInput]], model: RoleModel
) -> list[dict[str, Any] | BadLine]:
    """The contract's output objects for a batch of (line number, input), in order; a line
    whose tagging fails gives a `BadLine` and the others their output."""
    prepared: list[tuple[int, ClassifyInput, Facts] | BadLine] = []
    for number, item in batch:
        try:
            prepared.append((number, item, _facts(item)))
        except TAGGING_ERRORS as exc:
            prepared.append(BadLine(number, f"cannot be read: {exc!r}"[:200]))
    ready = [entry for entry in prepared if not isinstance(entry, BadLine)]
    roles = _roles(ready, model)
    results: list[dict[str, Any] | BadLine] = []
    for entry in prepared:
        if isinstance(entry, BadLine):
            results.append(entry)
            continue
        number, item, posting_facts = entry
        role = roles[number]
        if isinstance(role, BadLine):
            results.append(role)
            continue
        try:
            results.append(_output(item, *role, extract(posting_facts)))
        except TAGGING_ERRORS as exc:
            results.append(BadLine(number, f"cannot be tagged: {exc!r}"[:200]))
    return results


def _roles(
    ready: Sequence[tuple[int, ClassifyInput, Facts]], model: RoleModel
) -> dict[int, tuple[str, float] | BadLine]:
    """The role of each line, scored in one batch; one by one if the batch fails."""
    titles = [posting_facts.title for _, _, posting_facts in ready]
    texts = [posting_facts.text for _, _, posting_facts in ready]
    try:
        return dict(zip((n for n, _, _ in ready), model.predict(titles, texts), strict=True))
    except TAGGING_ERRORS:
        alone: dict[int, tuple[str, float] | BadLine] = {}
        for (number, _, _), title, text in zip(ready, titles, texts, strict=True):
            try:
                [alone[number]] = model.predict([title], [text])
            except TAGGING_ERRORS as exc:
                alone[number] = BadLine(number, f"role model failed: {exc!r}"[:200])
        return alone


def classify_lines(lines: Iterable[str], model: RoleModel) -> Iterator[dict[str, Any] | BadLine]:
    """Tag each JSON line, in order; a line that cannot be read or tagged yields a `BadLine`
    and the rest go on."""
    batch: list[tuple[int, ClassifyInput]] = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            batch.append((number, ClassifyInput.model_validate(json.loads(line))))
        except json.JSONDecodeError as exc:
            yield from tag(batch, model)
            batch = []
            yield BadLine(number, f"not JSON: {exc.msg}")
            continue
        except ValidationError as exc:
            yield from tag(batch, model)
            batch = []
            problem = exc.errors()[0]
            yield BadLine(
                number, f"{'.'.join(map(str, problem['loc'])) or 'line'}: {problem['msg']}"
            )
            continue
        except (ValueError, RecursionError) as exc:  # deeply nested JSON, huge numbers
            yield from tag(batch, model)
            batch = []
            yield BadLine(number, f"cannot be read: {type(exc).__name__}")
            continue
        if len(batch) >= BATCH:
            yield from tag(batch, model)
            batch = []
    yield from tag(batch, model)
