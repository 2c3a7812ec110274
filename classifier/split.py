"""The one split of the labelled postings: a development part and a locked test part.

A posting's part depends on its id alone: the first 8 bytes of sha256(SALT + id), read as
a number in [0, 1), put it in the locked test part when below `TEST_SHARE` (a quarter),
else in the development part. Nothing is tuned on the test part: features, rules,
parameters and thresholds are chosen on the development part (its cross-validation), its
mistakes are the only ones read, and no label on a test id trains a model, whoever wrote
the label (the reference readers or jobradar itself). The test part is read only to
report figures. The rule never changes: a new label lands in the part its id already
names, so a figure measured today and one measured after more labelling stay comparable.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import Literal, TypeVar

from jobradar.classifier.corpus import Example

Part = Literal["dev", "test"]
SALT = b"jobradar-split-v1:"
TEST_SHARE = 0.25
DESCRIPTION = "locked test (25 % of the reference labels)"

_E = TypeVar("_E", bound=Example)


def part(posting_id: str) -> Part:
    """The part a posting belongs to, by its id (`dataset:record`)."""
    digest = hashlib.sha256(SALT + posting_id.encode("utf-8", "surrogatepass")).digest()
    return "test" if int.from_bytes(digest[:8], "big") / 2**64 < TEST_SHARE else "dev"


def in_part(examples: Iterable[_E], chosen: Part) -> list[_E]:
    """The examples whose posting id falls in the `chosen` part, in their order."""
    return [example for example in examples if part(str(example.posting.get("id"))) == chosen]
