"""The labelled corpus: postings, reference labels, and the facts extractors read from them.

The postings and the reference labels are third-party data that stay in the data
directory (`corpus/postings.jsonl.gz`, `corpus/labels.jsonl`; see its README); a
`Corpus` names the two files. A posting is one JSON object; a label row names a posting
`id` and its `role`, `seniority`, `remote` and `salary`, and may carry the posting's own
fields (`title`, `description`, …) instead of relying on the postings file.
jobradar's own labels (`data/extra_labels.jsonl`) are ids and roles only.
"""

from __future__ import annotations

import functools
import gzip
import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any

from jobradar.classifier.annotate import Facts, listing_facts
from jobradar.classifier.salary.structured import STRUCTURED_KINDS
from jobradar.classifier.taxonomy import ROLES
from jobradar.classifier.text import description_text
from jobradar.errors import JobradarError

EXTRA_LABELS = Path(__file__).with_name("data") / "extra_labels.jsonl"
POSTING_FIELDS = ("title", "description", "format", "location", "company", "source_salary")


class CorpusError(JobradarError, ValueError):
    """A labels or postings file cannot be read or joined."""


def read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    """The objects of a JSON-lines file (gzip when it ends in .gz), with line numbers in errors."""
    opener = gzip.open if path.suffix == ".gz" else open
    try:
        with opener(path, "rt", encoding="utf-8") as handle:
            for number, line in enumerate(handle, 1):
                if line.strip():
                    try:
                        yield json.loads(line)
                    except json.JSONDecodeError as exc:
                        raise CorpusError(f"{path}:{number}: not JSON: {exc.msg}") from exc
    except OSError as exc:
        raise CorpusError(f"cannot read {path}: {exc.strerror or exc}") from exc


@functools.cache
def postings(path: Path) -> dict[str, dict[str, Any]]:
    """Every posting of a postings file, by id."""
    return {posting["id"]: posting for posting in read_jsonl(path)}


@dataclass(frozen=True)
class Example:
    """A posting and its reference label."""

    posting: Mapping[str, Any]
    label: Mapping[str, Any]


def labelled(
    label_rows: Iterable[Mapping[str, Any]], postings_path: Path | None = None
) -> list[Example]:
    """Join label rows with their postings (inline fields win over the postings file)."""
    examples = []
    library: dict[str, dict[str, Any]] | None = None
    for row in label_rows:
        if "title" in row:
            posting = {key: row.get(key) for key in ("id", *POSTING_FIELDS, "posted", "dataset")}
        else:
            if postings_path is None:
                raise CorpusError(
                    f"label for posting {row.get('id')!r} has no fields inline and no "
                    "postings file was given (a data directory's corpus)"
                )
            library = library if library is not None else postings(postings_path)
            if row.get("id") not in library:
                raise CorpusError(
                    f"label for unknown posting {row.get('id')!r}: give its fields inline"
                )
            posting = library[row["id"]]
        examples.append(Example(posting, row))
    return examples


def load_examples(path: Path, postings_path: Path | None = None) -> list[Example]:
    """The labelled examples of a labels file, joined with the postings it names by id."""
    return labelled(list(read_jsonl(path)), postings_path)


@dataclass(frozen=True)
class Corpus:
    """The postings and reference labels of a data directory."""

    postings_path: Path
    labels_path: Path

    def postings(self) -> dict[str, dict[str, Any]]:
        return postings(self.postings_path)

    def posting(self, posting_id: str) -> dict[str, Any]:
        try:
            return self.postings()[posting_id]
        except KeyError:
            raise CorpusError(f"{self.postings_path}: no posting {posting_id!r}") from None

    def label_rows(self) -> list[dict[str, Any]]:
        return list(read_jsonl(self.labels_path))

    def reference_examples(self, rounds: Iterable[int] | None = None) -> list[Example]:
        """The reference labels (of the given labelling rounds only), with their postings."""
        chosen = set(rounds) if rounds is not None else None
        rows = [row for row in self.label_rows() if chosen is None or row.get("round") in chosen]
        return labelled(rows, self.postings_path)

    def examples(self, labels: Path) -> list[Example]:
        """Another labels file (jobradar's own, a user's) joined with these postings."""
        return load_examples(labels, self.postings_path)


def taxonomy_examples() -> list[Example]:
    """The typical titles taxonomy.md gives each role, as labelled titles without a text.

    Weak supervision from the specification itself: the scarcest roles (cloud ML, edge
    AI) have two to five labelled postings, too few for the model to learn the titles that
    name them.
    """
    return [
        Example({"id": f"taxonomy:{role.slug}:{number}", "title": title}, {"role": role.slug})
        for role in ROLES
        for number, title in enumerate(role.titles)
    ]


def _posted(posting: Mapping[str, Any]) -> datetime | None:
    value = posting.get("posted")
    if isinstance(value, str) and len(value) >= 10:
        try:
            return datetime.combine(date.fromisoformat(value[:10]), time(), tzinfo=UTC)
        except ValueError:
            pass
    return None


def _salary_fields(source_salary: Any) -> tuple[str | None, dict[str, Any] | None]:
    """A board's own salary field as (pay text, structured pay block).

    Estimates (`kind: board-estimate`: Glassdoor's, ai-jobs.net's "*") are not posted pay.
    The corpus's board-structured figures are aggregator values (Adzuna predicts and
    annualises; Reed's differ from the posted text), so only a structured block of a kind
    jobradar's sources produce is used.
    """
    if not isinstance(source_salary, Mapping):
        return (source_salary if isinstance(source_salary, str) else None), None
    kind = source_salary.get("kind")
    if kind == "board-estimate":
        return None, None
    if "text" in source_salary and kind != "board-structured":
        return str(source_salary["text"]), None
    if kind in STRUCTURED_KINDS:
        return None, dict(source_salary)
    return None, None


def facts(posting: Mapping[str, Any]) -> Facts:
    """What the extractors read from a corpus posting (or a `jobradar classify` input line)."""
    salary_raw, pay = _salary_fields(posting.get("source_salary"))
    return listing_facts(
        {
            "title": posting.get("title"),
            "description_text": description_text(
                posting.get("description") or "", posting.get("format") or "text"
            ),
            "location_raw": posting.get("location"),
            "salary_raw": salary_raw,
            "pay_structured": pay,
            "posted_at": _posted(posting),
        }
    )
