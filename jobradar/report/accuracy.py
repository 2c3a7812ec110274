"""How good the published tags are, as measured, for the report's "how sure we are" section.

Every figure is measured on the locked test part of the reference labels
(`classifier/split.py`: a quarter of them, chosen by posting id, that nothing is trained
or tuned on) and published as `{"value", "low", "high", "n"}`: the value, its 95 %
bootstrap interval and the number of postings it counts. Role figures come from the
metadata of the role model in use (`jobradar train` measures them). Extraction figures
come from `extraction_accuracy.json`, written by `python -m bench.accuracy`; a test
recomputes both, so they cannot drift from the code.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from jobradar.classifier import training
from jobradar.classifier.corpus import Corpus
from jobradar.classifier.evaluate import extraction_figures
from jobradar.classifier.roles import MODEL_ENV
from jobradar.classifier.split import DESCRIPTION, in_part

EXTRACTION_ACCURACY = Path(__file__).with_name("extraction_accuracy.json")
ROLE_FIGURES = ("role_accuracy", "role_macro_f1", "role_accuracy_title_only")
EXTRACTION_FIGURES = (
    "seniority_accuracy",
    "remote_type_accuracy",
    "salary_precision",
    "salary_recall",
    "false_salary_rate",
)


def measure_extraction(corpus: Corpus) -> dict[str, Any]:
    """Seniority, remote-type and salary figures on the locked test part, with intervals."""
    figures = extraction_figures(in_part(corpus.reference_examples(), "test"))
    return {"split": DESCRIPTION, "figures": {name: figures[name] for name in EXTRACTION_FIGURES}}


def measured_accuracy() -> dict[str, Any]:
    """`{"split", "figures": {name: {"value", "low", "high", "n"}}, "low_confidence_below"}`.

    Role figures are left out for a model that was not measured on the locked test part
    (one trained on a user's labels).
    """
    model = Path(os.environ[MODEL_ENV]) if os.environ.get(MODEL_ENV) else training.PACKAGED_MODEL
    extraction = json.loads(EXTRACTION_ACCURACY.read_text(encoding="utf-8"))["figures"]
    try:
        metadata: training.Metadata | None = training.read_metadata(model)
    except training.ModelError:
        metadata = None
    locked = metadata.locked_test if metadata else {}
    figures = {name: locked[name] for name in ROLE_FIGURES if name in locked}
    figures.update({name: extraction[name] for name in EXTRACTION_FIGURES})
    return {
        "split": DESCRIPTION,
        "figures": figures,
        "low_confidence_below": locked.get("low_confidence_below"),
    }
