"""Role classifier: training time and classification throughput (listings/s, one core).

Training: the packaged model's fit on the development part of the reference labels, jobradar's
own and the taxonomy's typical titles, once with the 5-fold cross-validation and the locked-test
measurement `jobradar train` runs and once as the final fit alone.
Throughput: every posting of the data directory's corpus (title and description text), scored in
the batches `jobradar classify` and re-tagging use; pinned to one core, best of `--repeat`.
Run: python -m bench.classifier [--repeat 3]
"""

from __future__ import annotations

import time
from collections.abc import Callable

from bench.machine import one_core_run
from jobradar.classifier import training
from jobradar.classifier.classify import BATCH
from jobradar.classifier.corpus import facts
from jobradar.classifier.roles import load_role_model


def _timed(work: Callable[[], object]) -> float:
    started = time.process_time()
    work()
    return time.process_time() - started


def main() -> None:
    args = one_core_run(__doc__.splitlines()[0])
    corpus = args.corpus
    everything = training.Dataset.of(training.packaged_training_examples(corpus))
    fit_seconds = _timed(lambda: training.fit(everything))
    full_seconds = _timed(lambda: training.train_packaged(corpus))
    print(
        f"training on {len(everything.roles)} examples: final fit {fit_seconds:.1f} s, "
        f"with 5-fold cross-validation {full_seconds:.1f} s (CPU time)"
    )
    model = load_role_model()
    all_facts = [facts(posting) for posting in corpus.postings().values()]
    titles = [f.title for f in all_facts]
    texts = [f.text for f in all_facts]

    def classify_all() -> None:
        for start in range(0, len(titles), BATCH):
            model.predict(titles[start : start + BATCH], texts[start : start + BATCH])

    best = min(_timed(classify_all) for _ in range(args.repeat))
    print(
        f"classification: {len(titles) / best:,.0f} listings/s ({len(titles)} postings, one core)"
    )


if __name__ == "__main__":
    main()
