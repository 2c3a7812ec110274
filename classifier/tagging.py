"""The tags of stored listings: what the tag stage of a refresh writes back.

A listing's tags are stale when another role model or other extractors made them, or
its content changed since it was tagged. The role is read again for every stale
listing; the extractors' tags only where other extractors made them (a crawl derives
them itself with the current ones). Only the columns whose value changes are written.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from jobradar.classifier.annotate import EXTRACTOR_VERSION, extract, listing_facts
from jobradar.classifier.roles import RoleModel

CONFIDENCE_DIGITS = 4


def tag_updates(rows: Sequence[Mapping[str, Any]], model: RoleModel) -> list[dict[str, Any]]:
    """For stale listing rows (their facts, `content_hash` and current tags, by column
    name), the changed tag columns of each, with its `id`."""
    all_facts = [listing_facts(row) for row in rows]
    roles = model.predict([f.title for f in all_facts], [f.text for f in all_facts])
    updates = []
    for row, facts, (role, confidence) in zip(rows, all_facts, roles, strict=True):
        tags: dict[str, Any] = {
            "role": role,
            "role_confidence": round(confidence, CONFIDENCE_DIGITS),
            "classifier_version": model.version,
            "tagged_hash": row["content_hash"],
        }
        if row.get("extractor_version") != EXTRACTOR_VERSION:
            tags.update(extract(facts).columns())
        changed = {name: value for name, value in tags.items() if row.get(name) != value}
        if changed:
            updates.append({"id": row["id"], **changed})
    return updates
