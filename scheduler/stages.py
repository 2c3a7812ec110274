"""The stages of a refresh after the crawls: dedupe, then tag (then snapshot and publish).

Each stage joins the store's queries to the classifier's decisions: the store reads and
writes rows, the classifier decides, and neither knows the other.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from importlib import resources

from sqlalchemy import Engine

from jobradar.classifier.annotate import EXTRACTOR_VERSION
from jobradar.classifier.duplicates import (
    NOT_ONE_JOB,
    Posting,
    duplicate_groups,
    duplicate_links,
)
from jobradar.classifier.roles import RoleModel
from jobradar.classifier.tagging import tag_updates
from jobradar.store import dedupe as stored_duplicates
from jobradar.store.listings import stale_rows, write_tags

TAG_BATCH = 500  # the role model scores listings in batches
# What the links depend on besides the listings: the code that decides which listings are
# one job, the code that reads them for it (here and in the store), and the sources left out.
_MATCHER_CODE = (
    ("jobradar.classifier", "duplicates.py"),
    ("jobradar.store", "dedupe.py"),
    ("jobradar.scheduler", "stages.py"),
)


def _matcher_version() -> str:
    """The version of the duplicate matching: under another, the stage links every company
    again. Read through importlib.resources: in a Scrapyd egg the package is a zip file."""
    digest = hashlib.sha256(",".join(sorted(NOT_ONE_JOB)).encode())
    for package, module in _MATCHER_CODE:
        digest.update(resources.files(package).joinpath(module).read_bytes())
    return f"m-{digest.hexdigest()[:12]}"


MATCHER_VERSION = _matcher_version()


def dedupe(engine: Engine) -> int:
    """Link each open cross-source duplicate to its canonical listing, in the companies
    marked since the last run (all of them under another matcher); returns how many open
    listings point to another."""
    marks = stored_duplicates.read_marks(engine)
    everything = stored_duplicates.linking_matcher(engine) != MATCHER_VERSION
    companies = None if everything else marks.companies
    if companies is None or companies:
        _link(engine, companies)
    stored_duplicates.settle(engine, marks, MATCHER_VERSION)
    return stored_duplicates.linked_count(engine)


def _link(engine: Engine, companies: frozenset[str] | None) -> None:
    links: dict[int, int] = {}
    for rows in stored_duplicates.company_batches(engine, NOT_ONE_JOB, companies):
        postings = [
            Posting(
                id=row.id,
                source=row.source,
                company_key=row.company_key,
                title=row.title,
                location=row.location_raw,
                countries=row.countries or [],
                first_seen=row.first_seen,
                remote=row.remote_type == "remote",
            )
            for row in rows
        ]

        def describe(chosen: Sequence[Posting]) -> None:
            texts = stored_duplicates.descriptions(engine, [posting.id for posting in chosen])
            for posting in chosen:
                posting.description = texts.get(posting.id, "")

        links.update(duplicate_links(duplicate_groups(postings, describe)))
    stored_duplicates.write_links(engine, links, companies)


def tag(engine: Engine, model: RoleModel, *, batch: int = TAG_BATCH) -> int:
    """Tag every listing whose tags are stale; returns how many were read.

    Each batch is its own transaction, so an interrupted stage keeps what it did and the
    next one carries on from the listings still stale.
    """
    done, last_id = 0, 0
    while rows := stale_rows(engine, model.version, EXTRACTOR_VERSION, last_id, batch):
        write_tags(engine, tag_updates(rows, model))
        done += len(rows)
        last_id = rows[-1]["id"]
    return done
