"""Extraction accuracy on the dev and the locked test part of the reference labels.

The reference labels are split once and for all by posting id (`classifier/split.py`): a quarter is a
locked test part, read only to report figures, never to look at its errors; the rest
(dev) is where rules are tuned and mistakes read. Each figure comes with a 95 %
bootstrap interval (postings resampled, 2,000 draws, fixed seed) and its n.
Run: python -m bench.extraction_split [--part dev|test|both] [--mistakes FIELD]
(`--mistakes` lists dev mistakes of one field: salary, remote or seniority.)
"""

from __future__ import annotations

import argparse
import json
import random
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from jobradar.classifier.annotate import Extracted, extract
from jobradar.classifier.corpus import Example, facts
from jobradar.classifier.evaluate import same_salary
from jobradar.classifier.split import part
from jobradar.datadir import require_data_dir

DRAWS = 2000


@dataclass
class Outcome:
    """One labelled posting's result, reduced to what the figures count."""

    salary_labelled: bool
    salary_predicted: bool
    salary_correct: bool
    remote_correct: bool
    seniority_correct: bool


def outcomes(examples: Sequence[Example]) -> tuple[list[Outcome], list[Extracted]]:
    extracted = [extract(facts(example.posting)) for example in examples]
    rows = []
    for example, result in zip(examples, extracted, strict=True):
        label = example.label.get("salary")
        rows.append(
            Outcome(
                salary_labelled=label is not None,
                salary_predicted=result.salary is not None,
                salary_correct=label is not None and same_salary(result.salary, label),
                remote_correct=result.work_mode.remote_type == example.label.get("remote"),
                seniority_correct=result.seniority == example.label.get("seniority"),
            )
        )
    return rows, extracted


def figures(rows: Sequence[Outcome]) -> dict[str, tuple[float, int, int]]:
    """Each figure as (value, numerator, denominator)."""
    predicted = sum(r.salary_predicted for r in rows)
    labelled = sum(r.salary_labelled for r in rows)
    correct = sum(r.salary_correct for r in rows)
    without = sum(not r.salary_labelled for r in rows)
    false = sum(r.salary_predicted and not r.salary_labelled for r in rows)
    remote = sum(r.remote_correct for r in rows)
    seniority = sum(r.seniority_correct for r in rows)
    n = len(rows)

    def ratio(a: int, b: int, empty: float) -> tuple[float, int, int]:
        return (a / b if b else empty, a, b)

    return {
        "salary_precision": ratio(correct, predicted, 1.0),
        "salary_recall": ratio(correct, labelled, 1.0),
        "false_salary_rate": ratio(false, without, 0.0),
        "remote_accuracy": ratio(remote, n, 0.0),
        "seniority_accuracy": ratio(seniority, n, 0.0),
    }


def bootstrap(rows: Sequence[Outcome]) -> dict[str, tuple[float, float]]:
    """95 % percentile intervals of every figure, postings resampled with replacement."""
    rng = random.Random(13)  # noqa: S311 (a reproducible resample, not a secret)
    draws: dict[str, list[float]] = {}
    for _ in range(DRAWS):
        sample = [rows[rng.randrange(len(rows))] for _ in rows]
        for name, (value, _, _) in figures(sample).items():
            draws.setdefault(name, []).append(value)
    return {
        name: (sorted(values)[int(0.025 * DRAWS)], sorted(values)[int(0.975 * DRAWS) - 1])
        for name, values in draws.items()
    }


def report(name: str, rows: Sequence[Outcome]) -> dict[str, Any]:
    found = figures(rows)
    intervals = bootstrap(rows)
    print(f"{name}: n = {len(rows)} labelled postings")
    for figure, (value, numerator, denominator) in found.items():
        low, high = intervals[figure]
        print(
            f"  {figure:<20} {value:.4f}  ({numerator}/{denominator})  95 % CI [{low:.4f}, {high:.4f}]"
        )
    return {
        figure: {"value": round(value, 4), "n": [numerator, denominator], "ci95": intervals[figure]}
        for figure, (value, numerator, denominator) in found.items()
    }


def _mistakes(examples: Sequence[Example], extracted: Sequence[Extracted], field: str) -> None:
    for example, result in zip(examples, extracted, strict=True):
        label = example.label
        if field == "salary":
            if same_salary(result.salary, label.get("salary")):
                continue
            got: Any = (
                result.salary.model_dump(include={"min", "max", "currency", "period", "text"})
                if result.salary
                else None
            )
            expected: Any = label.get("salary")
        elif field == "remote":
            got, expected = (
                (result.work_mode.remote_type, result.work_mode.evidence[:80]),
                label.get("remote"),
            )
            if got[0] == expected:
                continue
        else:
            got, expected = result.seniority, label.get("seniority")
            if got == expected:
                continue
        print(json.dumps({"id": example.posting["id"], "label": expected, "got": got}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", help="the corpus's data directory (default: ../shared)")
    parser.add_argument("--part", choices=("dev", "test", "both"), default="dev")
    parser.add_argument("--mistakes", choices=("salary", "remote", "seniority"))
    args = parser.parse_args()
    corpus = require_data_dir(args.data_dir).corpus()
    examples = corpus.reference_examples()
    parts = ("dev", "test") if args.part == "both" else (args.part,)
    for name in parts:
        chosen = [e for e in examples if part(str(e.posting["id"])) == name]
        rows, extracted = outcomes(chosen)
        report(name, rows)
        if args.mistakes and name == "dev":  # the test part's errors are never read
            _mistakes(chosen, extracted, args.mistakes)


if __name__ == "__main__":
    main()
