"""How good the published tags are, as measured, for the report's "how sure we are" section.

Role figures come from the metadata of the role model in use (5-fold cross-validation on
the reference labels). Extraction figures come from `extraction_accuracy.json`, written by
`python -m bench.accuracy` from `jobradar evaluate` on the reference labels; a
test recomputes them, so they cannot drift from the code.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from jobradar.classifier import training
from jobradar.classifier.corpus import Corpus
from jobradar.classifier.evaluate import evaluate
from jobradar.classifier.roles import MODEL_ENV, TitleRuleModel

EXTRACTION_ACCURACY = Path(__file__).with_name("extraction_accuracy.json")


def measure_extraction(corpus: Corpus) -> dict[str, Any]:
    """Salary, remote-type and seniority figures on the reference labels (the roles are not used)."""
    result = evaluate(corpus.reference_examples(training.PACKAGED_ROUNDS), TitleRuleModel())
    return {
        "labels": result.examples,
        "salary_precision": result.salary["precision"],
        "salary_recall": result.salary["recall"],
        "false_salary_rate": result.salary["false_salary_rate"],
        "remote_type_accuracy": result.remote_accuracy,
        "seniority_accuracy": result.seniority_accuracy,
    }


def measured_accuracy() -> dict[str, Any]:
    model = Path(os.environ[MODEL_ENV]) if os.environ.get(MODEL_ENV) else training.PACKAGED_MODEL
    figures: dict[str, Any] = json.loads(EXTRACTION_ACCURACY.read_text(encoding="utf-8"))
    try:
        scores = training.read_metadata(model).cross_validation
    except training.ModelError:
        return figures
    figures.update(
        {
            "role_accuracy": scores.get("accuracy"),
            "role_accuracy_title_only": scores.get("accuracy_title_only"),
            "role_macro_f1": scores.get("macro_f1"),
            "role_calibration_error": scores.get("expected_calibration_error"),
        }
    )
    return figures
