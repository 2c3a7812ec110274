"""`jobradar classify` and `jobradar evaluate` as a user runs them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from jobradar.classifier import training
from jobradar.classifier.corpus import Corpus
from jobradar.classifier.split import part
from tests.conftest import jobradar

CONTRACT_KEYS = {"id", "role", "role_confidence", "seniority", "remote_type", "salary", "skills"}


def test_classify_answers_each_line_in_order_with_the_contract_shape(tmp_path: Path) -> None:
    lines = [
        {
            "id": "a",
            "title": "Senior MLOps Engineer (Remote)",
            "description": "Kubernetes, Kubeflow and MLflow. Salary: $150,000 - $180,000 per year.",
        },
        {
            "id": 7,
            "title": "Data Engineer",
            "format": "html",
            "description": "<p>Hybrid: 3 days a week in our London office.</p><p>£60,000 - £70,000 per annum</p>",
            "location": "London, UK",
        },
        {"id": "c", "title": "GPU Cluster Engineer", "source_salary": "$90 - $110 /hour"},
    ]
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    result = jobradar("classify", "--input", str(source), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [row["id"] for row in out] == ["a", "7", "c"]
    assert all(set(row) == CONTRACT_KEYS for row in out)
    assert out[0]["salary"] == {
        "min": 150000,
        "max": 180000,
        "currency": "USD",
        "period": "year",
        "annual_usd_min": 150000,
        "annual_usd_max": 180000,
    }
    assert (out[0]["seniority"], out[0]["remote_type"]) == ("senior", "remote")
    assert {"Kubernetes", "Kubeflow", "MLflow"} <= set(out[0]["skills"])
    assert out[1]["remote_type"] == "hybrid"
    assert out[1]["salary"]["currency"] == "GBP"
    assert out[1]["salary"]["annual_usd_min"] > 60000  # converted at the ECB rate, not 1:1
    assert (out[2]["salary"]["min"], out[2]["salary"]["period"]) == (90, "hour")
    assert out[2]["salary"]["annual_usd_min"] == 90 * 2080
    assert all(0 <= row["role_confidence"] <= 1 for row in out)


def test_classify_skips_a_bad_line_says_so_and_exits_non_zero(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(
        '{"id": "1", "title": "ML Engineer"}\n{not json\n{"id": "3"}\n{"id": "4", "title": "SRE"}\n',
        encoding="utf-8",
    )
    result = jobradar("classify", "--input", str(source), cwd=tmp_path)
    assert result.returncode == 1
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == ["1", "4"]
    assert "line 2" in result.stderr
    assert "line 3" in result.stderr
    assert "Traceback" not in result.stderr


def _label(
    number: int, *, title: str, description: str, salary: dict | None, remote: str, seniority: str
) -> dict:
    return {
        "id": f"t{number}",
        "title": title,
        "description": description,
        "role": "ml-engineer",
        "seniority": seniority,
        "remote": remote,
        "salary": salary,
        "multi_role": False,
    }


def test_evaluate_reports_figures_that_follow_from_the_labels(tmp_path: Path) -> None:
    usd = {"min": 150000, "max": 180000, "currency": "USD", "period": "year"}
    gbp = {"min": 60000, "max": 60000, "currency": "GBP", "period": "year"}
    rows = [
        _label(
            1,
            title="Senior ML Engineer",
            description="Fully remote. Salary: $150,000 - $180,000 per year.",
            salary=usd,
            remote="remote",
            seniority="senior",
        ),
        _label(
            2,
            title="ML Engineer",
            description="Salary: £50,000 per annum. Hybrid, 2 days a week in the office.",
            salary=gbp,
            remote="hybrid",
            seniority="unspecified",
        ),
        _label(
            3,
            title="Junior ML Engineer",
            description="We raised $50M in funding last year.",
            salary=None,
            remote="onsite",
            seniority="junior",
        ),
        _label(
            4,
            title="Staff ML Engineer",
            description="Join our team in Berlin.",
            salary=None,
            remote="unknown",
            seniority="lead",
        ),
    ]
    labels = tmp_path / "labels.jsonl"
    labels.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    result = jobradar("evaluate", "--data", str(labels), "--format", "json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    figures = json.loads(result.stdout)
    assert figures["examples"] == 4
    assert figures["salary"]["precision"] == 0.5  # the £50,000 is read, but labelled 60,000
    assert figures["salary"]["recall"] == 0.5
    assert figures["salary"]["false_salary_rate"] == 0.0  # funding is not pay
    assert figures["remote_accuracy"] == 0.75  # posting 3 is labelled on-site but says nothing
    assert figures["seniority_accuracy"] == 1.0
    assert figures["role_model"]["trained_on_these_labels"] == 0  # ids 1-4 trained nothing
    text = jobradar("evaluate", "--data", str(labels), cwd=tmp_path)
    assert "salary: precision 0.500, recall 0.500" in text.stdout
    assert "training-set figures" not in text.stdout


@pytest.mark.data
def test_evaluate_on_the_labels_the_model_learned_says_so(tmp_path: Path, corpus: Corpus) -> None:
    labels = tmp_path / "some.jsonl"
    trained = [row for row in corpus.label_rows() if part(row["id"]) == "dev"]
    labels.write_text("".join(json.dumps(row) + "\n" for row in trained[:20]), encoding="utf-8")
    text = jobradar("evaluate", "--data", str(labels), cwd=tmp_path)
    assert text.returncode == 0, text.stderr
    assert text.stdout.startswith("note: 20 of these labels trained the role model")
    scores = training.read_metadata(training.PACKAGED_MODEL).cross_validation
    assert f"cross-validated, it scores accuracy {scores['accuracy']:.3f}" in text.stdout


@pytest.mark.data
def test_evaluate_measures_the_locked_test_part_by_default(tmp_path: Path, corpus: Corpus) -> None:
    result = jobradar("evaluate", "--format", "json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    measured = json.loads(result.stdout)
    test = [row for row in corpus.label_rows() if part(row["id"]) == "test"]
    assert measured["part"] == "test"
    assert measured["examples"] == len(test)
    assert measured["role_model"]["trained_on_these_labels"] == 0
    metadata = training.read_metadata(training.PACKAGED_MODEL)
    assert measured["figures"]["role_accuracy"] == metadata.locked_test["role_accuracy"]
    refused = jobradar("evaluate", "--mistakes", str(tmp_path / "m.jsonl"), cwd=tmp_path)
    assert refused.returncode == 2
    assert "locked test part's mistakes are not read" in refused.stderr


def test_evaluate_names_a_missing_file_in_one_line(tmp_path: Path) -> None:
    result = jobradar("evaluate", "--data", str(tmp_path / "none.jsonl"), cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0
    assert "none.jsonl" in result.stderr
