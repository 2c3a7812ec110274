"""How healthy a finished crawl was, judged from its stats: loud failure, never quiet."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from jobradar.store.runs import RunOutcome

COVERAGE_FIELDS = ("salary", "location", "description")
# Stats that each count one thing that went wrong with the source itself. Errors logged at
# ERROR level cover spider exceptions, downloads given up after retries and responses that
# could not be read at all.
ERROR_STATS = (
    "log_count/ERROR",
    "httperror/response_ignored_count",
    "robotstxt/forbidden",
    "jobradar/request_cap_reached",
)
# Stats that each count one listing skipped: a record that did not fit, an item that did
# not validate or broke a step, a row the database refused.
BAD_RECORD_STATS = ("jobradar/bad_records", "jobradar/refused_rows")
COVERAGE_DROP = 0.5  # a field present in less than half its usual share of listings
BAD_SHARE = 0.05  # more bad records than this share of a source's records fails its run


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
    bad = sum(stats.get(name, 0) for name in BAD_RECORD_STATS)
    shares = coverage(stats)
    problems, notes = [], []
    if finish_reason != "finished":
        problems.append(f"finished with reason {finish_reason!r}")
    if fetched == 0:
        problems.append("no listings")
    if errors:
        problems.append(f"{errors} error(s)")
    if bad and bad > BAD_SHARE * (fetched + bad):
        problems.append(f"{bad} bad record(s) of {fetched + bad}")
    elif bad:
        notes.append(f"{bad} bad record(s) skipped")
    if stats.get("jobradar/duplicate_ids"):
        notes.append(f"{stats['jobradar/duplicate_ids']} repeated id(s) stored once")
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
        bad_records=bad,
        coverage=shares,
        message="; ".join(problems + notes) or None,
        exit_code=1 if problems else 0,
    )
