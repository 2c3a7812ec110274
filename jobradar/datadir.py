"""The data directory: the real recordings, the corpus and the reference labels.

These files were written by employers and job boards; jobradar reads them where they
are and never copies them into its repository or package. The directory is
`--data-dir DIR`, else `$JOBRADAR_DATA`, else `../shared` beside the repository when
it exists (development and CI). A fresh install has none: `run --offline` then replays
jobradar's own demo market, and training and evaluation ask for one.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from jobradar.errors import UserError

if TYPE_CHECKING:
    from jobradar.classifier.corpus import Corpus

DATA_ENV = "JOBRADAR_DATA"
# The repository's root, when jobradar runs from a checkout (an editable install).
_REPOSITORY = Path(__file__).resolve().parent.parent


class DataDirError(UserError):
    """The data directory is missing, or lacks what a command needs."""


@dataclass(frozen=True)
class DataDir:
    """Where each kind of real data lives inside a data directory."""

    root: Path

    @property
    def recordings(self) -> Path:
        return self.root / "recordings"

    @property
    def postings(self) -> Path:
        return self.root / "corpus" / "postings.jsonl.gz"

    @property
    def labels(self) -> Path:
        return self.root / "corpus" / "labels.jsonl"

    @property
    def hn_cases(self) -> Path:
        return self.root / "corpus" / "hn_salary_cases_akurilin.json"

    def corpus(self) -> Corpus:
        """The postings and reference labels, for training and evaluation."""
        from jobradar.classifier.corpus import Corpus  # noqa: PLC0415 (keeps start-up light)

        return Corpus(
            self.require(self.postings, "corpus postings"),
            self.require(self.labels, "reference labels"),
        )

    def require(self, path: Path, what: str) -> Path:
        """`path`, which must exist: a clear error names what is missing, and where."""
        if not path.exists():
            raise DataDirError(f"the data directory {self.root} has no {what} ({path})")
        return path


def default_root() -> Path | None:
    """`$JOBRADAR_DATA`, else `../shared` beside the repository when it exists, else None."""
    if os.environ.get(DATA_ENV):
        return Path(os.environ[DATA_ENV])
    beside = _REPOSITORY.parent / "shared"
    if (_REPOSITORY / "pyproject.toml").is_file() and beside.is_dir():
        return beside
    return None


def find_data_dir(option: str | Path | None = None) -> DataDir | None:
    """The data directory the user chose (or the default), or None when there is none.

    A directory that was named (by option or environment) but does not exist is an error,
    never a silent fall-back to something else.
    """
    root = Path(option) if option else default_root()
    if root is None:
        return None
    if not root.is_dir():
        source = "--data-dir" if option else f"${DATA_ENV}"
        raise DataDirError(f"{source}: no such directory: {root}")
    return DataDir(root)


def require_data_dir(option: str | Path | None = None) -> DataDir:
    """The data directory, for commands that cannot work without real data."""
    found = find_data_dir(option)
    if found is None:
        raise DataDirError(
            f"no data directory: pass --data-dir DIR or set ${DATA_ENV} "
            "(a folder with corpus/ and recordings/, such as ../shared)"
        )
    return found


def find_corpus(option: str | Path | None = None) -> Corpus | None:
    """The data directory's corpus when there is a data directory with one, else None."""
    found = find_data_dir(option)
    if found is None or not found.postings.exists() or not found.labels.exists():
        return None
    return found.corpus()
