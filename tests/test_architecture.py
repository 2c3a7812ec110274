"""The seams between the packages, kept where docs/ARCHITECTURE.md says they are.

- nothing outside store/ builds SQL;
- store/ imports from classifier/ only the taxonomy;
- classifier/ imports nothing of the other packages (jobradar.errors, which imports
  nothing, is shared by all);
- every error a user can cause derives from `jobradar.errors.JobradarError`;
- the command line starts without loading the heavy libraries.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT

PACKAGES = ("crawler", "classifier", "store", "scheduler", "jobradar")
# What builds SQL: the expression constructors and raw text, and the ORM session.
SQL_NAMES = {
    "select",
    "insert",
    "update",
    "delete",
    "text",
    "func",
    "and_",
    "or_",
    "exists",
    "bindparam",
    "Session",
    "col",
}


def _modules(package: str) -> Iterator[tuple[Path, ast.Module]]:
    for path in sorted((ROOT / package).rglob("*.py")):
        if "migrations" not in path.parts:
            yield path, ast.parse(path.read_text(encoding="utf-8"))


def _imports(tree: ast.Module) -> Iterator[tuple[str, list[str]]]:
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            yield node.module, [alias.name for alias in node.names]
        elif isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, []


def _package_of(module: str) -> str | None:
    parts = module.split(".")
    if parts[0] != "jobradar":
        return None
    if len(parts) > 1 and parts[1] in PACKAGES[:4]:
        return parts[1]
    return "jobradar"


@pytest.mark.parametrize("package", ["crawler", "classifier", "scheduler", "jobradar"])
def test_nothing_outside_the_store_builds_sql(package: str) -> None:
    offenders = [
        f"{path.relative_to(ROOT)}: {module} {sorted(set(names) & SQL_NAMES)}"
        for path, tree in _modules(package)
        for module, names in _imports(tree)
        if module.startswith(("sqlalchemy", "sqlmodel")) and set(names) & SQL_NAMES
    ]
    assert offenders == []


def test_the_store_imports_only_the_taxonomy_from_the_classifier() -> None:
    offenders = [
        f"{path.relative_to(ROOT)}: {module}"
        for path, tree in _modules("store")
        for module, _ in _imports(tree)
        if _package_of(module) == "classifier" and module != "jobradar.classifier.taxonomy"
    ]
    assert offenders == []


def test_the_classifier_imports_nothing_of_the_other_packages() -> None:
    offenders = [
        f"{path.relative_to(ROOT)}: {module}"
        for path, tree in _modules("classifier")
        for module, _ in _imports(tree)
        if _package_of(module) not in {None, "classifier"} and module != "jobradar.errors"
    ]
    assert offenders == []


def test_no_module_imports_the_folders_under_their_own_names() -> None:
    # installed, they exist only inside `jobradar`; a bare `import crawler` works only
    # from a checkout, and would load a second copy of the module
    offenders = [
        f"{path.relative_to(ROOT)}: {module}"
        for package in (*PACKAGES, "tests", "bench")
        for path, tree in _modules(package)
        for module, _ in _imports(tree)
        if module.split(".")[0] in PACKAGES[:4]
    ]
    assert offenders == []


def test_every_error_class_derives_from_the_one_root() -> None:
    from jobradar.errors import JobradarError

    found = []
    for package in PACKAGES:
        for path, tree in _modules(package):
            for node in ast.walk(tree):
                if isinstance(node, ast.ClassDef) and node.name.endswith("Error"):
                    found.append((path, node.name))
    assert found
    for path, name in found:
        relative = path.relative_to(ROOT).with_suffix("")
        parts = relative.parts if relative.parts[0] == "jobradar" else ("jobradar", *relative.parts)
        module = __import__(".".join(parts), fromlist=[name])
        assert issubclass(getattr(module, name), JobradarError), f"{relative}: {name}"


def test_the_command_line_starts_without_the_heavy_libraries() -> None:
    code = (
        "import sys; from jobradar.cli import cli; "
        "heavy = [m for m in ('sklearn', 'scrapy', 'sqlalchemy', 'numpy', 'twisted') "
        "if m in sys.modules]; print(heavy)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
