"""The locked split of the labelled postings (classifier/split.py)."""

from __future__ import annotations

import pytest

from jobradar.classifier import training
from jobradar.classifier.corpus import Corpus, Example
from jobradar.classifier.split import TEST_SHARE, in_part, part


def test_a_postings_part_depends_on_its_id_alone_and_never_changes() -> None:
    # Pinned: a change of salt or rule would move labels between the parts, and a model
    # could then be scored on labels it was tuned or trained on.
    pinned = {
        "aijobsnet:106": "test",
        "aijobsnet:111": "dev",
        "aijobsnet:12": "test",
        "aijobsnet:124": "dev",
        "linkedin24:245": "dev",
    }
    assert {posting_id: part(posting_id) for posting_id in pinned} == pinned
    ids = [f"dataset:{n}" for n in range(4000)]
    assert [part(i) for i in ids] == [part(i) for i in reversed(ids)][::-1]
    share = sum(part(i) == "test" for i in ids) / len(ids)
    assert abs(share - TEST_SHARE) < 0.02
    assert part("ünïcode:\udcff") in ("dev", "test")


def test_in_part_keeps_order_and_the_two_parts_cover_everything() -> None:
    examples = [Example({"id": f"x:{n}"}, {"role": "other"}) for n in range(200)]
    dev, test = in_part(examples, "dev"), in_part(examples, "test")
    assert len(dev) + len(test) == 200
    assert {e.posting["id"] for e in dev}.isdisjoint(e.posting["id"] for e in test)
    assert dev == [e for e in examples if e in dev]


@pytest.mark.data
def test_about_a_quarter_of_the_reference_labels_are_locked_away(corpus: Corpus) -> None:
    examples = corpus.reference_examples()
    test = in_part(examples, "test")
    assert 0.22 < len(test) / len(examples) < 0.28
    # no label on a test id trains the packaged model, whoever wrote it
    training_ids = {str(e.posting.get("id")) for e in training.packaged_training_examples(corpus)}
    assert not training_ids & {str(e.posting["id"]) for e in test}
