"""What the demo market hands out: served responses, and the truth about each listing."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class DemoResponse:
    """One HTTP answer: the path (and query keys) a spider requests, and the body to serve."""

    source: str  # spider name
    path: str  # URL path as the spider requests it, e.g. "/v1/boards/acme-ai/jobs"
    query: Mapping[str, str]  # query params that must match; {} when none are needed
    body: bytes
    content_type: str = "application/json"
    board: str | None = None  # ATS board token (greenhouse, lever, ashby)


@dataclass(frozen=True)
class DemoListing:
    """One job as the generator meant it: the ground truth the tests compare against."""

    source: str
    source_id: str
    board: str | None
    title: str
    company: str
    role: str  # taxonomy slug
    remote_type: str  # remote | hybrid | onsite | unknown, as the fields and text state it
    salary: dict[str, Any] | None  # {"min", "max", "currency", "period"}: base pay as posted
    duplicate_of: tuple[str, str] | None = None  # (source, source_id) of the same job elsewhere


@dataclass(frozen=True)
class DemoDay:
    """Everything served on one replay day."""

    day: datetime.date
    responses: list[DemoResponse]
    listings: list[DemoListing]
    boards: dict[str, list[str]] = field(default_factory=dict)  # source -> board tokens
    page_urls: list[str] = field(default_factory=list)  # jobposting: paths of the pages served


@dataclass(frozen=True)
class Pay:
    """Base pay as a posting states it (taxonomy.md, "Salary")."""

    min: int | None
    max: int | None
    currency: str
    period: str  # year | month | day | hour

    def truth(self) -> dict[str, Any]:
        return {"min": self.min, "max": self.max, "currency": self.currency, "period": self.period}
