"""The listing item is validated at the boundary: bad records are refused, timestamps normalised."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from pydantic import ValidationError

from jobradar.crawler.items import ListingItem, to_utc_datetime

VALID = {
    "source": "greenhouse",
    "source_id": 4820017003,
    "url": "https://job-boards.greenhouse.io/acme/jobs/4820017003",
    "title": "  Regional Lead,\n Warehouse Safety ",
}


def test_a_valid_record_is_normalised() -> None:
    item = ListingItem.model_validate(
        {**VALID, "company": "  ", "posted_at": "2026-07-10T16:15:41-04:00"}
    )
    assert item.source_id == "4820017003"
    assert item.title == "Regional Lead, Warehouse Safety"
    assert item.company is None
    assert item.posted_at == datetime(2026, 7, 10, 20, 15, 41, tzinfo=UTC)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("title", ""),
        ("title", "   "),
        ("url", "ftp://x"),
        ("url", "remoteok.com/x"),
        ("source_id", None),
        ("source", "Bad Name"),
    ],
)
def test_a_broken_record_is_refused(field: str, value: object) -> None:
    with pytest.raises(ValidationError):
        ListingItem.model_validate({**VALID, field: value})


def test_unknown_fields_are_refused() -> None:
    with pytest.raises(ValidationError):
        ListingItem.model_validate({**VALID, "salary": "100k"})


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (1773619203, datetime(2026, 3, 16, 0, 0, 3, tzinfo=UTC)),  # RemoteOK epoch seconds
        ("1773619203", datetime(2026, 3, 16, 0, 0, 3, tzinfo=UTC)),
        (
            1779223091267,
            datetime(2026, 5, 19, 20, 38, 11, 267000, tzinfo=UTC),
        ),  # Lever milliseconds
        ("2026-07-16T13:28:02", datetime(2026, 7, 16, 13, 28, 2, tzinfo=UTC)),  # Remotive, no zone
        ("2026-07-07T20:47:09.753+00:00", datetime(2026, 7, 7, 20, 47, 9, 753000, tzinfo=UTC)),
        ("2999-01-01T00:00:00Z", None),  # from the future: a broken date
        (None, None),
        (0, None),
    ],
)
def test_timestamps_become_aware_utc(value: object, expected: datetime | None) -> None:
    assert to_utc_datetime(value) == expected
