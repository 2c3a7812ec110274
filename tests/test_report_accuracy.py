"""The accuracy the report quotes is the accuracy of the code and the model that ship,
measured on the locked test part of the reference labels."""

from __future__ import annotations

import json

import pytest

from jobradar.classifier import training
from jobradar.classifier.corpus import Corpus
from jobradar.classifier.roles import load_role_model
from jobradar.classifier.split import DESCRIPTION, in_part
from jobradar.report.accuracy import (
    EXTRACTION_ACCURACY,
    EXTRACTION_FIGURES,
    ROLE_FIGURES,
    measure_extraction,
    measured_accuracy,
)


@pytest.mark.data
def test_the_shipped_extraction_figures_match_the_extractors(corpus: Corpus) -> None:
    shipped = json.loads(EXTRACTION_ACCURACY.read_text(encoding="utf-8"))
    assert shipped == measure_extraction(corpus), "re-measure with: python -m bench.accuracy"


def test_every_published_figure_is_a_value_with_its_interval_and_n() -> None:
    measured = measured_accuracy()
    assert measured["split"] == DESCRIPTION
    assert list(measured["figures"]) == [*ROLE_FIGURES, *EXTRACTION_FIGURES]
    for name, figure in measured["figures"].items():
        assert set(figure) == {"value", "low", "high", "n"}, name
        assert 0.0 <= figure["low"] <= figure["value"] <= figure["high"] <= 1.0, name
        assert figure["n"] > 0, name
    assert 0.0 < measured["low_confidence_below"] < 1.0


@pytest.mark.data
def test_the_role_figures_are_the_shipped_models_on_the_locked_test_part(corpus: Corpus) -> None:
    metadata = training.read_metadata(training.PACKAGED_MODEL)
    locked = in_part(corpus.reference_examples(), "test")
    assert not set(metadata.trained_ids) & {str(e.posting["id"]) for e in locked}
    # recomputed from the shipped model's predictions, not copied from its metadata
    found = training.predictions(load_role_model().pipeline, training.Dataset.of(locked))
    recomputed = training.published_figures(
        found,
        recall_roles=list(metadata.locked_test["role_recall"]),
        threshold=metadata.low_confidence_below,
    )
    assert recomputed == metadata.locked_test
    figures = measured_accuracy()["figures"]
    for name in ROLE_FIGURES:
        assert figures[name] == recomputed[name]
        assert figures[name]["n"] == len(locked)
