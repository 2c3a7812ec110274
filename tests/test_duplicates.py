"""The matcher's cheap forms of its rules give what the rules say."""

from __future__ import annotations

import re

import pytest

from jobradar.classifier.duplicates import _description_words, titles_match

WORDS = re.compile(r"[a-z0-9]+")  # the rule: runs of letters and digits of the lower-cased text


@pytest.mark.parametrize(
    "text",
    [
        "Run GPU clusters: Kubernetes, Slurm & Ray (24/7 on-call).",
        "Straße İstanbul café naïve x²y ﬁle — R&D-team",
        "K8s\tand\nPyTorch2.4\u00a0on\u2028H100s",
        "",
        "日本語の説明 only ASCII words count",
    ],
)
def test_description_words_are_the_runs_of_ascii_letters_and_digits(text: str) -> None:
    assert [word.decode() for word in _description_words(text)] == WORDS.findall(text.lower())


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("Senior Data Engineer (AWS) - Manchester", "Senior Data Engineer (AWS)", True),
        ("Sr. ML Engineer", "Senior Machine Learning Engineer", True),
        ("Data Engineer", "Data Scientist", False),
    ],
)
def test_titles_match_either_way_round(a: str, b: str, expected: bool) -> None:
    assert titles_match(a, b) is expected
    assert titles_match(b, a) is expected
