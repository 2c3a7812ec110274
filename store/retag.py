"""Re-tagging stored listings when the classifier or the extractors change.

Every listing records the versions of the code that derived its fields. When the
role model or the extractors are not the ones that tagged a listing, its derived
fields are recomputed from the raw facts it kept, so published counts never mix
model versions.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from jobradar.classifier.annotate import EXTRACTOR_VERSION, Facts, extract
from jobradar.classifier.roles import RoleModel
from jobradar.store.derived import salary_columns, work_mode_columns
from jobradar.store.models import Listing
from jobradar.store.types import utc_now
from sqlalchemy import Engine, or_, select, update
from sqlalchemy.engine import Row
from sqlalchemy.orm import Session

BATCH = 500
_FACTS = (
    Listing.id,
    Listing.title,
    Listing.description_text,
    Listing.location_raw,
    Listing.workplace_raw,
    Listing.location_requirements,
    Listing.salary_raw,
    Listing.pay_structured,
    Listing.posted_at,
    Listing.first_seen,
    Listing.extractor_version,
)


def stale(model: RoleModel) -> Any:
    """Listings tagged by another role model or other extractors."""
    return or_(
        Listing.classifier_version != model.version,
        Listing.extractor_version != EXTRACTOR_VERSION,
    )


def count_stale(engine: Engine, model: RoleModel) -> int:
    with engine.connect() as connection:
        return len(connection.execute(select(Listing.id).where(stale(model))).all())


def _facts(row: Row[Any]) -> Facts:
    return Facts(
        title=row.title,
        text=row.description_text,
        location=row.location_raw,
        workplace=row.workplace_raw,
        location_requirements=row.location_requirements or [],
        salary_raw=row.salary_raw,
        pay_structured=row.pay_structured,
        reference=(row.posted_at or row.first_seen or utc_now()).date(),
    )


def _columns(
    rows: Sequence[Row[Any]], model: RoleModel
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The updates of a batch: role only where the extractors' fields are current, all else."""
    all_facts = [_facts(row) for row in rows]
    roles = model.predict([f.title for f in all_facts], [f.text for f in all_facts])
    role_only, everything = [], []
    for row, facts, (role, confidence) in zip(rows, all_facts, roles, strict=True):
        tags = {
            "id": row.id,
            "role": role,
            "role_confidence": round(confidence, 4),
            "classifier_version": model.version,
        }
        if row.extractor_version == EXTRACTOR_VERSION:
            role_only.append(tags)  # the crawl's pipeline just derived the rest
            continue
        found = extract(facts)
        everything.append(
            {
                **tags,
                **work_mode_columns(found.work_mode),
                **salary_columns(found.salary),
                "seniority": found.seniority,
                "skills": found.skills,
                "extractor_version": EXTRACTOR_VERSION,
            }
        )
    return role_only, everything


def retag(engine: Engine, model: RoleModel, *, batch: int = BATCH) -> int:
    """Recompute the derived fields of every stale listing; returns how many changed.

    Each batch is its own transaction, so an interrupted re-tag keeps what it did and
    the next one carries on from the listings still stale.
    """
    done = 0
    last_id = 0
    while True:
        with Session(engine) as session, session.begin():
            rows = session.execute(
                select(*_FACTS)
                .where(stale(model), Listing.id > last_id)
                .order_by(Listing.id)
                .limit(batch)
            ).all()
            if not rows:
                return done
            for updates in _columns(rows, model):
                if updates:
                    session.execute(update(Listing), updates)  # bulk, by primary key
        done += len(rows)
        last_id = rows[-1].id
