"""Role classifiers behind one small interface, and the loader the pipelines use."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

from classifier.rules import role_from_title


class RoleModel(Protocol):
    """Anything that tags listings with a role and a confidence."""

    version: str

    def predict(self, titles: Sequence[str], texts: Sequence[str]) -> list[tuple[str, float]]:
        """One (role slug, confidence in [0, 1]) per listing."""
        ...


class TitleRuleModel:
    """The title-rule classifier: a role only where a title names one, else `other`.

    Its confidence is 1.0 for a rule hit and 0.0 for the fallback: rules are not
    calibrated, and the report says which classifier produced the counts.
    """

    def __init__(self) -> None:
        source = Path(__file__).with_name("rules.py").read_bytes()
        self.version = "title-rules-" + hashlib.sha256(source).hexdigest()[:10]

    def predict(self, titles: Sequence[str], texts: Sequence[str]) -> list[tuple[str, float]]:
        results = []
        for title in titles:
            role = role_from_title(title)
            results.append((role, 1.0) if role else ("other", 0.0))
        return results


def load_role_model() -> RoleModel:
    """The classifier the pipelines and reclassification use."""
    return TitleRuleModel()
