"""The root of what can go wrong, named: every package's errors derive from it.

The command line catches `JobradarError` once and prints its message in one line (exit
code 2); anything else is a bug and keeps its traceback. This module imports nothing, so
every package may import it.
"""

from __future__ import annotations


class JobradarError(Exception):
    """Something jobradar cannot do as asked, said in one line."""


class UserError(JobradarError):
    """Something the user asked for cannot be done as asked (a wrong option, a missing file)."""
