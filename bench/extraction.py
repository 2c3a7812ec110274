"""Extraction throughput and salary accuracy, jobradar beside JobSpy 1.4.1, in one run.

Throughput: every posting of the data directory's corpus, its description already converted to
text (as the crawler's clean-text step leaves it), through work mode, salary, seniority and
skills; pinned to one core, best of `--repeat` passes. JobSpy's `LinkedIn._guess_salary`
reads the same texts. Accuracy: both on the reference labels, scored by the same rule as
`jobradar evaluate` (exact min, max, currency and period).
Run: python -m bench.extraction [--repeat 3]
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import Any

from bench.machine import one_core_run
from jobradar.classifier.annotate import Facts, extract
from jobradar.classifier.corpus import facts
from jobradar.classifier.evaluate import same_salary
from jobradar.classifier.salary.model import Period, Salary

JOBSPY_PERIODS: dict[str, Period] = {
    "yearly": "year",
    "monthly": "month",
    "weekly": "week",
    "daily": "day",
    "hourly": "hour",
}


def jobspy_salary(text: str) -> Salary | None:
    """JobSpy's guess as a jobradar Salary (it always says USD)."""
    from jobspy.linkedin import LinkedIn

    guess = LinkedIn._guess_salary(text)  # the peer's own extractor, private in JobSpy
    if guess.min_amount is None or guess.interval is None:
        return None
    return Salary(
        min=guess.min_amount,
        max=guess.max_amount,
        currency=guess.currency or "USD",
        period=JOBSPY_PERIODS[guess.interval.value],
        origin="text",
        text="",
    )


def throughput(run: Callable[[Any], object], items: Sequence[Any], repeat: int) -> float:
    """Items per second of CPU time, best of `repeat` passes (the least disturbed by other processes)."""
    best = float("inf")
    for _ in range(repeat):
        started = time.process_time()
        for item in items:
            run(item)
        best = min(best, time.process_time() - started)
    return len(items) / best


def salary_scores(
    predicted: Sequence[Salary | None], labels: Sequence[dict[str, Any] | None]
) -> dict[str, float]:
    given = sum(p is not None for p in predicted)
    labelled = sum(label is not None for label in labels)
    correct = sum(
        label is not None and same_salary(p, label)
        for p, label in zip(predicted, labels, strict=True)
    )
    without = len(labels) - labelled
    false = sum(label is None and p is not None for p, label in zip(predicted, labels, strict=True))
    return {
        "precision": correct / given if given else 1.0,
        "recall": correct / labelled if labelled else 1.0,
        "false_salary_rate": false / without if without else 0.0,
    }


def main() -> None:
    args = one_core_run(__doc__.splitlines()[0])
    corpus: list[Facts] = [facts(posting) for posting in args.corpus.postings().values()]
    print(
        f"{len(corpus)} postings, mean text {sum(len(f.text) for f in corpus) / len(corpus):.0f} characters"
    )
    ours = throughput(extract, corpus, args.repeat)
    texts = [f"{f.title}\n{f.text}" for f in corpus]
    theirs = throughput(jobspy_salary, texts, args.repeat)
    print(f"throughput, one core: jobradar {ours:,.0f} postings/s (all four extractors)")
    print(f"                      JobSpy _guess_salary {theirs:,.0f} postings/s (salary only)")

    examples = args.corpus.reference_examples()
    labels = [example.label.get("salary") for example in examples]
    labelled_facts = [facts(example.posting) for example in examples]
    for name, predicted in (
        ("jobradar", [extract(f).salary for f in labelled_facts]),
        ("JobSpy 1.4.1", [jobspy_salary(f"{f.title}\n{f.text}") for f in labelled_facts]),
    ):
        scores = salary_scores(predicted, labels)
        print(
            f"salary on {len(examples)} reference labels, {name}: precision {scores['precision']:.3f}, "
            f"recall {scores['recall']:.3f}, false-salary rate {scores['false_salary_rate']:.3f}"
        )


if __name__ == "__main__":
    main()
