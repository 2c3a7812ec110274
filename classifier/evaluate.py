"""How good jobradar's tags are, measured on labelled postings.

Salary: a prediction is correct when min, max, currency and period all equal the label
(amounts to the cent); precision is over postings given a salary, recall over postings
labelled with one, and the false-salary rate over postings labelled without one.
Roles: accuracy, per-role precision/recall/F1, macro-F1 over the roles with at least
five labelled examples, the confusion matrix, and accuracy on titles alone.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
from sklearn.metrics import precision_recall_fscore_support

from jobradar.classifier.annotate import Extracted, extract
from jobradar.classifier.corpus import Example, facts
from jobradar.classifier.salary import Salary
from jobradar.classifier.taxonomy import ROLE_SLUGS

if TYPE_CHECKING:
    from jobradar.classifier.roles import RoleModel

MIN_SUPPORT = 5  # roles with fewer labelled examples are shown but left out of macro-F1


def same_salary(predicted: Salary | None, label: Mapping[str, Any] | None) -> bool:
    if predicted is None or label is None:
        return predicted is None and label is None
    for name in ("min", "max"):
        value, expected = getattr(predicted, name), label.get(name)
        if (value is None) != (expected is None):
            return False
        if value is not None and abs(float(value) - float(expected or 0)) > 0.01:
            return False
    return predicted.currency == label.get("currency") and predicted.period == label.get("period")


@dataclass
class Evaluation:
    """Every figure `jobradar evaluate` reports."""

    examples: int
    salary: dict[str, float] = field(default_factory=dict)
    remote_accuracy: float = 0.0
    seniority_accuracy: float = 0.0
    role_accuracy: float = 0.0
    role_accuracy_title_only: float = 0.0
    macro_f1: float = 0.0
    per_role: dict[str, dict[str, float]] = field(default_factory=dict)
    confusion: dict[str, dict[str, int]] = field(default_factory=dict)
    mistakes: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {key: value for key, value in vars(self).items() if key != "mistakes"}


def _salary_scores(extracted: Sequence[Extracted], examples: Sequence[Example]) -> dict[str, float]:
    labelled = predicted = correct = false = without = 0
    for result, example in zip(extracted, examples, strict=True):
        label = example.label.get("salary")
        labelled += label is not None
        predicted += result.salary is not None
        correct += label is not None and same_salary(result.salary, label)
        without += label is None
        false += label is None and result.salary is not None
    return {
        "labelled": labelled,
        "predicted": predicted,
        "correct": correct,
        "precision": round(correct / predicted, 4) if predicted else 1.0,
        "recall": round(correct / labelled, 4) if labelled else 1.0,
        "false_salary_rate": round(false / without, 4) if without else 0.0,
    }


def score_roles(
    evaluation: Evaluation, truth: list[str], predicted: list[str], title_only: list[str]
) -> None:
    n = len(truth)
    evaluation.role_accuracy = round(
        sum(t == p for t, p in zip(truth, predicted, strict=True)) / n, 4
    )
    evaluation.role_accuracy_title_only = round(
        sum(t == p for t, p in zip(truth, title_only, strict=True)) / n, 4
    )
    support = Counter(truth)
    precision, recall, f1, _ = precision_recall_fscore_support(
        truth, predicted, labels=list(ROLE_SLUGS), zero_division=0
    )
    scored = []
    for index, role in enumerate(ROLE_SLUGS):
        if not support[role] and role not in predicted:
            continue
        evaluation.per_role[role] = {
            "support": support[role],
            "precision": round(float(precision[index]), 4),
            "recall": round(float(recall[index]), 4),
            "f1": round(float(f1[index]), 4),
        }
        if support[role] >= MIN_SUPPORT:
            scored.append(float(f1[index]))
    evaluation.macro_f1 = round(sum(scored) / len(scored), 4) if scored else 0.0
    for t, p in zip(truth, predicted, strict=True):
        row = evaluation.confusion.setdefault(t, {})
        row[p] = row.get(p, 0) + 1


def evaluate(examples: Sequence[Example], model: RoleModel) -> Evaluation:
    """Score extraction and role tags against the labels of `examples`."""
    evaluation = Evaluation(examples=len(examples))
    if not examples:
        return evaluation
    all_facts = [facts(example.posting) for example in examples]
    extracted = [extract(f) for f in all_facts]
    evaluation.salary = _salary_scores(extracted, examples)
    remote_hits = seniority_hits = 0
    for result, example in zip(extracted, examples, strict=True):
        remote_hits += result.work_mode.remote_type == example.label.get("remote")
        seniority_hits += result.seniority == example.label.get("seniority")
    evaluation.remote_accuracy = round(remote_hits / len(examples), 4)
    evaluation.seniority_accuracy = round(seniority_hits / len(examples), 4)

    titles = [f.title for f in all_facts]
    predicted = [role for role, _ in model.predict(titles, [f.text for f in all_facts])]
    title_only = [role for role, _ in model.predict(titles, [""] * len(titles))]
    truth = [str(example.label.get("role")) for example in examples]
    score_roles(evaluation, truth, predicted, title_only)
    for example, result, role in zip(examples, extracted, predicted, strict=True):
        label = example.label
        wrong: dict[str, tuple[Any, Any]] = {
            "role": (label.get("role"), role),
            "remote": (label.get("remote"), result.work_mode.remote_type),
            "seniority": (label.get("seniority"), result.seniority),
        }
        wrong = {name: pair for name, pair in wrong.items() if pair[0] != pair[1]}
        if not same_salary(result.salary, label.get("salary")):
            wrong["salary"] = (
                label.get("salary"),
                result.salary.model_dump(include={"min", "max", "currency", "period"})
                if result.salary
                else None,
            )
        if wrong:
            evaluation.mistakes.append(
                {"id": example.posting.get("id"), **{k: list(v) for k, v in wrong.items()}}
            )
    return evaluation


# 95 % percentile bootstrap intervals: postings resampled with replacement, a fixed seed so
# that the same predictions always give the same interval.
DRAWS = 1000
SEED = 13


def resamples(n: int, draws: int = DRAWS, seed: int = SEED) -> np.ndarray:
    """`draws` rows of `n` posting indices drawn with replacement."""
    return np.random.default_rng(seed).integers(0, n, size=(draws, n)) if n else np.zeros((0, 0))


def figure(value: float, draws: np.ndarray, n: int) -> dict[str, float | int]:
    """A measured figure: its value, 95 % interval and n, as every published figure is shaped."""
    finite = draws[np.isfinite(draws)]
    low, high = np.percentile(finite, [2.5, 97.5]) if finite.size else (value, value)
    return {
        "value": round(value, 4),
        "low": round(float(low), 4),
        "high": round(float(high), 4),
        "n": n,
    }


def ratio_figure(
    hits: Sequence[bool] | np.ndarray,
    counted: Sequence[bool] | np.ndarray,
    samples: np.ndarray,
    *,
    empty: float = 0.0,
) -> dict[str, float | int]:
    """hits / counted over the postings, with its interval (n: the postings counted)."""
    hit, count = np.asarray(hits, dtype=float), np.asarray(counted, dtype=float)
    total = float(count.sum())
    value = float(hit.sum()) / total if total else empty
    if not samples.size:
        return figure(value, np.array([]), int(total))
    with np.errstate(invalid="ignore", divide="ignore"):
        draws = hit[samples].sum(axis=1) / count[samples].sum(axis=1)
    return figure(value, draws, int(total))


def role_figures(
    truth: Sequence[str],
    predicted: Sequence[str],
    title_only: Sequence[str],
    *,
    recall_roles: Sequence[str],
) -> dict[str, Any]:
    """Role accuracy, macro-F1 (over roles with ≥ MIN_SUPPORT labels), titles-only accuracy
    and the recall of each of `recall_roles`, each with its bootstrap interval and n."""
    n = len(truth)
    samples = resamples(n)
    truth_a, predicted_a = np.asarray(truth, dtype=object), np.asarray(predicted, dtype=object)
    correct = truth_a == predicted_a
    everyone = np.ones(n, dtype=bool)
    support = Counter(truth)
    macro_roles = [role for role in ROLE_SLUGS if support[role] >= MIN_SUPPORT]
    f1_values = np.zeros((len(macro_roles),))
    f1_draws = np.zeros((len(macro_roles), len(samples)))
    for index, role in enumerate(macro_roles):
        is_role, said_role = truth_a == role, predicted_a == role
        tp, both = (is_role & correct).astype(float), is_role.astype(float) + said_role
        f1_values[index] = 2 * tp.sum() / both.sum()
        if samples.size:
            with np.errstate(invalid="ignore"):  # a role missing from a resample: no F1
                f1_draws[index] = 2 * tp[samples].sum(axis=1) / both[samples].sum(axis=1)
    macro = float(f1_values.mean()) if macro_roles else 0.0
    return {
        "role_accuracy": ratio_figure(correct, everyone, samples),
        "role_macro_f1": figure(
            macro, np.nanmean(f1_draws, axis=0) if macro_roles else np.array([]), n
        ),
        "role_accuracy_title_only": ratio_figure(
            np.asarray(truth, dtype=object) == np.asarray(title_only, dtype=object),
            everyone,
            samples,
        ),
        "role_recall": {
            role: ratio_figure(correct & (truth_a == role), truth_a == role, samples)
            for role in recall_roles
        },
    }


def extraction_figures(examples: Sequence[Example]) -> dict[str, dict[str, float | int]]:
    """Seniority, remote-type and salary figures of the extractors on `examples`, each with
    its bootstrap interval and n (the postings it counts: salary precision counts the
    postings given a salary, recall those labelled with one, the false-salary rate those
    labelled without one)."""
    extracted = [extract(facts(example.posting)) for example in examples]
    labelled = [example.label.get("salary") is not None for example in examples]
    given = [result.salary is not None for result in extracted]
    exact = [
        has and same_salary(result.salary, example.label.get("salary"))
        for has, result, example in zip(labelled, extracted, examples, strict=True)
    ]
    everyone = [True] * len(examples)
    samples = resamples(len(examples))
    return {
        "seniority_accuracy": ratio_figure(
            [
                r.seniority == e.label.get("seniority")
                for r, e in zip(extracted, examples, strict=True)
            ],
            everyone,
            samples,
        ),
        "remote_type_accuracy": ratio_figure(
            [
                r.work_mode.remote_type == e.label.get("remote")
                for r, e in zip(extracted, examples, strict=True)
            ],
            everyone,
            samples,
        ),
        "salary_precision": ratio_figure(exact, given, samples, empty=1.0),
        "salary_recall": ratio_figure(exact, labelled, samples, empty=1.0),
        "false_salary_rate": ratio_figure(
            [g and not lab for g, lab in zip(given, labelled, strict=True)],
            [not lab for lab in labelled],
            samples,
        ),
    }
