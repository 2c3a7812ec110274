"""Role classifiers behind one small interface, and the loader the pipelines use."""

from __future__ import annotations

import contextlib
import logging
import os
import tempfile
from collections.abc import Iterator, Sequence
from importlib import resources
from pathlib import Path
from typing import Protocol

from sklearn.pipeline import Pipeline

from jobradar.classifier import training
from jobradar.classifier.annotate import source_digest
from jobradar.classifier.corpus import Corpus
from jobradar.classifier.model import as_rows
from jobradar.classifier.rules import role_from_title

log = logging.getLogger(__name__)
MODEL_ENV = "JOBRADAR_MODEL"


class RoleModel(Protocol):
    """Anything that tags listings with a role and a confidence."""

    version: str

    def predict(self, titles: Sequence[str], texts: Sequence[str]) -> list[tuple[str, float]]:
        """One (role slug, confidence in [0, 1]) per listing."""
        ...


class TitleRuleModel:
    """The title-rule classifier: a role only where a title names one, else `other`.

    Its confidence is 1.0 for a rule hit and 0.0 for the fallback: rules are not
    calibrated. Kept as the baseline the trained model is measured against.
    """

    def __init__(self) -> None:
        # The rules read what titles.py parses.
        self.version = "title-rules-" + source_digest("rules.py", "titles.py")[:10]

    def predict(self, titles: Sequence[str], texts: Sequence[str]) -> list[tuple[str, float]]:
        results = []
        for title in titles:
            role = role_from_title(title)
            results.append((role, 1.0) if role else ("other", 0.0))
        return results


class TrainedRoleModel:
    """The trained pipeline of `jobradar.classifier.model`, with its calibrated top probability."""

    def __init__(self, pipeline: Pipeline, version: str) -> None:
        self.pipeline = pipeline
        self.version = version

    def predict(self, titles: Sequence[str], texts: Sequence[str]) -> list[tuple[str, float]]:
        if not titles:
            return []
        probabilities = self.pipeline.predict_proba(as_rows(titles, texts))
        best = probabilities.argmax(axis=1)
        classes = self.pipeline.classes_
        return [
            (str(classes[column]), float(row[column]))
            for column, row in zip(best, probabilities, strict=True)
        ]


def load_role_model(path: Path | None = None, corpus: Corpus | None = None) -> TrainedRoleModel:
    """The trained classifier: `path`, else `$JOBRADAR_MODEL`, else the packaged model.

    A model named by the user that cannot be loaded is refused (`ModelError`). The
    packaged model, when this scikit-learn cannot load it, is retrained in memory from
    `corpus` (the data directory's labels; a few seconds), or refused without one.
    """
    chosen = path or (Path(os.environ[MODEL_ENV]) if os.environ.get(MODEL_ENV) else None)
    if chosen is not None:
        pipeline, metadata = training.load(chosen)
        return TrainedRoleModel(pipeline, metadata.version)
    try:
        with _packaged_model() as packaged:
            pipeline, metadata = training.load(packaged)
    except training.ModelError as problem:
        if corpus is None:
            raise training.ModelError(
                f"{problem}; without a data directory (--data-dir, $JOBRADAR_DATA) to "
                "retrain from, install the scikit-learn jobradar pins"
            ) from problem
        log.warning("%s; retraining the packaged model in memory", problem)
        pipeline, metadata = training.train_packaged(corpus, validate=False)
    return TrainedRoleModel(pipeline, metadata.version)


@contextlib.contextmanager
def _packaged_model() -> Iterator[Path]:
    """The packaged model as a file with its metadata beside it: inside a zipped egg
    (Scrapyd) both are copied out first (importlib.resources, never `__file__`)."""
    if training.PACKAGED_MODEL.is_file():
        yield training.PACKAGED_MODEL
        return
    data = resources.files(__package__).joinpath("data")
    with tempfile.TemporaryDirectory(prefix="jobradar-model-") as tmp:
        model = Path(tmp) / training.PACKAGED_MODEL.name
        for target in (model, training.metadata_path(model)):
            target.write_bytes(data.joinpath(target.name).read_bytes())
        yield model


def low_confidence_below(path: Path | None = None) -> float | None:
    """The confidence below which a model's role tags were right less than 70 % of the
    time in cross-validation on the development part (its metadata); None when unknown.

    The model is `path`, else `$JOBRADAR_MODEL`, else the packaged one.
    """
    chosen = path or (
        Path(os.environ[MODEL_ENV]) if os.environ.get(MODEL_ENV) else training.PACKAGED_MODEL
    )
    try:
        threshold = training.read_metadata(chosen).low_confidence_below
    except training.ModelError:
        return None
    return threshold or None
