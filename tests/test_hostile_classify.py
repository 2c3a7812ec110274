"""`jobradar classify` on hostile input: every line answered (tagged, or one line of error),
in order, none lost with a bad neighbour, and in bounded time."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jobradar.classifier.classify import BadLine, classify_lines
from jobradar.classifier.roles import TrainedRoleModel, load_role_model
from tests.conftest import jobradar

HOSTILE = st.sampled_from(
    [
        "\ud800",  # a lone surrogate: valid in JSON, not in UTF-8
        "$" + "9" * 309,  # a number past a float's range
        "$1,360,927'١٢٣",  # Arabic-Indic digits glued to a figure
        "<div>" * 300 + "deep" + "</div>" * 300,
        "\x00",
        "ML / " * 2000,
        "$1 " * 2000,
        "\u202eSenior MLOps Engineer",  # a right-to-left override, escaped
        "£Up to £90,000 GBP",
    ]
)
TEXT = st.lists(st.one_of(HOSTILE, st.text(max_size=50)), max_size=6).map("".join)


@pytest.fixture(scope="module")
def model() -> TrainedRoleModel:
    return load_role_model()


@settings(max_examples=60, deadline=None)
@given(
    lines=st.lists(
        st.one_of(
            st.fixed_dictionaries(
                {"id": st.integers(), "title": TEXT, "description": TEXT},
                optional={"format": st.sampled_from(["html", "text", "pdf"]), "location": TEXT},
            ).map(json.dumps),
            TEXT,  # not JSON at all
        ),
        min_size=1,
        max_size=8,
    )
)
def test_every_line_gets_an_answer_in_order(model: TrainedRoleModel, lines: list[str]) -> None:
    started = time.perf_counter()
    answers = list(classify_lines(lines, model))
    assert time.perf_counter() - started < 5.0
    expected = [number for number, line in enumerate(lines, 1) if line.strip()]
    answered = [answer.number if isinstance(answer, BadLine) else None for answer in answers]
    assert len(answers) == len(expected)
    for number, answer in zip(expected, answered, strict=True):
        assert answer in {None, number}


def test_a_file_with_bad_lines_writes_every_good_line_and_exits_1(tmp_path: Path) -> None:
    good = [{"id": str(n), "title": "MLOps Engineer", "description": "$150k"} for n in range(600)]
    lines = [json.dumps(record) for record in good]
    lines.insert(3, "{not json")
    lines.insert(400, json.dumps({"id": "x"}))  # no title
    lines.insert(550, json.dumps({"id": "y", "title": "Data Engineer", "format": "pdf"}))
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = jobradar("classify", "--input", str(source), cwd=tmp_path)
    assert result.returncode == 1
    written = [json.loads(line)["id"] for line in result.stdout.splitlines()]
    assert written == [record["id"] for record in good]  # every good line, in order
    errors = result.stderr.strip().splitlines()
    assert [error.split(":")[0:2] for error in errors] == [
        ["jobradar", " line 4"],
        ["jobradar", " line 401"],
        ["jobradar", " line 551"],
    ]
