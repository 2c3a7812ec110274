"""How healthy a finished crawl was, judged from its stats: loud failure, never quiet."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from jobradar.store.runs import RunOutcome

COVERAGE_FIELDS = ("salary", "location", "description")
# Stats that each count one thing that went wrong. Errors logged at ERROR level cover
# spider exceptions, downloads given up after retries and malformed responses.
ERROR_STATS = (
    "log_count/ERROR",
    "httperror/response_ignored_count",
    "jobradar/invalid_items",
    "robotstxt/forbidden",
    "jobradar/request_cap_reached",
)
COVERAGE_DROP = 0.5  # a field present in less than half its usual share of listings


def coverage(stats: Mapping[str, Any]) -> dict[str, float]:
    stored = stats.get("jobradar/stored", 0)
    if not stored:
        return {}
    return {
        name: round(stats.get(f"jobradar/with_{name}", 0) / stored, 4) for name in COVERAGE_FIELDS
    }


def assess(
    stats: Mapping[str, Any], finish_reason: str, baseline: Mapping[str, float] | None = None
) -> RunOutcome:
    """The outcome of a crawl: `failed` on a bad finish, no listings, errors, or collapsed coverage."""
    fetched = stats.get("jobradar/stored", 0)
    errors = sum(stats.get(name, 0) for name in ERROR_STATS)
    shares = coverage(stats)
    problems = []
    if finish_reason != "finished":
        problems.append(f"finished with reason {finish_reason!r}")
    if fetched == 0:
        problems.append("no listings")
    if errors:
        problems.append(f"{errors} error(s)")
    for name, usual in (baseline or {}).items():
        if usual > 0 and shares.get(name, 0.0) < COVERAGE_DROP * usual:
            problems.append(
                f"{name} coverage {shares.get(name, 0.0):.0%} below half its usual {usual:.0%}"
            )
    return RunOutcome(
        status="failed" if problems else "ok",
        finish_reason=finish_reason,
        fetched=fetched,
        new=stats.get("jobradar/new", 0),
        updated=stats.get("jobradar/updated", 0),
        unchanged=stats.get("jobradar/unchanged", 0),
        errors=errors,
        coverage=shares,
        message="; ".join(problems) or None,
        exit_code=1 if problems else 0,
    )
