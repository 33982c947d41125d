"""No test module imports another: shared fixtures live in a conftest.py and shared helpers in
plain modules (tests/analysts.py, tests/factories.py, ...). Importing a test module couples the
files and re-runs its module code; its fixtures would also be collected twice."""

from __future__ import annotations

import ast

from tests.conftest import REPO


def _imported_test_modules(path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = [alias.name for alias in node.names] if isinstance(node, ast.Import) else []
        if isinstance(node, ast.ImportFrom):  # 'from tests.ops import test_x' names the module in the alias
            package = node.module or ""
            if node.level:  # relative: taken as within tests/, near enough for a rule on tests' own modules
                package = f"tests.{package}" if package else "tests"
            names = [package, *(f"{package}.{alias.name}" for alias in node.names)]
        found += [name for name in names if name.startswith("tests.") and name.rpartition(".")[2].startswith("test_")]
    return found


def test_no_test_module_imports_another():
    offenders = {str(path.relative_to(REPO)): imported for path in sorted((REPO / "tests").rglob("*.py"))
                 if (imported := _imported_test_modules(path))}
    assert offenders == {}


def test_each_way_of_importing_a_test_module_is_found(tmp_path):
    source = tmp_path / "test_sample.py"
    source.write_text("import tests.ops.test_a\nfrom tests.cli.test_b import helper\nfrom tests.ops import test_c, d\n"
                      "from . import test_e\nfrom .test_f import x\nfrom tests import analysts\n", encoding="utf-8")
    found = _imported_test_modules(source)
    assert {"tests.ops.test_a", "tests.cli.test_b", "tests.ops.test_c", "tests.test_e", "tests.test_f"} <= set(found)
    assert not any(name.endswith(("analysts", ".d", ".x", "helper")) for name in found)
