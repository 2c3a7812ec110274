"""Commands about the tags: `classify`, `evaluate`, `train` and `reclassify`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import click

from jobradar.classifier.taxonomy import ROLE_SLUGS
from jobradar.commands.common import data_dir_option, db_option, store
from jobradar.errors import UserError

if TYPE_CHECKING:
    from jobradar.classifier.corpus import Corpus, Example
    from jobradar.classifier.evaluate import Evaluation
    from jobradar.classifier.roles import TrainedRoleModel
    from jobradar.classifier.split import Part


@click.command("classify")
@click.option(
    "--input",
    "source",
    default="-",
    type=click.Path(exists=True, dir_okay=False, allow_dash=True),
    metavar="FILE|-",
    show_default=True,
    help="JSON lines to tag ('-' = stdin).",
)
@data_dir_option
def classify_command(source: str, data_dir: str | None) -> None:
    """Tag postings: JSON lines in, role, seniority, remote type, salary and skills out."""
    from jobradar.classifier.classify import BadLine, classify_lines
    from jobradar.classifier.roles import load_role_model
    from jobradar.datadir import find_corpus

    model = load_role_model(corpus=find_corpus(data_dir))
    bad = 0
    with click.open_file(source, "r", encoding="utf-8") as lines:
        for result in classify_lines(lines, model):
            if isinstance(result, BadLine):
                bad += 1
                click.echo(f"jobradar: line {result.number}: {result.reason}", err=True)
            else:
                click.echo(_json_line(result))
    if bad:
        raise SystemExit(1)


def _json_line(result: dict[str, Any]) -> str:
    """One output line: UTF-8 where it can be, escaped where the input held a lone
    surrogate (valid in JSON, not in UTF-8)."""
    line = json.dumps(result, ensure_ascii=False)
    try:
        line.encode("utf-8")
    except UnicodeEncodeError:
        return json.dumps(result)
    return line


@click.command("evaluate")
@click.option(
    "--data",
    "data",
    metavar="FILE",
    help="Labelled JSON lines (the corpus labels format); "
    "default: the data directory's reference labels, the part --part names.",
)
@click.option(
    "--part",
    "part_name",
    type=click.Choice(["test", "dev", "all"]),
    default="test",
    show_default=True,
    help="Without --data: the locked test part of the reference labels, the development "
    "part (which the packaged model trained on) or all of them.",
)
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@click.option(
    "--mistakes",
    "mistakes",
    type=click.Path(dir_okay=False),
    help="Write every disagreement here (JSON lines; never for the locked test part).",
)
@data_dir_option
def evaluate_command(
    data: str | None, part_name: str, fmt: str, mistakes: str | None, data_dir: str | None
) -> None:
    """Measure salary, remote type, seniority and role tags against labels."""
    from jobradar.classifier.corpus import load_examples
    from jobradar.classifier.evaluate import evaluate
    from jobradar.classifier.roles import load_role_model
    from jobradar.classifier.split import in_part
    from jobradar.console import console
    from jobradar.datadir import find_corpus, require_data_dir

    corpus: Corpus | None
    if data is None:
        corpus = require_data_dir(data_dir).corpus()
        reference = corpus.reference_examples()
        examples = reference if part_name == "all" else in_part(reference, cast("Part", part_name))
        if part_name == "test" and mistakes:
            raise UserError("the locked test part's mistakes are not read: use --part dev")
    else:
        path = Path(data)
        if not path.is_file():
            raise UserError(f"no such labels file: {data}")
        corpus = find_corpus(data_dir)
        examples = load_examples(path, corpus.postings_path if corpus else None)
    model = load_role_model(corpus=corpus)
    result = evaluate(examples, model)
    if mistakes:
        Path(mistakes).write_text(
            "".join(json.dumps(m, default=str) + "\n" for m in result.mistakes), encoding="utf-8"
        )
    seen = _seen_in_training(examples, model)
    figures = _with_intervals(examples, model) if data is None else None
    if fmt == "json":
        extra = {"part": part_name, "figures": figures} if figures else {}
        click.echo(json.dumps({**result.as_dict(), "role_model": seen, **extra}, indent=2))
        return
    if seen["trained_on_these_labels"]:
        # First, so that nobody quotes the figures below without reading it.
        cv = seen["cross_validation"]
        console.print(
            f"note: {seen['trained_on_these_labels']} of these labels trained the role model, "
            "so the role figures below are training-set figures; cross-validated, it scores "
            f"accuracy {cv['accuracy']:.3f} (titles only {cv['accuracy_title_only']:.3f}), "
            f"macro-F1 {cv['macro_f1']:.3f}"
            + (
                f"; on the locked test part, accuracy {seen['locked_test_accuracy']:.3f}"
                if seen.get("locked_test_accuracy") is not None
                else ""
            )
        )
    if figures:
        name = {"test": "the locked test part", "dev": "the development part", "all": "all"}
        console.print(f"{name[part_name]} of the reference labels, 95 % bootstrap intervals:")
        for figure, value in figures.items():
            console.print(f"  {figure:<25} {_measured(value)}")
    render_evaluation(result)


def _with_intervals(examples: list[Example], model: TrainedRoleModel) -> dict[str, Any]:
    """Every published figure of `examples`, each with its interval and n."""
    from jobradar.classifier.corpus import facts
    from jobradar.classifier.evaluate import extraction_figures, role_figures

    all_facts = [facts(example.posting) for example in examples]
    titles, texts = [f.title for f in all_facts], [f.text for f in all_facts]
    truth = [str(example.label.get("role")) for example in examples]
    roles = role_figures(
        truth,
        [role for role, _ in model.predict(titles, texts)],
        [role for role, _ in model.predict(titles, [""] * len(titles))],
        recall_roles=[],
    )
    roles.pop("role_recall")
    return {**roles, **extraction_figures(examples)}


def _seen_in_training(examples: list[Example], model: TrainedRoleModel) -> dict[str, Any]:
    """How many of the examples trained the model in use (known for the packaged model)."""
    from jobradar.classifier import training

    packaged = training.read_metadata(training.PACKAGED_MODEL)
    if packaged.version != model.version:
        return {"version": model.version, "trained_on_these_labels": None}
    scores = packaged.cross_validation
    return {
        "version": model.version,
        "trained_on_these_labels": training.training_overlap(examples, packaged),
        "cross_validation": {
            name: scores.get(name) for name in ("accuracy", "accuracy_title_only", "macro_f1")
        },
        "locked_test_accuracy": packaged.locked_test.get("role_accuracy", {}).get("value"),
    }


@click.command("train")
@click.option(
    "--data",
    "data",
    metavar="FILE",
    help="Labelled JSON lines to cross-validate and train on "
    "(default: the data directory's reference labels, plus jobradar's own labels in training).",
)
@click.option(
    "--out", "out", metavar="PATH", help="Where to write the model (default: the packaged one)."
)
@data_dir_option
def train_command(data: str | None, out: str | None, data_dir: str | None) -> None:
    """Train the role classifier, cross-validate it, and save it with its metadata."""
    from jobradar.classifier import training
    from jobradar.classifier.corpus import load_examples
    from jobradar.console import console
    from jobradar.datadir import find_corpus, require_data_dir

    if data is None:
        pipeline, metadata = training.train_packaged(require_data_dir(data_dir).corpus())
    else:
        path = Path(data)
        if not path.is_file():
            raise UserError(f"no such labels file: {data}")
        corpus = find_corpus(data_dir)
        examples = load_examples(path, corpus.postings_path if corpus else None)
        pipeline, metadata = training.train(examples)
    target = Path(out) if out else training.PACKAGED_MODEL
    training.save(pipeline, metadata, target)
    scores = metadata.cross_validation
    console.print(
        f"trained {metadata.version} on {metadata.training_examples} examples "
        f"in {metadata.training_seconds:.1f} s"
    )
    console.print(
        f"{scores['folds']}-fold cross-validation on {scores['examples']} labels: "
        f"accuracy {scores['accuracy']:.3f} (titles only {scores['accuracy_title_only']:.3f}), "
        f"macro-F1 {scores['macro_f1']:.3f}, "
        f"calibration error {scores['expected_calibration_error']:.3f}"
    )
    if metadata.locked_test:
        render_side_by_side(metadata.dev_cv, metadata.locked_test)
    console.print(f"wrote {target} and {training.metadata_path(target)}")


@click.command("reclassify")
@db_option
@data_dir_option
def reclassify_command(db: str | None, data_dir: str | None) -> None:
    """Re-tag stored listings that an older role model or older extractors tagged."""
    from jobradar.classifier.annotate import EXTRACTOR_VERSION
    from jobradar.classifier.roles import load_role_model
    from jobradar.console import console
    from jobradar.datadir import find_corpus
    from jobradar.scheduler.stages import tag

    engine = store(db)
    model = load_role_model(corpus=find_corpus(data_dir))
    changed = tag(engine, model)
    console.print(f"re-tagged {changed} listings with {model.version} and {EXTRACTOR_VERSION}")


def _measured(figure: dict[str, Any]) -> str:
    return f"{figure['value']:.3f} [{figure['low']:.3f}, {figure['high']:.3f}] n={figure['n']}"


def render_side_by_side(dev_cv: dict[str, Any], locked_test: dict[str, Any]) -> None:
    """The development part's cross-validated figures beside the locked test part's."""
    from jobradar.console import console, table

    names = [
        ("role accuracy", "role_accuracy"),
        ("macro-F1", "role_macro_f1"),
        ("titles only", "role_accuracy_title_only"),
    ]
    rows = [[label, _measured(dev_cv[name]), _measured(locked_test[name])] for label, name in names]
    rows += [
        [f"recall {role}", _measured(dev_cv["role_recall"][role]), _measured(figure)]
        for role, figure in locked_test["role_recall"].items()
    ]
    rows.append(
        [
            f"accuracy below {locked_test['low_confidence_below']:.2f} confidence",
            _measured(dev_cv["role_accuracy_low_confidence"]),
            _measured(locked_test["role_accuracy_low_confidence"]),
        ]
    )
    console.print(
        table(
            "Roles, 95 % intervals",
            ["figure", "dev, 5-fold cross-validation", "locked test (never tuned on)"],
            rows,
        )
    )


def render_evaluation(result: Evaluation) -> None:
    from jobradar.console import console, table

    salary = result.salary
    console.print(f"{result.examples} labelled postings")
    console.print(
        f"salary: precision {salary['precision']:.3f}, recall {salary['recall']:.3f} "
        f"({salary['correct']} of {salary['labelled']} exact), false-salary rate {salary['false_salary_rate']:.3f}"
    )
    console.print(
        f"remote type accuracy {result.remote_accuracy:.3f}; seniority accuracy {result.seniority_accuracy:.3f}"
    )
    console.print(
        f"role accuracy {result.role_accuracy:.3f} (titles only {result.role_accuracy_title_only:.3f}); "
        f"macro-F1 {result.macro_f1:.3f} over roles with ≥5 examples"
    )
    rows = [
        [
            role,
            scores["support"],
            f"{scores['precision']:.2f}",
            f"{scores['recall']:.2f}",
            f"{scores['f1']:.2f}",
        ]
        for role, scores in result.per_role.items()
    ]
    console.print(table("Per role", ["role", "support", "precision", "recall", "F1"], rows))
    roles = [
        role
        for role in ROLE_SLUGS
        if role in result.confusion or any(role in r for r in result.confusion.values())
    ]
    short = [role[:8] for role in roles]
    grid = [
        [truth, *[result.confusion.get(truth, {}).get(p, "") or "" for p in roles]]
        for truth in roles
        if truth in result.confusion
    ]
    console.print(table("Confusion (rows: label, columns: predicted)", ["label", *short], grid))
