"""The layers of docs/architecture.md, read from the source (no import runs).

``core`` is the bottom layer: it imports no other Leerkring app, so every app may
build on it. The pure cores (composition, reflection) import no Django at all.
Imports under ``if TYPE_CHECKING:`` are for the type checker only and do not
count; tests may reach across (they build whole worlds).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "leerkring"


def _modules(app: str) -> Iterator[Path]:
    for path in sorted((PACKAGE / app).rglob("*.py")):
        parts = path.relative_to(PACKAGE).parts
        if "tests" not in parts and "migrations" not in parts:
            yield path


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(node: ast.AST) -> Iterator[str]:
    """Absolute module names imported at run time (relative ones stay inside)."""
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.If) and _is_type_checking(child):
            for other in child.orelse:
                yield from _imports(other)
            continue
        if isinstance(child, ast.Import):
            yield from (alias.name for alias in child.names)
        elif isinstance(child, ast.ImportFrom) and not child.level and child.module:
            yield child.module
        yield from _imports(child)


def _imported(app: str) -> dict[str, set[str]]:
    return {
        str(path.relative_to(PACKAGE)): set(_imports(ast.parse(path.read_text())))
        for path in _modules(app)
    }


def test_the_reader_sees_imports_in_functions_but_not_for_the_type_checker() -> None:
    source = (
        "from typing import TYPE_CHECKING\n"
        "import leerkring.core.audit\n"
        "if TYPE_CHECKING:\n    from leerkring.accounts.models import User\n"
        "def f():\n    from leerkring.meetings.models import Meeting\n"
    )
    assert set(_imports(ast.parse(source))) == {
        "typing",
        "leerkring.core.audit",
        "leerkring.meetings.models",
    }


def test_core_imports_no_other_leerkring_app() -> None:
    reaching_up = {
        module: sorted(
            name
            for name in names
            if name.startswith("leerkring.") and name.split(".")[1] != "core"
        )
        for module, names in _imported("core").items()
    }
    assert {m: names for m, names in reaching_up.items() if names} == {}


@pytest.mark.parametrize("app", ["composition", "reflection"])
def test_the_pure_cores_import_no_django_and_no_other_app(app: str) -> None:
    outside = {
        module: sorted(
            name
            for name in names
            if name.split(".")[0] == "django"
            or (name.startswith("leerkring.") and name.split(".")[1] != app)
        )
        for module, names in _imported(app).items()
    }
    assert {m: names for m, names in outside.items() if names} == {}
