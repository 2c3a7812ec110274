"""The accuracy the report quotes is the accuracy of the code that ships."""

from __future__ import annotations

import json

from classifier import training
from jobradar.report.accuracy import EXTRACTION_ACCURACY, measure_extraction, measured_accuracy


def test_the_shipped_extraction_figures_match_the_extractors() -> None:
    shipped = json.loads(EXTRACTION_ACCURACY.read_text(encoding="utf-8"))
    assert shipped == measure_extraction(), "re-measure with: python -m bench.accuracy"


def test_the_role_figures_are_the_shipped_models_cross_validation() -> None:
    figures = measured_accuracy()
    scores = training.read_metadata(training.PACKAGED_MODEL).cross_validation
    assert figures["role_accuracy"] == scores["accuracy"]
    assert figures["role_accuracy_title_only"] == scores["accuracy_title_only"]
    assert figures["role_macro_f1"] == scores["macro_f1"]
