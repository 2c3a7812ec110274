"""A user's mistake that the command line reports in one line (exit code 2)."""

from __future__ import annotations


class UserError(Exception):
    """Something the user asked for cannot be done as asked."""
