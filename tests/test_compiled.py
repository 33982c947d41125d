"""The compiled core (claimdesk/compiled.py, scripts/compile-core): a stale build never runs,
the build and the sources suggest exactly the same, and `make test` runs the build it ships."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from claimdesk import compiled
from claimdesk.compiled import (COMPILED, SourceFirstFinder, extension_suffix, imported_sources, read_manifest,
                                run_from_source, source_digest, source_path, stale_modules)
from tests.conftest import REPO, SAMPLES, SHARED

MODULES = ("claimdesk.alpha", "claimdesk.beta", "claimdesk.beta.gamma")


@pytest.fixture
def package(tmp_path):
    """A fake claimdesk tree: alpha.py, the package beta/ and beta/gamma.py, with a manifest
    recording their current sources."""
    root = tmp_path / "claimdesk"
    (root / "beta").mkdir(parents=True)
    (root / "alpha.py").write_text("A = 1\n")
    (root / "beta" / "__init__.py").write_text("B = 2\n")
    (root / "beta" / "gamma.py").write_text("C = 3\n")
    return root


def digests(root: Path) -> dict[str, str]:
    return {module: source_digest(source_path(module, root)) for module in MODULES}


def test_source_path_names_a_module_file_or_a_package_init(package):
    assert source_path("claimdesk.alpha", package) == package / "alpha.py"
    assert source_path("claimdesk.beta", package) == package / "beta" / "__init__.py"
    assert source_path("claimdesk.beta.gamma", package) == package / "beta" / "gamma.py"
    assert source_path("claimdesk.core.numbers").is_file()  # the real tree


def test_a_current_build_has_no_stale_module(package):
    assert stale_modules(digests(package), package, MODULES) == []


def test_an_edited_source_runs_from_source(package):
    manifest = digests(package)
    (package / "beta" / "gamma.py").write_text("C = 4\n")
    assert stale_modules(manifest, package, MODULES) == ["claimdesk.beta.gamma"]


def test_the_build_records_the_modules_it_imports_and_an_edit_there_is_stale(package):
    (package / "alpha.py").write_text("from claimdesk.beta import gamma\nimport os\n")
    (package / "delta.py").write_text("D = 5\n")  # imported by nobody
    assert imported_sources(["claimdesk.alpha"], package) == ["claimdesk.beta", "claimdesk.beta.gamma"]
    manifest = {module: source_digest(source_path(module, package))
                for module in ("claimdesk.alpha", "claimdesk.beta", "claimdesk.beta.gamma")}
    assert stale_modules(manifest, package, ["claimdesk.alpha"]) == []
    (package / "beta" / "gamma.py").write_text("C = 4\n")  # not compiled, but compiled against
    assert stale_modules(manifest, package, ["claimdesk.alpha"]) == ["claimdesk.beta.gamma"]
    assert "claimdesk.core.quantity" in imported_sources(COMPILED)  # the real detector's


def test_a_module_missing_from_the_build_runs_from_source(package):
    manifest = digests(package)
    del manifest["claimdesk.alpha"]
    assert stale_modules(manifest, package, MODULES) == ["claimdesk.alpha"]
    assert stale_modules({}, package, MODULES) == list(MODULES)


def test_one_stale_module_sends_the_whole_build_to_source():
    """The build is one library whose modules call each other directly: a stale one among
    compiled ones would still run compiled, so all of them run from source."""
    assert run_from_source(pure=False, stale=["claimdesk.beta.gamma"], modules=MODULES) == list(MODULES)
    assert run_from_source(pure=False, stale=[], modules=MODULES) == []
    assert run_from_source(pure=True, stale=[], modules=MODULES) == list(MODULES)


def test_a_manifest_for_another_python_or_unreadable_counts_as_no_build(tmp_path):
    path = tmp_path / "compiled.json"
    path.write_text(json.dumps({"extension_suffix": ".cpython-399-x.so", "modules": {"claimdesk.alpha": "0"}}))
    assert read_manifest(path) == {}
    path.write_text("{not json")
    assert read_manifest(path) == {}
    assert read_manifest(tmp_path / "absent.json") == {}
    path.write_text(json.dumps({"extension_suffix": extension_suffix(), "modules": {"claimdesk.alpha": "0"}}))
    assert read_manifest(path) == {"claimdesk.alpha": "0"}


def test_the_finder_imports_the_source_beside_an_extension(tmp_path, monkeypatch):
    """An extension module beside a source wins in Python's own import; a stale one must not.
    The 'extension' here is not loadable at all, so importing it would fail."""
    root = tmp_path / "stalepkg"
    root.mkdir()
    (root / "__init__.py").write_text("")
    (root / "figures.py").write_text("WHERE = 'source'\n")
    (root / f"figures{extension_suffix()}").write_bytes(b"not a shared library")
    monkeypatch.syspath_prepend(str(tmp_path))
    for name in ("stalepkg", "stalepkg.figures"):
        monkeypatch.delitem(sys.modules, name, raising=False)
    with pytest.raises(ImportError):
        __import__("stalepkg.figures")  # Python's own choice: the (broken) extension
    monkeypatch.delitem(sys.modules, "stalepkg.figures", raising=False)
    monkeypatch.setattr(sys, "meta_path", [SourceFirstFinder(["stalepkg.figures"]), *sys.meta_path])
    module = __import__("stalepkg.figures", fromlist=["WHERE"])
    assert module.WHERE == "source" and module.__file__.endswith("figures.py")


def test_the_guard_is_installed_once_and_skipped_in_a_frozen_bundle(monkeypatch):
    monkeypatch.setattr(sys, "meta_path", [f for f in sys.meta_path if not isinstance(f, SourceFirstFinder)])
    monkeypatch.setenv(compiled.PURE_PYTHON_VARIABLE, "1")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    assert compiled.install_guard() == []
    monkeypatch.delattr(sys, "frozen")
    assert set(compiled.install_guard()) >= set(COMPILED)  # and any the build recorded besides
    assert compiled.install_guard() == []  # already in place
    assert sum(isinstance(f, SourceFirstFinder) for f in sys.meta_path) == 1


def _suggestions_of(texts: list[Path], pure: bool) -> str:
    """Every figure and suggestion of ``texts``, from a fresh interpreter running the build
    (or its sources)."""
    program = (
        "import json, sys\n"
        "from pathlib import Path\n"
        "from claimdesk.compiled import compiled_in_use\n"
        "from claimdesk.core.readers import read_document\n"
        "from claimdesk.core.numbers import find_quantities\n"
        "from claimdesk.core.suggest import suggest\n"
        "print(json.dumps(compiled_in_use()))\n"
        "for name in sys.argv[1:]:\n"
        "    path = Path(name)\n"
        "    text = read_document(path.read_bytes(), path.name).text\n"
        "    for q in find_quantities(text):\n"
        "        print(repr((q.start, q.end, str(q.value), q.high, q.comparator, q.currency, q.percent,\n"
        "                    q.conversion and q.conversion.start, q.excluded)))\n"
        "    for s in suggest(text, (), '2026-01-15'):\n"
        "        print(json.dumps([s.kind, s.start, s.end, s.anchor, s.confidence, s.fields],\n"
        "                         ensure_ascii=False, sort_keys=True, default=str))\n")
    environment = {**os.environ, compiled.PURE_PYTHON_VARIABLE: "1" if pure else "0"}
    done = subprocess.run([sys.executable, "-c", program, *map(str, texts)], capture_output=True, text=True,
                          env=environment, cwd=REPO, check=True)
    in_use, _, rest = done.stdout.partition("\n")
    assert set(json.loads(in_use).values()) == {not pure}
    return rest


NO_BUILD = not read_manifest() or bool(stale_modules(read_manifest()))


@pytest.mark.skipif(NO_BUILD, reason="no current compiled build (scripts/compile-core)")
def test_a_copy_of_the_build_with_one_source_edited_runs_every_module_from_source(tmp_path):
    """The real build, copied with its record; editing one compiled module's source must not
    leave the others running compiled beside it (they would call its old compiled self)."""
    desktop = compiled.PACKAGE_ROOT.parent
    shutil.copytree(desktop / "claimdesk", tmp_path / "claimdesk", ignore=shutil.ignore_patterns("__pycache__"))
    for library in desktop.glob(f"{compiled.SHARED_LIBRARY}*"):
        shutil.copy2(library, tmp_path)
    program = "import json; from claimdesk.compiled import compiled_in_use; print(json.dumps(compiled_in_use()))"

    def running() -> dict[str, bool]:
        environment = {**os.environ, "PYTHONPATH": str(tmp_path), compiled.PURE_PYTHON_VARIABLE: "0"}
        done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, env=environment,
                              cwd=tmp_path, check=True)
        return json.loads(done.stdout)

    assert set(running().values()) == {True}
    with (tmp_path / "claimdesk" / "core" / "suggest" / "figures.py").open("a", encoding="utf-8") as source:
        source.write("\n# edited after the build\n")
    assert set(running().values()) == {False}


@pytest.mark.skipif(NO_BUILD, reason="no current compiled build (scripts/compile-core)")
def test_the_build_suggests_exactly_what_the_sources_suggest():
    texts = sorted(p for p in SAMPLES.iterdir() if p.is_file())
    seeds = SHARED / "seeds"
    texts += sorted(p for p in seeds.iterdir() if p.is_file()) if seeds.is_dir() else []
    from_build, from_sources = _suggestions_of(texts, pure=False), _suggestions_of(texts, pure=True)
    assert from_build.count("\n") > 300  # the samples alone hold ~190 figures and suggestions
    assert from_build == from_sources


@pytest.mark.skipif(os.environ.get("CLAIMDESK_REQUIRE_COMPILED") != "1",
                    reason="only `make test` requires the build (it compiles first)")
def test_make_test_runs_the_compiled_build():
    """CI tests and benchmarks the build the bundle ships, not the sources beside it."""
    assert not stale_modules(read_manifest()), "scripts/compile-core did not leave a current build"
    assert all(compiled.compiled_in_use().values())


@pytest.mark.skipif(NO_BUILD or os.name == "nt", reason="needs a current build (else it would compile) and flock")
def test_compile_core_waits_for_a_build_in_progress_then_finds_it_current():
    """`make test` and `make bench` may both run compile-core: the second waits for the first
    (which holds the lock from its check to its record) instead of deleting its files mid-build."""
    import fcntl

    with open(compiled.BUILD_LOCK, "a+b") as held:
        fcntl.flock(held.fileno(), fcntl.LOCK_EX)  # as a compile-core in the middle of a build
        waiting = subprocess.Popen([sys.executable, str(REPO / "scripts" / "compile-core")], cwd=REPO,
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            assert "waiting for another compile-core" in waiting.stderr.readline()
        finally:
            fcntl.flock(held.fileno(), fcntl.LOCK_UN)
    out, _ = waiting.communicate(timeout=300)
    assert waiting.returncode == 0 and "compiling" not in out


def test_relative_imports_are_recorded_too(package):
    """A relative import escaped the record, so an edit there left the build running as current."""
    (package / "alpha.py").write_text("from .beta import gamma\n")
    (package / "beta" / "__init__.py").write_text("from . import gamma\nfrom .. import alpha\n")
    assert imported_sources(["claimdesk.alpha"], package) == ["claimdesk.beta", "claimdesk.beta.gamma"]
    assert imported_sources(["claimdesk.beta"], package) == ["claimdesk.alpha", "claimdesk.beta.gamma"]


def test_an_extension_a_build_does_not_leave_is_a_leftover(package):
    """A module dropped from COMPILED keeps its old extension beside its source, which Python
    prefers: compile-core counts it as a reason to rebuild and deletes it."""
    suffix = extension_suffix()
    expected = [package / f"alpha{suffix}"]
    (package / f"alpha{suffix}").write_bytes(b"")
    (package / "beta" / f"gamma{suffix}").write_bytes(b"")
    (package / "beta" / "gamma.py.bak").write_bytes(b"")
    assert compiled.leftover_extensions(expected, package) == [package / "beta" / f"gamma{suffix}"]
    gamma = package / "beta" / f"gamma{suffix}"
    assert compiled.leftover_extensions([], package) == [package / f"alpha{suffix}", gamma]
    assert compiled.leftover_extensions([*expected, package / "beta" / f"gamma{suffix}"], package) == []


def test_a_module_the_build_recorded_but_compiled_dropped_runs_from_source_when_stale(monkeypatch):
    monkeypatch.setattr(sys, "meta_path", [f for f in sys.meta_path if not isinstance(f, SourceFirstFinder)])
    monkeypatch.delenv(compiled.PURE_PYTHON_VARIABLE, raising=False)
    dropped = "claimdesk.core.no_longer_compiled"  # recorded by an older build; its source is gone or edited
    monkeypatch.setattr(compiled, "read_manifest", lambda: {dropped: "0"})
    assert dropped in compiled.install_guard()
