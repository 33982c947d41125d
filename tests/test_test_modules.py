"""No test module imports another: shared fixtures live in a conftest.py and shared helpers in
plain modules (tests/analysts.py, tests/factories.py, ...). Importing a test module couples the
files and re-runs its module code; its fixtures would also be collected twice."""

from __future__ import annotations

import ast

from tests.conftest import REPO


def _imported_test_modules(path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = ([alias.name for alias in node.names] if isinstance(node, ast.Import)
                 else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
        found += [name for name in names if name.startswith("tests.") and name.rpartition(".")[2].startswith("test_")]
    return found


def test_no_test_module_imports_another():
    offenders = {str(path.relative_to(REPO)): imported for path in sorted((REPO / "tests").rglob("*.py"))
                 if (imported := _imported_test_modules(path))}
    assert offenders == {}
