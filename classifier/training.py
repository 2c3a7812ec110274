"""Training, cross-validating and persisting the role classifier.

A model is two files: `NAME.skops` (the fitted pipeline, in skops' format, loaded only
with the trusted types listed here) and `NAME.json` beside it (what it was trained on,
by which code and scikit-learn, and how well it cross-validated). A file that needs a
type not on the list, or that was saved by another scikit-learn, is never loaded.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import time
import zipfile
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import sklearn
import skops.io
from sklearn.model_selection import StratifiedKFold
from sklearn.pipeline import Pipeline

from jobradar.classifier import model as role_model
from jobradar.classifier.annotate import source_digest
from jobradar.classifier.corpus import (
    EXTRA_LABELS,
    Corpus,
    CorpusError,
    Example,
    facts,
    taxonomy_examples,
)
from jobradar.classifier.evaluate import (
    MIN_SUPPORT,
    Evaluation,
    ratio_figure,
    resamples,
    role_figures,
    score_roles,
)
from jobradar.classifier.split import in_part
from jobradar.classifier.taxonomy import ROLE_SLUGS
from jobradar.errors import JobradarError

PACKAGED_MODEL = Path(__file__).with_name("data") / "role_model.skops"
FOLDS = 5

# Everything the pipeline of `jobradar.classifier.model.build_pipeline` is made of beyond what
# skops trusts by default.
TRUSTED_TYPES: tuple[str, ...] = (
    "jobradar.classifier.model.Description",
    "jobradar.classifier.model.TitleRules",
    "jobradar.classifier.model.clean_title",
    "jobradar.classifier.model._opening_words",
)


class ModelError(JobradarError):
    """A model file that cannot or must not be loaded."""


@dataclass
class Metadata:
    """What is known about a trained model; written beside it as JSON."""

    version: str
    trained_at: str
    training_examples: int
    training_data_sha256: str
    code_version: str
    sklearn_version: str
    training_seconds: float
    cross_validation: dict[str, Any] = field(default_factory=dict)
    # the posting ids of every training label, so `evaluate` can tell when it is shown
    # labels the model learned (without the data directory the labels came from)
    trained_ids: list[str] = field(default_factory=list)
    # Published figures, each {"value", "low", "high", "n"} (95 % bootstrap interval):
    # out-of-fold on the development part, and on the locked test part (classifier/split.py).
    dev_cv: dict[str, Any] = field(default_factory=dict)
    locked_test: dict[str, Any] = field(default_factory=dict)
    # Tags less confident than this were right less than 70 % of the time (dev CV).
    low_confidence_below: float = 0.0


@dataclass
class Dataset:
    titles: list[str]
    texts: list[str]
    roles: list[str]

    @classmethod
    def of(cls, examples: Sequence[Example]) -> Dataset:
        """The examples' titles, texts and roles; a role outside the taxonomy is refused."""
        for example in examples:
            if example.label.get("role") not in ROLE_SLUGS:
                raise CorpusError(
                    f"label of {example.posting.get('id')!r}: role {example.label.get('role')!r} "
                    f"is not one of the taxonomy's ({', '.join(ROLE_SLUGS)})"
                )
        all_facts = [facts(example.posting) for example in examples]
        return cls(
            [f.title for f in all_facts],
            [f.text for f in all_facts],
            [str(example.label["role"]) for example in examples],
        )

    def rows(self, index: Sequence[int] | None = None, *, titles_only: bool = False) -> np.ndarray:
        chosen = range(len(self.roles)) if index is None else index
        titles = [self.titles[i] for i in chosen]
        texts = [""] * len(titles) if titles_only else [self.texts[i] for i in chosen]
        return role_model.as_rows(titles, texts)

    def sha256(self) -> str:
        digest = hashlib.sha256()
        for item in zip(self.titles, self.texts, self.roles, strict=True):
            digest.update(json.dumps(item).encode())
        return digest.hexdigest()


def code_version() -> str:
    """The digest of the code that defines the features and the rules."""
    return source_digest("model.py", "rules.py", "titles.py", "words.py", "text.py", "taxonomy.py")[
        :12
    ]


def fit(data: Dataset) -> Pipeline:
    """A role classifier fitted on every example of `data`."""
    pipeline = role_model.build_pipeline().fit(data.rows(), data.roles)
    # skops writes each numpy integer of a vocabulary as a file of its own: plain ints
    # make the saved model 10x smaller and 3x faster to load, with the same predictions.
    for _, transformer, _ in pipeline.named_steps["features"].transformers_:
        if hasattr(transformer, "vocabulary_"):
            transformer.vocabulary_ = {term: int(i) for term, i in transformer.vocabulary_.items()}
    return pipeline


@dataclass
class Predictions:
    """A model's roles for labelled postings: with their descriptions, from titles alone,
    and the probability of each role given."""

    truth: list[str]
    predicted: list[str]
    title_only: list[str]
    confidence: np.ndarray

    def correct(self) -> np.ndarray:
        return np.asarray(self.truth, dtype=object) == np.asarray(self.predicted, dtype=object)


def predictions(
    pipeline: Pipeline, data: Dataset, index: Sequence[int] | None = None
) -> Predictions:
    """What a fitted pipeline says of `data` (of its rows `index`)."""
    chosen = list(range(len(data.roles))) if index is None else list(index)
    probabilities = pipeline.predict_proba(data.rows(chosen))
    return Predictions(
        truth=[data.roles[i] for i in chosen],
        predicted=[str(role) for role in pipeline.classes_[probabilities.argmax(axis=1)]],
        title_only=[str(role) for role in pipeline.predict(data.rows(chosen, titles_only=True))],
        confidence=probabilities.max(axis=1),
    )


def out_of_fold(scored: Dataset, always: Dataset | None = None) -> Predictions:
    """Stratified k-fold predictions for every example of `scored`, each by a model that
    never saw it; the examples of `always` train every fold."""
    counts = {role: scored.roles.count(role) for role in set(scored.roles)}
    # Roles rarer than the folds cannot be spread over all of them; they are dealt out
    # with `other`.
    strata = [role if counts[role] >= FOLDS else "other" for role in scored.roles]
    n = len(scored.roles)
    result = Predictions([""] * n, [""] * n, [""] * n, np.zeros(n))
    folds = StratifiedKFold(FOLDS, shuffle=True, random_state=0)
    for train, test in folds.split(np.zeros(n), strata):
        part = Dataset(
            [scored.titles[i] for i in train],
            [scored.texts[i] for i in train],
            [scored.roles[i] for i in train],
        )
        if always is not None:
            part = Dataset(
                part.titles + always.titles, part.texts + always.texts, part.roles + always.roles
            )
        fold = predictions(fit(part), scored, test)
        for position, i in enumerate(test):
            result.truth[i] = fold.truth[position]
            result.predicted[i] = fold.predicted[position]
            result.title_only[i] = fold.title_only[position]
        result.confidence[test] = fold.confidence
    return result


def summary(found: Predictions) -> dict[str, Any]:
    """Accuracy, accuracy on titles alone, macro-F1, per-role scores, the confusion matrix,
    and the expected calibration error of the top probability."""
    evaluation = Evaluation(examples=len(found.truth))
    score_roles(evaluation, found.truth, found.predicted, found.title_only)
    truth = np.asarray(found.truth, dtype=object)
    predicted = np.asarray(found.predicted, dtype=object)
    return {
        "folds": FOLDS,
        "examples": len(found.truth),
        "accuracy": evaluation.role_accuracy,
        "accuracy_title_only": evaluation.role_accuracy_title_only,
        "macro_f1": evaluation.macro_f1,
        "expected_calibration_error": round(
            calibration_error(truth, predicted, found.confidence), 4
        ),
        "per_role": evaluation.per_role,
        "confusion": evaluation.confusion,
    }


def cross_validate(scored: Dataset, always: Dataset | None = None) -> dict[str, Any]:
    """Stratified k-fold scores on `scored`; the examples of `always` train every fold."""
    return summary(out_of_fold(scored, always))


# A tag below the low-confidence threshold is one of a group that was right less often
# than this, in cross-validation on the development part.
LOW_CONFIDENCE_ACCURACY = 0.7
_THRESHOLDS = np.round(np.arange(0.05, 1.0, 0.05), 2)
_MIN_BELOW = 20  # fewer tags than this below a threshold measure nothing


def low_confidence_threshold(found: Predictions) -> float:
    """The highest confidence (a multiple of 0.05) below which the tags were right less
    than `LOW_CONFIDENCE_ACCURACY` of the time; 0.0 when no such group of tags is large
    enough to say."""
    correct = found.correct()
    chosen = 0.0
    for threshold in _THRESHOLDS:
        below = found.confidence < threshold
        if below.sum() >= _MIN_BELOW and correct[below].mean() < LOW_CONFIDENCE_ACCURACY:
            chosen = float(threshold)
    return chosen


def published_figures(
    found: Predictions, *, recall_roles: Sequence[str], threshold: float
) -> dict[str, Any]:
    """The figures of `found` as published: values with 95 % intervals and n, and how
    right the tags below the low-confidence threshold were."""
    low = found.confidence < threshold
    return {
        **role_figures(found.truth, found.predicted, found.title_only, recall_roles=recall_roles),
        "role_accuracy_low_confidence": ratio_figure(
            found.correct() & low, low, resamples(len(low))
        ),
        "low_confidence_share": round(float(low.mean()), 4) if len(low) else 0.0,
        "low_confidence_below": threshold,
    }


def calibration_error(truth: np.ndarray, predicted: np.ndarray, confidence: np.ndarray) -> float:
    """Expected calibration error over ten equal-width confidence bins."""
    error = 0.0
    edges = np.linspace(0.0, 1.0, 11)
    for low, high in itertools.pairwise(edges):
        in_bin = (confidence > low) & (confidence <= high)
        if in_bin.any():
            accuracy = float((predicted[in_bin] == truth[in_bin]).mean())
            error += float(in_bin.mean()) * abs(accuracy - float(confidence[in_bin].mean()))
    return error


def train(
    scored: Sequence[Example],
    always: Sequence[Example] = (),
    *,
    validate: bool = True,
    locked: Sequence[Example] = (),
) -> tuple[Pipeline, Metadata]:
    """Cross-validate on `scored` (with `always` in every fold), fit on both, and measure
    the fitted model on `locked` (labels that neither train nor tune it)."""
    started = time.perf_counter()
    scored_data, always_data = Dataset.of(scored), Dataset.of(always)
    if len(set(scored_data.roles + always_data.roles)) < 2:
        raise CorpusError("training needs labels of at least two roles")
    if validate and len(scored_data.roles) < 2 * FOLDS:
        raise CorpusError(
            f"{FOLDS}-fold cross-validation needs at least {2 * FOLDS} labels; "
            f"got {len(scored_data.roles)}"
        )
    locked_data = Dataset.of(locked)
    # The recall of each role with enough labels to measure it where it is published.
    support = Counter(locked_data.roles or scored_data.roles)
    recall_roles = [role for role in ROLE_SLUGS if support[role] >= MIN_SUPPORT]
    scores: dict[str, Any] = {}
    dev_cv: dict[str, Any] = {}
    threshold = 0.0
    if validate:
        found = out_of_fold(scored_data, always_data if always else None)
        scores = summary(found)
        threshold = low_confidence_threshold(found)
        dev_cv = published_figures(found, recall_roles=recall_roles, threshold=threshold)
    everything = Dataset(
        scored_data.titles + always_data.titles,
        scored_data.texts + always_data.texts,
        scored_data.roles + always_data.roles,
    )
    pipeline = fit(everything)
    locked_test = (
        published_figures(
            predictions(pipeline, locked_data), recall_roles=recall_roles, threshold=threshold
        )
        if locked
        else {}
    )
    data_hash = everything.sha256()
    code = code_version()
    metadata = Metadata(
        version="roles-"
        + hashlib.sha256(f"{data_hash}{code}{sklearn.__version__}".encode()).hexdigest()[:10],
        trained_at=time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        training_examples=len(everything.roles),
        training_data_sha256=data_hash,
        code_version=code,
        sklearn_version=sklearn.__version__,
        training_seconds=round(time.perf_counter() - started, 2),
        cross_validation=scores,
        trained_ids=sorted({str(e.posting.get("id")) for e in (*scored, *always)}),
        dev_cv=dev_cv,
        locked_test=locked_test,
        low_confidence_below=threshold,
    )
    return pipeline, metadata


def train_packaged(corpus: Corpus, *, validate: bool = True) -> tuple[Pipeline, Metadata]:
    """The shipped model: cross-validated on the development part of the reference labels
    (every round), trained on those, jobradar's own labels on development ids and the
    taxonomy's typical titles, and measured on the locked test part."""
    reference = corpus.reference_examples()
    return train(
        in_part(reference, "dev"),
        packaged_extra_examples(corpus),
        validate=validate,
        locked=in_part(reference, "test") if validate else (),
    )


def packaged_extra_examples(corpus: Corpus) -> list[Example]:
    """What trains every fold of the shipped model's cross-validation, and is never scored:
    jobradar's own labels on development ids without a reference label, and the taxonomy's
    typical titles."""
    extra = corpus.examples(EXTRA_LABELS) if EXTRA_LABELS.exists() else []
    reference = {str(row.get("id")) for row in corpus.label_rows()}
    mine = [
        example
        for example in in_part(extra, "dev")
        if str(example.posting.get("id")) not in reference
    ]
    return mine + taxonomy_examples()


def packaged_training_examples(corpus: Corpus) -> list[Example]:
    """Every example the shipped model is fitted on."""
    return in_part(corpus.reference_examples(), "dev") + packaged_extra_examples(corpus)


def training_overlap(examples: Sequence[Example], metadata: Metadata) -> int:
    """How many of `examples` are among the labels a model was trained on."""
    trained = set(metadata.trained_ids)
    return sum(str(example.posting.get("id")) in trained for example in examples)


def metadata_path(path: Path) -> Path:
    return path.with_suffix(".json")


def save(pipeline: Pipeline, metadata: Metadata, path: Path) -> None:
    """Write the model and its metadata (each replaced whole, never half-written)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    for target, payload in (
        (path, skops.io.dumps(pipeline, compression=zipfile.ZIP_DEFLATED)),
        (metadata_path(path), json.dumps(asdict(metadata), indent=2).encode() + b"\n"),
    ):
        partial = target.with_name(target.name + ".partial")
        partial.write_bytes(payload)
        partial.replace(target)


def read_metadata(path: Path) -> Metadata:
    try:
        return Metadata(**json.loads(metadata_path(path).read_text(encoding="utf-8")))
    except FileNotFoundError as exc:
        raise ModelError(f"{path}: its metadata {metadata_path(path).name} is missing") from exc
    except (ValueError, TypeError) as exc:
        raise ModelError(f"{metadata_path(path)}: not a jobradar model's metadata") from exc


def _series(version: str) -> tuple[str, ...]:
    """Major and minor version: scikit-learn keeps estimators' state within a series, and
    jobradar pins one series, so a patch release does not strand the packaged model."""
    return tuple(version.split(".")[:2])


def load(path: Path) -> tuple[Pipeline, Metadata]:
    """A saved model, only if this scikit-learn release series saved it and it needs no
    untrusted type."""
    metadata = read_metadata(path)
    if _series(metadata.sklearn_version) != _series(sklearn.__version__):
        raise ModelError(
            f"{path} was trained with scikit-learn {metadata.sklearn_version}, this is "
            f"{sklearn.__version__}: retrain it with `jobradar train --out {path}`"
        )
    try:
        payload = path.read_bytes()
        untrusted = set(skops.io.get_untrusted_types(data=payload)) - set(TRUSTED_TYPES)
    except OSError as exc:
        raise ModelError(f"cannot read {path}: {exc.strerror or exc}") from exc
    except Exception as exc:  # skops raises assorted errors on a corrupt zip
        raise ModelError(f"{path}: not a skops file ({exc})") from exc
    if untrusted:
        raise ModelError(f"{path} needs types jobradar does not trust: {sorted(untrusted)}")
    return skops.io.loads(payload, trusted=list(TRUSTED_TYPES)), metadata
