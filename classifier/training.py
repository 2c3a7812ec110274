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
from jobradar.classifier.evaluate import Evaluation, score_roles
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


def cross_validate(scored: Dataset, always: Dataset | None = None) -> dict[str, Any]:
    """Stratified k-fold scores on `scored`; the examples of `always` train every fold.

    Reports accuracy, accuracy on titles alone, macro-F1, per-role scores, the
    confusion matrix, and the expected calibration error of the top probability.
    """
    truth = np.array(scored.roles, dtype=object)
    counts = {role: scored.roles.count(role) for role in set(scored.roles)}
    # Roles rarer than the folds cannot be spread over all of them; they are dealt out
    # with `other`.
    strata = [role if counts[role] >= FOLDS else "other" for role in scored.roles]
    predicted = np.empty(len(truth), dtype=object)
    title_only = np.empty(len(truth), dtype=object)
    confidence = np.zeros(len(truth))
    folds = StratifiedKFold(FOLDS, shuffle=True, random_state=0)
    for train, test in folds.split(truth, strata):
        titles = [scored.titles[i] for i in train]
        texts = [scored.texts[i] for i in train]
        roles = [scored.roles[i] for i in train]
        if always is not None:
            titles, texts, roles = (
                titles + always.titles,
                texts + always.texts,
                roles + always.roles,
            )
        pipeline = fit(Dataset(titles, texts, roles))
        probabilities = pipeline.predict_proba(scored.rows(test))
        predicted[test] = pipeline.classes_[probabilities.argmax(axis=1)]
        confidence[test] = probabilities.max(axis=1)
        title_only[test] = pipeline.predict(scored.rows(test, titles_only=True))
    evaluation = Evaluation(examples=len(truth))
    score_roles(evaluation, list(truth), list(predicted), list(title_only))
    return {
        "folds": FOLDS,
        "examples": len(truth),
        "accuracy": evaluation.role_accuracy,
        "accuracy_title_only": evaluation.role_accuracy_title_only,
        "macro_f1": evaluation.macro_f1,
        "expected_calibration_error": round(calibration_error(truth, predicted, confidence), 4),
        "per_role": evaluation.per_role,
        "confusion": evaluation.confusion,
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
    scored: Sequence[Example], always: Sequence[Example] = (), *, validate: bool = True
) -> tuple[Pipeline, Metadata]:
    """Cross-validate on `scored` (with `always` in every fold), then fit on both."""
    started = time.perf_counter()
    scored_data, always_data = Dataset.of(scored), Dataset.of(always)
    if len(set(scored_data.roles + always_data.roles)) < 2:
        raise CorpusError("training needs labels of at least two roles")
    if validate and len(scored_data.roles) < 2 * FOLDS:
        raise CorpusError(
            f"{FOLDS}-fold cross-validation needs at least {2 * FOLDS} labels; "
            f"got {len(scored_data.roles)}"
        )
    scores = cross_validate(scored_data, always_data if always else None) if validate else {}
    everything = Dataset(
        scored_data.titles + always_data.titles,
        scored_data.texts + always_data.texts,
        scored_data.roles + always_data.roles,
    )
    pipeline = fit(everything)
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
    )
    return pipeline, metadata


# The labelling rounds of the reference labels that score (and train) the packaged model.
PACKAGED_ROUNDS = (1,)


def train_packaged(corpus: Corpus, *, validate: bool = True) -> tuple[Pipeline, Metadata]:
    """The shipped model: scored on the reference labels, trained on those, jobradar's own
    labels and the taxonomy's typical titles."""
    return train(
        corpus.reference_examples(PACKAGED_ROUNDS),
        packaged_extra_examples(corpus),
        validate=validate,
    )


def packaged_extra_examples(corpus: Corpus) -> list[Example]:
    """What trains every fold of the shipped model's cross-validation, and is never scored."""
    extra = corpus.examples(EXTRA_LABELS) if EXTRA_LABELS.exists() else []
    return extra + taxonomy_examples()


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
