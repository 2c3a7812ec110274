"""The tables of the store (SQLModel).

These are storage models, separate from the crawler's validated item: table
models do not validate, so nothing reaches them without passing
`jobradar.crawler.items.ListingItem` (or a query built here) first.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Column,
    Date,
    ForeignKey,
    Index,
    Integer,
    Text,
    UniqueConstraint,
    text,
)
from sqlmodel import Field, SQLModel

from jobradar.store.types import UTCDateTime


def _ts(*, nullable: bool = True, index: bool = False) -> Any:
    return Field(default=None, sa_column=Column(UTCDateTime(), nullable=nullable, index=index))


def _empty_list() -> list[Any]:
    return []


def _empty_dict() -> dict[str, Any]:
    return {}


def _json(default: Any) -> Any:
    # The column default serves core (bulk) inserts; the factory serves the ORM.
    return Field(default_factory=default, sa_column=Column(JSON, nullable=False, default=default))


# String limits shared with the crawler's item (jobradar.crawler.items.ListingItem), which
# refuses longer values before they reach a batch: a value the column cannot hold must
# never fail a whole batch of other listings.
SOURCE_LENGTH = 32
SOURCE_ID_LENGTH = 200
BOARD_LENGTH = 200
TITLE_LENGTH = 500

# The listings every count of a day reads (`jobradar.store.queries.counted`): canonical
# and tagged. A partial index on them serves a query only while it spells the same terms.
COUNTED_LISTINGS = "canonical_id IS NULL AND role IS NOT NULL"


class Listing(SQLModel, table=True):
    """One job listing of one source, with its raw facts and what we derived from them.

    Its natural key is (source, board, source_id): an ATS board's job ids are its own, so
    a board serving another board's ids cannot overwrite that board's listings. `board`
    is "" for sources that are not sets of boards.
    """

    __tablename__ = "listings"
    __table_args__ = (
        UniqueConstraint("source", "board", "source_id", name="uq_listings_natural_key"),
        # Chosen by the query plans of a store of a million listings (tests/test_plans.py):
        # every count of a day reads this index alone, never the table, grouped by role as
        # it reads; it holds only the listings the counts read (`queries.counted`).
        Index(
            "ix_listings_counted",
            "role",
            "closed_at",
            "first_seen",
            "canonical_id",
            "remote_type",
            "seniority",
            "source",
            sqlite_where=text(COUNTED_LISTINGS),
            postgresql_where=text(COUNTED_LISTINGS),
        ),
        # The dedupe stage groups open listings by company and source.
        Index("ix_listings_dedupe", "company_key", "closed_at", "source"),
    )

    id: int | None = Field(default=None, primary_key=True)
    source: str = Field(max_length=SOURCE_LENGTH)
    source_id: str = Field(max_length=SOURCE_ID_LENGTH)
    board: str = Field(default="", max_length=BOARD_LENGTH)
    url: str = Field(sa_column=Column(Text, nullable=False))
    title: str = Field(sa_column=Column(Text, nullable=False))
    company: str | None = Field(default=None, sa_column=Column(Text))

    # raw facts, kept so every derived field can be recomputed without re-crawling
    location_raw: str | None = Field(default=None, sa_column=Column(Text))
    workplace_raw: str | None = Field(default=None, sa_column=Column(Text))
    location_requirements: list[str] = _json(_empty_list)
    salary_raw: str | None = Field(default=None, sa_column=Column(Text))
    pay_structured: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON))
    description_text: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    description_hash: str = Field(default="", max_length=64)
    content_hash: str = Field(default="", max_length=64)  # of the facts as the source served them
    # of the source's record as served, with the code that mapped it: a re-crawl that finds
    # the same digest has nothing to map, compare or derive
    record_hash: str | None = Field(default=None, max_length=64)
    source_record: dict[str, Any] = _json(_empty_dict)

    # lifecycle (when it was last seen is in `sightings`: a re-crawl that finds a listing
    # unchanged writes there, never here)
    posted_at: datetime | None = _ts()
    first_seen: datetime = _ts(nullable=False)
    closed_at: datetime | None = _ts()
    expires_at: datetime | None = _ts()  # the source's own end date, when it states one

    # derived: location and remote type
    remote_type: str = Field(default="unknown", max_length=16)
    remote_scope: str | None = Field(default=None, sa_column=Column(Text))
    countries: list[str] = _json(_empty_list)

    # derived: salary as posted, then annualised in USD
    salary_min: float | None = None
    salary_max: float | None = None
    salary_currency: str | None = Field(default=None, max_length=3)
    salary_period: str | None = Field(default=None, max_length=8)
    salary_origin: str | None = Field(default=None, max_length=16)  # "structured" | "text"
    salary_text: str | None = Field(default=None, sa_column=Column(Text))  # the matched span
    annual_usd_min: float | None = None
    annual_usd_max: float | None = None
    fx_rate: float | None = None  # units of salary_currency per 1 USD
    fx_date: date | None = Field(default=None, sa_column=Column(Date))

    # derived: role (None until the role model has tagged the listing), seniority, skills
    role: str | None = Field(default=None, max_length=32)
    role_confidence: float = 0.0
    seniority: str = Field(default="unspecified", max_length=16)
    skills: list[str] = _json(_empty_list)

    # which code produced the derived fields, and the facts the role was read from
    classifier_version: str = Field(default="", max_length=64)
    extractor_version: str = Field(default="", max_length=64)
    tagged_hash: str | None = Field(default=None, max_length=64)  # content_hash at tagging

    # cross-source duplicates
    company_key: str | None = Field(default=None, sa_column=Column(Text))
    title_key: str | None = Field(default=None, sa_column=Column(Text))
    canonical_id: int | None = Field(
        default=None,
        sa_column=Column(BigInteger, ForeignKey("listings.id", ondelete="SET NULL")),
    )


class Sighting(SQLModel, table=True):
    """When a listing was last served by its source: a narrow row the crawl rewrites daily."""

    __tablename__ = "sightings"

    listing_id: int = Field(
        sa_column=Column(Integer, ForeignKey("listings.id", ondelete="CASCADE"), primary_key=True)
    )
    last_seen: datetime = _ts(nullable=False)


class DedupeMark(SQLModel, table=True):
    """A company whose open listings changed (new, rewritten, closed, reopened, or another
    work mode or country) since the dedupe stage last read it: the stage reads only these.

    Written in the transaction of the change; a company changed twice is marked twice. The
    stage deletes the marks it read and no later ones, so a crawl that writes while the
    stage runs leaves its marks for the next run.
    """

    __tablename__ = "dedupe_marks"

    id: int | None = Field(default=None, primary_key=True)
    company_key: str = Field(sa_column=Column(Text, nullable=False))


class StoreState(SQLModel, table=True):
    """Small facts about the store as a whole: which matcher linked its duplicates."""

    __tablename__ = "store_state"

    key: str = Field(primary_key=True, max_length=64)
    value: str = Field(sa_column=Column(Text, nullable=False))


class CrawlRun(SQLModel, table=True):
    """One crawl of one source (one child process) and how healthy it was."""

    __tablename__ = "crawl_runs"

    id: int | None = Field(default=None, primary_key=True)
    source: str = Field(max_length=32, index=True)
    refresh_id: int | None = Field(default=None, index=True)
    started_at: datetime = _ts(nullable=False, index=True)
    finished_at: datetime | None = _ts()
    status: str = Field(default="running", max_length=16)  # running | ok | failed
    finish_reason: str | None = Field(default=None, max_length=64)
    exit_code: int | None = None
    fetched: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    closed: int = 0
    errors: int = 0
    bad_records: int = 0
    coverage: dict[str, float] = _json(_empty_dict)
    message: str | None = Field(default=None, sa_column=Column(Text))
    pid: int | None = None


class CrawlJob(SQLModel, table=True):
    """One Scrapyd job of a crawl run (scale-out): a shard of a source's boards on a node.

    The job reports its crawl stats here; the refresh merges the stats of a run's jobs
    into the run record, so a run is the same whether one process or many crawled it.
    """

    __tablename__ = "crawl_jobs"

    id: int | None = Field(default=None, primary_key=True)
    run_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("crawl_runs.id", ondelete="CASCADE"), nullable=False, index=True
        )
    )
    shard: int = 0  # which shard of the run's boards (0 when the source is not sharded)
    attempt: int = 1  # a job whose node died is scheduled again as the next attempt
    boards: list[str] = _json(_empty_list)
    node: str | None = Field(default=None, max_length=200)  # the Scrapyd URL
    scrapyd_job: str | None = Field(default=None, max_length=64)  # Scrapyd's job id
    # scheduled | done (stats recorded) | lost (its node died or forgot it) | failed
    status: str = Field(default="scheduled", max_length=16)
    finish_reason: str | None = Field(default=None, max_length=64)
    stats: dict[str, float] = _json(_empty_dict)  # the crawl's numeric stats
    scheduled_at: datetime = _ts(nullable=False)
    finished_at: datetime | None = _ts()
    message: str | None = Field(default=None, sa_column=Column(Text))


class Refresh(SQLModel, table=True):
    """One full refresh (crawl all, classify, snapshot, report): the run history."""

    __tablename__ = "refreshes"

    id: int | None = Field(default=None, primary_key=True)
    trigger: str = Field(max_length=16)  # run | schedule | catch-up
    started_at: datetime = _ts(nullable=False, index=True)
    finished_at: datetime | None = _ts()
    status: str = Field(default="running", max_length=16)  # running | ok | partial | failed
    snapshot_date: date | None = Field(default=None, sa_column=Column(Date))
    message: str | None = Field(default=None, sa_column=Column(Text))
    pid: int | None = None
    # what was crawled: "live", "replayed recordings from DIR", "demo data (generated) for D"
    origin: str | None = Field(default=None, sa_column=Column(Text))


class RoleCount(SQLModel, table=True):
    """Daily snapshot: listings active on a date, per role and facet, duplicates once."""

    __tablename__ = "role_counts"
    __table_args__ = (Index("ix_role_counts_date", "snapshot_date"),)

    id: int | None = Field(default=None, primary_key=True)
    snapshot_date: date = Field(sa_column=Column(Date, nullable=False))
    role: str = Field(max_length=32)
    source: str = Field(max_length=32)
    remote_type: str = Field(max_length=16)
    seniority: str = Field(max_length=16)
    count: int


class SalaryIndexRow(SQLModel, table=True):
    """Daily snapshot: one cell of the salary index."""

    __tablename__ = "salary_index"
    __table_args__ = (Index("ix_salary_index_date", "snapshot_date", "currency", "work_mode"),)

    id: int | None = Field(default=None, primary_key=True)
    snapshot_date: date = Field(sa_column=Column(Date, nullable=False))
    currency: str = Field(max_length=3)  # USD (everything converted) or EUR/GBP (native pay)
    work_mode: str = Field(max_length=16)  # remote+hybrid | remote | hybrid
    role: str = Field(max_length=32)  # a role slug or "all"
    seniority: str = Field(max_length=16)  # a seniority slug or "all"
    n_listings: int
    n_with_salary: int
    disclosure_rate: float
    p25: float | None = None
    median: float | None = None
    p75: float | None = None
    change_30d: float | None = None
    fx_date: date | None = Field(default=None, sa_column=Column(Date))
    # when the snapshot was taken: a crawl after it may have changed the day's listings
    taken_at: datetime | None = _ts()
