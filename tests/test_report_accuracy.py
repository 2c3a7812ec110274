"""The accuracy the report quotes is the accuracy of the code that ships."""

from __future__ import annotations

import json

import pytest

from jobradar.classifier import training
from jobradar.classifier.corpus import Corpus
from jobradar.report.accuracy import EXTRACTION_ACCURACY, measure_extraction, measured_accuracy


@pytest.mark.data
def test_the_shipped_extraction_figures_match_the_extractors(corpus: Corpus) -> None:
    shipped = json.loads(EXTRACTION_ACCURACY.read_text(encoding="utf-8"))
    assert shipped == measure_extraction(corpus), "re-measure with: python -m bench.accuracy"


def test_the_role_figures_are_the_shipped_models_cross_validation() -> None:
    figures = measured_accuracy()
    scores = training.read_metadata(training.PACKAGED_MODEL).cross_validation
    assert figures["role_accuracy"] == scores["accuracy"]
    assert figures["role_accuracy_title_only"] == scores["accuracy_title_only"]
    assert figures["role_macro_f1"] == scores["macro_f1"]
