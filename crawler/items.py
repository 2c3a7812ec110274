"""The listing item: what a spider maps a source record to, validated at the boundary.

Spiders yield `ListingFields` (a plain dict, its keys checked by the type checker);
`ValidatePipeline` turns it into a `ListingItem` or drops it, counted. Later pipelines
fill the derived fields. The table model (`jobradar.store.models.Listing`) is separate.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from typing import Annotated, Any, Literal, TypedDict

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator

from jobradar.store.models import BOARD_LENGTH, SOURCE_ID_LENGTH, SOURCE_LENGTH, TITLE_LENGTH

MAX_FUTURE_SKEW = timedelta(days=2)  # a posting "from the future" is a broken date, not news


class ListingFields(TypedDict, total=False):
    """What a spider yields; `ListingItem` documents each key."""

    source: str
    source_id: str
    url: str
    title: str
    company: str | None
    board: str | None
    location_raw: str | None
    workplace_raw: str | None
    location_requirements: list[str]
    description: str
    description_format: Literal["html", "text"]
    posted_at: Any
    expires_at: Any
    salary_raw: str | None
    pay_structured: dict[str, Any] | None
    source_record: dict[str, Any]
    record_hash: str


@dataclass(slots=True)
class SeenRecords:
    """The records of one response that the store holds exactly as served and mapped by
    the same code (`record_hash` digests): a sighting each, nothing to map or derive."""

    source: str
    record_hashes: list[str]
    unchanged: bool = True  # as `ListingItem.unchanged`: the steps before the store skip it


def to_utc_datetime(value: Any, *, allow_future: bool = False) -> datetime | None:
    """Read a source timestamp: epoch seconds or milliseconds, ISO 8601, RFC 822, a datetime.

    A timestamp without a zone is taken as UTC (Remotive's `publication_date`); one more
    than two days in the future is a broken date and gives None (unless allowed).
    """
    if value in (None, "", 0, "0"):
        return None
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, int | float) or (isinstance(value, str) and value.strip().isdigit()):
        number = float(value)
        moment = datetime.fromtimestamp(number / 1000 if number > 1e11 else number, UTC)
    elif isinstance(value, str):
        text = value.strip()
        try:
            moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            moment = parsedate_to_datetime(text)  # RSS: "Tue, 08 Nov 2022 14:05:38 +0000"
    else:
        raise TypeError(f"not a timestamp: {value!r}")
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    moment = moment.astimezone(UTC)
    if not allow_future and moment > datetime.now(UTC) + MAX_FUTURE_SKEW:
        return None
    return moment


def expiry_datetime(value: Any) -> datetime | None:
    """A source's expiry date: like `to_utc_datetime`, but future dates are the point."""
    return to_utc_datetime(value, allow_future=True)


# The facts a source gives us; a change in any of them makes a listing "updated".
FACT_FIELDS = frozenset(
    {
        "url",
        "title",
        "company",
        "board",
        "location_raw",
        "workplace_raw",
        "location_requirements",
        "salary_raw",
        "pay_structured",
        "description",
        "description_format",
        "posted_at",
        "expires_at",
    }
)


def _blank_to_none(value: Any) -> Any:
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return value


OptionalText = Annotated[str | None, BeforeValidator(_blank_to_none)]


class ListingItem(BaseModel):
    """One listing as it travels through the pipelines."""

    model_config = ConfigDict(extra="forbid", validate_assignment=False)

    # --- facts from the source (set by the spider) ---
    # the spider name = source type
    source: str = Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=SOURCE_LENGTH)
    source_id: str = Field(min_length=1, max_length=SOURCE_ID_LENGTH)  # the source's own id
    url: str = Field(pattern=r"^https?://\S+$")
    title: str = Field(min_length=1, max_length=TITLE_LENGTH)
    company: OptionalText = None
    board: OptionalText = Field(default=None, max_length=BOARD_LENGTH)  # an ATS board token
    location_raw: OptionalText = None  # the location string as the source wrote it
    workplace_raw: OptionalText = None  # the source's own remote/hybrid/onsite field
    location_requirements: list[str] = Field(default_factory=list)  # structured countries/regions
    description: str = ""  # as served: HTML or text, see description_format
    description_format: Literal["html", "text"] = "text"
    posted_at: Annotated[datetime | None, BeforeValidator(to_utc_datetime)] = None
    expires_at: Annotated[datetime | None, BeforeValidator(expiry_datetime)] = (
        None  # the source's own end date
    )
    salary_raw: OptionalText = None  # a free-text pay field (Remotive `salary`, an HN header)
    pay_structured: dict[str, Any] | None = None  # a structured pay block, with its `kind`
    source_record: dict[str, Any] = Field(default_factory=dict)  # the record (or part) we used
    # of the record as served and the code that mapped it (JSON API spiders)
    record_hash: str | None = Field(default=None, max_length=64)

    # --- derived by the pipelines ---
    content_hash: str = ""  # of the facts above, as served (validate step)
    unchanged: bool = False  # the store holds these very facts: nothing to derive again
    # which fields an item has, for the crawl's coverage: salary, location, description
    coverage: dict[str, bool] = Field(default_factory=dict)
    description_text: str = ""  # clean-text step
    description_hash: str = ""
    tags: dict[str, Any] = Field(default_factory=dict)  # the extractors' tags (derive step)
    company_key: str | None = None  # cross-source duplicate keys (derive step)
    title_key: str | None = None

    def fingerprint(self) -> str:
        """A stable digest of the facts the source served: another value means changed."""
        facts = self.model_dump(mode="json", include=set(FACT_FIELDS))
        encoded = json.dumps(facts, sort_keys=True, ensure_ascii=False, default=str)
        return hashlib.sha256(encoded.encode("utf-8", "surrogatepass")).hexdigest()

    @field_validator("title")
    @classmethod
    def _title_is_text(cls, value: str) -> str:
        value = " ".join(value.split())
        if not value:
            raise ValueError("empty title")
        return value

    @field_validator("source_id", mode="before")
    @classmethod
    def _id_as_text(cls, value: Any) -> str:
        if isinstance(value, bool) or value is None:
            raise ValueError("missing source id")
        return str(value).strip()
