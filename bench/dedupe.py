"""Precision and recall of cross-source duplicate detection on hand-checked samples.

Each sample is every pair of listings of the same company with similar titles (token-sort
similarity >= 60) between two sources of the corpus, each pair read and judged by hand:
same job (same company, same role at the same level, same place or remote, same posting
text) or not.
- `uk`: Adzuna vs LinkedIn UK listings, June 2026. Two matching rules were adjusted
  while reading it (work-mode notes in titles, remote jobs filed under several cities).
- `glassdoor`: two separate 2020 Glassdoor scrapes of US data-science listings, labelled
  and measured after those adjustments, without further tuning.
The pairs (ids and judgements) live in tests/fixtures; the postings are read from the
data directory's corpus by id.
Run: python -m bench.dedupe [--data-dir DIR]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from jobradar.classifier.corpus import Corpus
from jobradar.classifier.duplicates import Posting, company_key, same_job
from jobradar.classifier.location import parse_places
from jobradar.classifier.remote import detect_work_mode
from jobradar.classifier.text import description_text
from jobradar.datadir import require_data_dir

FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "fixtures"


def load_sample(corpus: Corpus) -> dict[str, Posting]:
    """The postings of both samples, by corpus id."""
    ids = sorted(
        {str(pair[side]) for sample in SAMPLES for pair in pairs_of(sample) for side in "ab"}
    )
    postings = {}
    for number, posting_id in enumerate(ids):
        record = corpus.posting(posting_id)
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
    return postings


SAMPLES = {"uk": "dedupe_pairs.jsonl", "glassdoor": "dedupe_pairs_glassdoor.jsonl"}


def pairs_of(sample: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in (FIXTURES / SAMPLES[sample]).read_text().splitlines()]


def measure(sample: str, corpus: Corpus) -> dict[str, float]:
    postings = load_sample(corpus)
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
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", help="the corpus's data directory (default: ../shared)")
    found = require_data_dir(parser.parse_args().data_dir).corpus()
    print(json.dumps({sample: measure(sample, found) for sample in SAMPLES}, indent=2))
