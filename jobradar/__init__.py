"""jobradar: daily counts and a salary index of the remote AI-infrastructure job market.

The Python API (the command line is built on it; `jobradar.api` has the details)::

    import jobradar

    store = jobradar.open("sqlite:///jobradar.db")
    store.roles(remote_type="remote")  # a pandas DataFrame: role, count
    jobradar.classify([{"title": "Senior MLOps Engineer"}])  # tags, no store needed

Its names load on first use, so `import jobradar` (and `jobradar --help`) stays light.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from jobradar.api import Store, classify, open

__version__ = "0.1.0"
__all__ = ["Store", "__version__", "classify", "open"]


def __getattr__(name: str) -> Any:
    if name in {"Store", "classify", "open"}:
        from jobradar import api  # noqa: PLC0415 (SQLAlchemy and the taxonomy load here)

        return getattr(api, name)
    raise AttributeError(f"module 'jobradar' has no attribute {name!r}")
