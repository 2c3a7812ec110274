"""Precision and recall of cross-source duplicate detection on hand-checked samples.

Each sample is every pair of listings of the same company with similar titles (token-sort
similarity >= 60) between two sources of the corpus, each pair read and judged by hand:
same job (same company, same role at the same level, same place or remote, same posting
text) or not.
- `uk`: Adzuna vs LinkedIn UK listings, June 2026. Two matching rules were adjusted
  while reading it (work-mode notes in titles, remote jobs filed under several cities).
- `glassdoor`: two separate 2020 Glassdoor scrapes of US data-science listings, labelled
  and measured after those adjustments, without further tuning.
Run: python -m bench.dedupe
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from classifier.location import parse_places
from classifier.remote import detect_work_mode
from classifier.text import description_text
from store.dedupe import Posting, same_job
from store.keys import company_key

FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "fixtures"


def load_sample() -> tuple[dict[str, Posting], list[dict[str, object]]]:
    """The postings of both samples by corpus id, and the `uk` pairs."""
    with gzip.open(FIXTURES / "dedupe_postings.jsonl.gz", "rt", encoding="utf-8") as handle:
        raw = [json.loads(line) for line in handle]
    postings = {}
    for number, record in enumerate(raw):
        text = description_text(record.get("description") or "", record.get("format", "text"))
        mode = detect_work_mode(title=record["title"], text=text, location=record.get("location"))
        postings[record["id"]] = Posting(
            id=number,
            source=record["dataset"],
            company_key=company_key(record.get("company")),
            title=record["title"],
            location=record.get("location"),
            countries=parse_places(record.get("location"))[0],
            description=text,
            remote=mode.remote_type == "remote",
        )
    return postings, pairs_of("uk")


SAMPLES = {"uk": "dedupe_pairs.jsonl", "glassdoor": "dedupe_pairs_glassdoor.jsonl"}


def pairs_of(sample: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in (FIXTURES / SAMPLES[sample]).read_text().splitlines()]


def measure(sample: str) -> dict[str, float]:
    postings, _ = load_sample()
    pairs = pairs_of(sample)
    tp = fp = fn = 0
    for pair in pairs:
        predicted = same_job(postings[str(pair["a"])], postings[str(pair["b"])])
        truth = bool(pair["same_job"])
        tp += predicted and truth
        fp += predicted and not truth
        fn += truth and not predicted
    return {
        "pairs": len(pairs),
        "duplicates": tp + fn,
        "precision": round(tp / (tp + fp), 3) if tp + fp else 1.0,
        "recall": round(tp / (tp + fn), 3) if tp + fn else 1.0,
    }


if __name__ == "__main__":
    print(json.dumps({sample: measure(sample) for sample in SAMPLES}, indent=2))
