"""The trained role classifier: what ships, how it is saved and loaded, and re-tagging."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import numpy as np
import pytest
from sklearn.feature_extraction.text import CountVectorizer

from jobradar.classifier import training
from jobradar.classifier.corpus import Corpus, Example, facts
from jobradar.classifier.model import _opening_words
from jobradar.classifier.roles import TrainedRoleModel, load_role_model, low_confidence_below
from jobradar.classifier.split import in_part, part
from jobradar.classifier.taxonomy import ROLE_SLUGS, ROLES
from jobradar.report.accuracy import ROLE_FIGURES
from tests.conftest import jobradar


@pytest.fixture(scope="module")
def shipped() -> TrainedRoleModel:
    return load_role_model()


def _reference(corpus: Corpus) -> list[Example]:
    """The development part of the reference labels: what the packaged model is scored
    on in cross-validation and trained on."""
    return in_part(corpus.reference_examples(), "dev")


def _label_lines(corpus: Corpus, count: int) -> str:
    """The first `count` reference labels, as lines of a labels file."""
    return "".join(json.dumps(row) + "\n" for row in corpus.label_rows()[:count])


def test_the_packaged_model_loads_and_its_metadata_states_how_it_was_made(corpus: Corpus) -> None:
    metadata = training.read_metadata(training.PACKAGED_MODEL)
    assert metadata.version == load_role_model().version
    assert metadata.sklearn_version == __import__("sklearn").__version__
    assert metadata.code_version == training.code_version(), "retrain: jobradar train"
    scores = metadata.cross_validation
    assert scores["folds"] == 5
    assert scores["examples"] == len(_reference(corpus))
    # the figures the README and the report quote, held to floors: a worse model must not
    # ship silently
    assert scores["accuracy"] >= 0.87
    assert scores["accuracy_title_only"] >= 0.85
    assert scores["macro_f1"] >= 0.78
    assert scores["expected_calibration_error"] <= 0.05
    assert set(scores["confusion"]) <= set(ROLE_SLUGS)
    for figures in (metadata.dev_cv, metadata.locked_test):
        named = [figures[name] for name in ROLE_FIGURES] + list(figures["role_recall"].values())
        for figure in named:
            assert set(figure) == {"value", "low", "high", "n"}
            assert figure["low"] <= figure["value"] <= figure["high"]
        assert figures["low_confidence_below"] == metadata.low_confidence_below
    assert metadata.dev_cv["role_accuracy"]["n"] == scores["examples"]
    assert metadata.dev_cv["role_accuracy"]["value"] == scores["accuracy"]
    assert 0.0 < low_confidence_below() == metadata.low_confidence_below < 1.0


def test_the_packaged_model_was_trained_on_the_packaged_labels(corpus: Corpus) -> None:
    examples = training.packaged_training_examples(corpus)
    metadata = training.read_metadata(training.PACKAGED_MODEL)
    assert training.Dataset.of(examples).sha256() == metadata.training_data_sha256
    assert all(part(i) == "dev" for i in metadata.trained_ids if not i.startswith("taxonomy:"))


def test_the_taxonomys_typical_titles_get_their_role(shipped: TrainedRoleModel) -> None:
    for role in ROLES:
        predicted = [
            slug for slug, _ in shipped.predict(list(role.titles), [""] * len(role.titles))
        ]
        assert predicted == [role.slug] * len(role.titles), role.titles


@pytest.mark.parametrize(
    ("title", "text", "role"),
    [
        ("Senior MLOps Engineer", "", "mlops"),
        ("Software Engineer, Inference", "", "model-serving"),
        ("Staff Engineer, GPU Infrastructure", "", "gpu-cluster"),
        ("ML Infrastructure Engineer", "", "ml-infrastructure"),
        ("Machine Learning Platform Engineer", "", "ml-platform"),
        ("Senior Data Engineer", "Airflow, dbt and Snowflake pipelines.", "data-platform"),
        ("Account Executive, Enterprise", "Own a sales quota.", "other"),
        ("Research Scientist, Pretraining", "", "research-scientist"),
        # The scarcest roles, learnt from the taxonomy's typical titles.
        ("Senior Cloud AI Engineer", "", "cloud-ml"),
        ("On-Device ML Engineer", "", "edge-ai"),
        # Deciding rule 8: the description says whether a title word is used outside ML.
        (
            "Senior Research Scientist, Medicinal Chemistry",
            "Lead the design and synthesis of small-molecule drug candidates, run "
            "structure-activity studies with our biology team. PhD in organic chemistry.",
            "other",
        ),
        (
            "Senior Research Scientist, Medicinal Chemistry",
            "Pretrain large language models for drug discovery and publish new training recipes.",
            "research-scientist",
        ),
        # The title decides when it names a role; the description when it does not.
        (
            "Ferncastle | Senior Software Engineer | San Francisco, CA | ONSITE",
            "Build our LLM agents: retrieval-augmented generation, prompt and eval pipelines.",
            "ai-engineer",
        ),
    ],
)
def test_unmistakable_titles_get_their_role(
    shipped: TrainedRoleModel, title: str, text: str, role: str
) -> None:
    [(predicted, confidence)] = shipped.predict([title], [text])
    assert predicted == role
    assert 0.0 < confidence <= 1.0


def test_every_listing_gets_a_role_of_the_taxonomy_and_a_probability(
    shipped: TrainedRoleModel,
) -> None:
    titles = ["", "Engineer", "<b>ML</b> | Remote | https://x.example", "数据科学家"]
    results = shipped.predict(titles, [""] * len(titles))
    assert len(results) == len(titles)
    assert all(role in ROLE_SLUGS and 0.0 <= p <= 1.0 for role, p in results)
    assert shipped.predict([], []) == []


@pytest.fixture(scope="module")
def small_model(tmp_path_factory: pytest.TempPathFactory, corpus: Corpus) -> Path:
    """A model trained quickly on part of the labels, saved to a temporary directory."""
    examples = _reference(corpus)[:300]
    pipeline, metadata = training.train(examples, validate=False)
    path = tmp_path_factory.mktemp("model") / "roles.skops"
    training.save(pipeline, metadata, path)
    return path


def test_a_saved_model_loads_back_with_the_same_predictions(small_model: Path) -> None:
    pipeline, metadata = training.load(small_model)
    model = TrainedRoleModel(pipeline, metadata.version)
    assert load_role_model(small_model).predict(["MLOps Engineer"], [""]) == model.predict(
        ["MLOps Engineer"], [""]
    )
    assert metadata.training_examples == 300


def test_a_model_from_another_scikit_learn_is_refused_with_a_clear_message(
    small_model: Path, tmp_path: Path
) -> None:
    moved = tmp_path / "old.skops"
    moved.write_bytes(small_model.read_bytes())
    meta = json.loads(training.metadata_path(small_model).read_text())
    meta["sklearn_version"] = "1.4.2"
    training.metadata_path(moved).write_text(json.dumps(meta))
    with pytest.raises(training.ModelError, match=r"scikit-learn 1\.4\.2.*jobradar train"):
        training.load(moved)


def test_a_model_needing_an_untrusted_type_is_refused(small_model: Path, tmp_path: Path) -> None:
    tampered = tmp_path / "tampered.skops"
    with zipfile.ZipFile(small_model) as original, zipfile.ZipFile(tampered, "w") as copy:
        for item in original.infolist():
            data = original.read(item)
            if item.filename == "schema.json":
                data = data.replace(b'"jobradar.classifier.model"', b'"os"', 1)
            copy.writestr(item, data)
    training.metadata_path(tampered).write_bytes(training.metadata_path(small_model).read_bytes())
    with pytest.raises(training.ModelError, match="does not trust"):
        training.load(tampered)


def test_a_model_without_metadata_or_not_a_model_is_refused(tmp_path: Path) -> None:
    bare = tmp_path / "bare.skops"
    bare.write_bytes(b"not a zip")
    with pytest.raises(training.ModelError, match="metadata"):
        training.load(bare)
    training.metadata_path(bare).write_text(
        json.dumps(vars(training.read_metadata(training.PACKAGED_MODEL)))
    )
    with pytest.raises(training.ModelError, match="not a skops file"):
        training.load(bare)


def test_the_packaged_model_is_retrained_when_it_cannot_be_loaded(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, shipped: TrainedRoleModel, corpus: Corpus
) -> None:
    # The packaged model as another scikit-learn would have saved it.
    stale = tmp_path / "role_model.skops"
    stale.write_bytes(training.PACKAGED_MODEL.read_bytes())
    meta = json.loads(training.metadata_path(training.PACKAGED_MODEL).read_text())
    training.metadata_path(stale).write_text(json.dumps({**meta, "sklearn_version": "1.4.2"}))
    monkeypatch.setattr(training, "PACKAGED_MODEL", stale)
    with pytest.raises(training.ModelError, match="without a data directory"):
        load_role_model()
    retrained = load_role_model(corpus=corpus)
    # the same labels, code and scikit-learn: the same model, fitted again in memory (its
    # probabilities equal up to floating-point rounding, which differs between machines)
    assert retrained.version == shipped.version
    titles = ["Senior MLOps Engineer", "Data Engineer", "Recruiter", "GPU Cluster Engineer"]
    again, before = retrained.predict(titles, [""] * 4), shipped.predict(titles, [""] * 4)
    assert [role for role, _ in again] == [role for role, _ in before]
    assert [p for _, p in again] == pytest.approx([p for _, p in before], abs=1e-9)


def test_a_user_model_that_cannot_be_loaded_is_a_usage_error(tmp_path: Path) -> None:
    result = jobradar(
        "classify", "--input", "-", cwd=tmp_path, env={"JOBRADAR_MODEL": str(tmp_path / "x.skops")}
    )
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
    assert "metadata" in result.stderr


def test_cross_validation_scores_every_label_once(small_model: Path, corpus: Corpus) -> None:
    examples = _reference(corpus)[:150]
    scores = training.cross_validate(training.Dataset.of(examples))
    assert scores["examples"] == 150
    assert sum(sum(row.values()) for row in scores["confusion"].values()) == 150
    assert 0.0 <= scores["expected_calibration_error"] <= 1.0


@pytest.mark.data
def test_train_command_writes_a_model_and_prints_cross_validated_figures(
    tmp_path: Path, corpus: Corpus
) -> None:
    labels = tmp_path / "labels.jsonl"
    labels.write_text(_label_lines(corpus, 200), encoding="utf-8")
    out = tmp_path / "model" / "roles.skops"
    result = jobradar("train", "--data", str(labels), "--out", str(out), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "5-fold cross-validation on 200 labels: accuracy" in result.stdout
    assert training.load(out)[1].training_examples == 200
    for bad, message in (
        ('{"id": "a", "title": "ML Engineer", "role": "mle"}\n', "role 'mle' is not one of"),
        ('{"id": "a", "title": "ML Engineer"}\n', "role None is not one of"),
        ('{"id": "a", "title": "ML Engineer", "role": "ml-engineer"}\n', "at least two roles"),
    ):
        (tmp_path / "bad.jsonl").write_text(bad, encoding="utf-8")
        refused = jobradar(
            "train", "--data", str(tmp_path / "bad.jsonl"), "--out", str(out), cwd=tmp_path
        )
        assert refused.returncode == 2
        assert refused.stderr.count("\n") == 1
        assert message in refused.stderr
    (tmp_path / "few.jsonl").write_text(_label_lines(corpus, 6), encoding="utf-8")
    too_few = jobradar("train", "--data", str(tmp_path / "few.jsonl"), cwd=tmp_path)
    assert too_few.returncode == 2
    assert "needs at least 10 labels; got 6" in too_few.stderr
    assert training.load(out)[1].training_examples == 200  # a refused training wrote nothing
    missing = jobradar("train", "--data", str(tmp_path / "nope.jsonl"), cwd=tmp_path)
    assert missing.returncode == 2
    assert "no such labels file" in missing.stderr


def test_the_description_counts_words_as_scikit_learn_does(
    shipped: TrainedRoleModel, corpus: Corpus
) -> None:
    description = shipped.pipeline.named_steps["features"].named_transformers_["description"]
    texts = [facts(example.posting).text for example in _reference(corpus)[:200]]
    reference = CountVectorizer(
        analyzer=_opening_words, vocabulary=description.vocabulary_, dtype=np.float32
    ).transform(texts)
    counted = description._counts(texts)
    assert counted.nnz > 10_000
    assert (counted != reference).nnz == 0
