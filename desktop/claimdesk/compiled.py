"""The compiled core: which modules mypyc compiles, and the guard that keeps a stale build from running.

The detector's cost is a long series of small Python steps per figure (the number grammar,
clauses, kind cues, fields), so `scripts/compile-core` compiles those modules with mypyc into
extension modules beside their sources; every `make` target that runs the app, its tests or
its benchmarks runs it first (it does nothing when the build is current). Without a compiler
or mypy the sources run as they are, with the same results, only slower.

Python prefers an extension module to the source beside it, so a source edited after the build
would silently run as its old compiled self. ``install_guard()`` (called when the package is
imported) therefore imports every compiled module from source when the text of one, or of a
module they import, no longer matches the SHA-256 recorded at build time in ``compiled.json``
(the build is one library: they call each other directly), and when ``CLAIMDESK_PURE_PYTHON=1`` is set (to profile
them, or to compare both builds). A frozen
bundle carries no sources and is built from a current compile: it skips the guard.
"""

from __future__ import annotations

import hashlib
import importlib.machinery
import importlib.util
import json
import os
import sys
from collections.abc import Sequence
from importlib.machinery import ModuleSpec
from pathlib import Path
from types import ModuleType

PACKAGE_ROOT = Path(__file__).resolve().parent  # desktop/claimdesk
# the figure-by-figure path of `suggest`; core/quantity.py and core/suggest/results.py stay plain
# Python, since the grammar and the detector build their objects through __dict__
COMPILED = (
    "claimdesk.core.numbers",
    "claimdesk.core.dates",
    "claimdesk.core.suggest",
    "claimdesk.core.suggest.clauses",
    "claimdesk.core.suggest.cues",
    "claimdesk.core.suggest.figures",
    "claimdesk.core.suggest.officials",
    "claimdesk.core.suggest.speakers",
)
GROUP = "claimdesk_core"  # mypyc's name for the build: its shared library is a top-level module
SHARED_LIBRARY = f"{GROUP}__mypyc"
MANIFEST = PACKAGE_ROOT / "compiled.json"  # written by scripts/compile-core; never committed
BUILD_LOCK = PACKAGE_ROOT / "compiled.lock"  # held by scripts/compile-core from its check to its record
PURE_PYTHON_VARIABLE = "CLAIMDESK_PURE_PYTHON"


def source_path(module: str, root: Path = PACKAGE_ROOT) -> Path:
    """The .py file of ``module`` (a package's is its __init__.py)."""
    relative = Path(*module.split(".")[1:])
    package = root / relative / "__init__.py"
    return package if package.is_file() else (root / relative).with_suffix(".py")


def source_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_manifest(path: Path = MANIFEST) -> dict[str, str]:
    """module -> SHA-256 of its source at build time (the compiled modules and the modules they
    import), for this interpreter's build;
    empty when there is no build, it is unreadable, or it was made for another Python."""
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(manifest, dict) or manifest.get("extension_suffix") != extension_suffix():
        return {}
    modules = manifest.get("modules")
    return {str(name): str(digest) for name, digest in modules.items()} if isinstance(modules, dict) else {}


def extension_suffix() -> str:
    return importlib.machinery.EXTENSION_SUFFIXES[0]


def stale_modules(manifest: dict[str, str], root: Path = PACKAGE_ROOT,
                  modules: Sequence[str] = COMPILED) -> list[str]:
    """The recorded sources edited since the build (compiled modules and those they import),
    and compiled modules the build lacks."""
    stale = []
    for module in sorted(set(modules) | set(manifest)):
        source = source_path(module, root)
        if module not in manifest or not source.is_file() or source_digest(source) != manifest[module]:
            stale.append(module)
    return stale


def leftover_extensions(expected: Sequence[Path], root: Path = PACKAGE_ROOT) -> list[Path]:
    """Extension modules for this Python under ``root`` that a build of COMPILED does not
    leave (``expected``): a module since dropped from COMPILED, whose old compiled self
    Python would still prefer to its source."""
    wanted = {path.resolve() for path in expected}
    return sorted(path for path in root.rglob(f"*{extension_suffix()}") if path.resolve() not in wanted)


def module_imports(module: str, root: Path = PACKAGE_ROOT) -> list[str]:
    """The absolute names ``module``'s source imports (``from x import y`` gives x and x.y,
    since y may be a submodule); relative imports resolved."""
    import ast

    source = source_path(module, root)
    names: list[str] = []
    for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and (node.module or node.level):
            base = _absolute(module, source.name == "__init__.py", node.module, node.level)
            names += [base, *(f"{base}.{alias.name}" for alias in node.names)]
    return names


def imported_sources(modules: Sequence[str], root: Path = PACKAGE_ROOT) -> list[str]:
    """The claimdesk modules that ``modules`` import, directly or through one another: mypyc
    compiles against their types and constants, so the build records their sources too."""
    seen, queue = set(modules), list(modules)
    while queue:
        for name in module_imports(queue.pop(), root):
            if name.startswith("claimdesk.") and name not in seen and source_path(name, root).is_file():
                seen.add(name)
                queue.append(name)
    return sorted(seen - set(modules))


def _absolute(module: str, is_package: bool, name: str | None, level: int) -> str:
    """The absolute name ``from <level dots><name> import ...`` means in ``module``."""
    if not level:
        return name or ""
    parts = module.split(".")
    package = parts if is_package else parts[:-1]
    base = package[:len(package) - level + 1]
    return ".".join([*base, name] if name else base)


def run_from_source(pure: bool, stale: Sequence[str], modules: Sequence[str] = COMPILED) -> list[str]:
    """All compiled modules or none: mypyc builds them as one library whose modules call and
    import each other directly, not through the import system, so one stale module means
    running every one from source."""
    return list(modules) if pure or stale else []


class SourceFirstFinder:
    """A meta path finder: ``modules`` as their .py source even where an extension module sits
    beside it. (Not an importlib.abc.MetaPathFinder: importing that costs startup ~16 ms.)"""

    def __init__(self, modules: Sequence[str]) -> None:
        self.modules = frozenset(modules)

    def find_spec(self, fullname: str, path: Sequence[str] | None,
                  target: ModuleType | None = None) -> ModuleSpec | None:
        if fullname not in self.modules:
            return None
        found = importlib.machinery.PathFinder.find_spec(fullname, path)
        if found is None or found.origin is None or found.origin.endswith(".py"):
            return found
        compiled = Path(found.origin)
        package = found.submodule_search_locations is not None
        source = compiled.parent / ("__init__.py" if package else fullname.rpartition(".")[2] + ".py")
        return importlib.util.spec_from_file_location(fullname, source) if source.is_file() else found


def install_guard() -> list[str]:
    """Route every compiled module to its source when one is stale or CLAIMDESK_PURE_PYTHON=1
    is set; returns their names. Says so on a terminal when a build exists but is stale
    (only speed differs; `make bench` names the modules that ran from source)."""
    if getattr(sys, "frozen", False) or any(isinstance(f, SourceFirstFinder) for f in sys.meta_path):
        return []
    manifest = read_manifest()
    pure = os.environ.get(PURE_PYTHON_VARIABLE) == "1"
    stale = [] if pure else stale_modules(manifest)
    # with the modules the build recorded, so one dropped from COMPILED since does not run compiled beside sources
    modules = run_from_source(pure, stale, sorted({*COMPILED, *manifest}))
    if not modules:
        return []
    if manifest and stale and sys.stderr is not None and sys.stderr.isatty():  # (tests read stderr)
        names = ", ".join(module.removeprefix("claimdesk.") for module in stale)
        sys.stderr.write(f"claimdesk: {names} changed since the compiled build; the detector runs from its "
                         "sources (slower; `make run`, `make test` or scripts/compile-core rebuilds it)\n")
    sys.meta_path.insert(0, SourceFirstFinder(modules))
    return modules


def compiled_in_use() -> dict[str, bool]:
    """module -> whether it runs compiled (imports them; for the benchmarks and the self-test)."""
    in_use = {}
    for module in COMPILED:
        origin = importlib.import_module(module).__file__ or ""
        in_use[module] = not origin.endswith(".py")
    return in_use
