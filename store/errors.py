"""What can go wrong in the store, named."""

from __future__ import annotations

from jobradar.errors import JobradarError


class StoreError(JobradarError):
    """Base of every store failure a caller may want to report to a user."""


class DatabaseURLError(StoreError):
    """The database URL cannot be parsed or names an unsupported database."""


class StoreUnavailableError(StoreError):
    """The database exists in the URL but cannot be opened or migrated."""
