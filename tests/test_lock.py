"""The hashed locks in requirements/ agree with pyproject.toml: every declared dependency
(runtime, and the test and build extras) is pinned at a version inside its range, the
locks name no direct dependency pyproject.toml dropped, every pin carries hashes, the
locks agree with each other, the suite runs on test.lock's versions, and the Makefile
installs from them with --require-hashes. Refresh with `make lock`."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from importlib import metadata

import pytest
from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

from tests.conftest import REPO

PROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
LOCKS = {"runtime": ("compile",), "test": ("compile", "test"), "build": ("compile", "build")}  # lock -> its extras
DIRECT = "claimdesk (pyproject.toml)"  # how uv marks a requirement that pyproject.toml states
FIX = "run `make lock` and commit requirements/"
# The venv's own installer: pinned because sqlite-utils names pip, but never imported by the
# app or the tests, and a venv made before the lock keeps the pip it was created with.
INSTALLER_TOOLS = {"pip", "setuptools"}


@dataclass
class Pin:
    version: Version
    hashes: list[str]
    marker: Marker | None = None  # e.g. sys_platform == 'win32': installed only there
    via: list[str] = field(default_factory=list)


def parse_lock(text: str) -> dict[str, Pin]:
    """name -> pin, from uv's requirements format (continuation lines, hashes, '# via' notes)."""
    pins: dict[str, Pin] = {}
    current: Pin | None = None
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("# This file") or stripped == "#    make lock":
            continue
        if not line.startswith((" ", "#")):
            requirement = Requirement(stripped.rstrip("\\").strip())
            (specifier,) = requirement.specifier  # exactly one '==' pin per line
            assert specifier.operator == "==", f"{stripped}: not pinned with =="
            current = Pin(Version(specifier.version), [], requirement.marker)
            pins[canonicalize_name(requirement.name)] = current
        elif current is not None and stripped.startswith("--hash="):
            current.hashes.append(stripped.removeprefix("--hash=").rstrip("\\").strip())
        elif current is not None and stripped.startswith("#"):
            current.via.append(re.sub(r"^via\b", "", stripped.lstrip("#").strip()).strip())
    return pins


def declared(extras: tuple[str, ...]) -> dict[str, Requirement]:
    texts = list(PROJECT["dependencies"])
    for extra in extras:
        texts += PROJECT["optional-dependencies"][extra]
    requirements = [Requirement(text) for text in texts]
    return {canonicalize_name(r.name): r for r in requirements}


def read_lock(name: str) -> dict[str, Pin]:
    path = REPO / "requirements" / f"{name}.lock"
    assert path.is_file(), f"{path} is missing: {FIX}"
    return parse_lock(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("lock_name", sorted(LOCKS))
def test_every_declared_dependency_is_pinned_inside_its_range(lock_name):
    pins = read_lock(lock_name)
    for name, requirement in declared(LOCKS[lock_name]).items():
        assert name in pins, f"{requirement} (pyproject.toml) is not in requirements/{lock_name}.lock: {FIX}"
        version = pins[name].version
        assert requirement.specifier.contains(version, prereleases=True), (
            f"requirements/{lock_name}.lock pins {name}=={version}, outside pyproject.toml's "
            f"'{requirement}': {FIX}")


@pytest.mark.parametrize("lock_name", sorted(LOCKS))
def test_the_lock_states_no_direct_dependency_pyproject_dropped(lock_name):
    pins = read_lock(lock_name)
    direct = {name for name, pin in pins.items() if DIRECT in pin.via}
    stale = direct - set(declared(LOCKS[lock_name]))
    assert not stale, f"requirements/{lock_name}.lock still has {sorted(stale)} from pyproject.toml: {FIX}"
    unlocked = set(declared(LOCKS[lock_name])) - direct  # e.g. new in pyproject, in the lock only as another's need
    assert not unlocked, (f"pyproject.toml declares {sorted(unlocked)}, which requirements/{lock_name}.lock does not "
                          f"pin as a direct dependency: {FIX}")


@pytest.mark.parametrize("lock_name", sorted(LOCKS))
def test_every_pin_carries_sha256_hashes(lock_name):
    for name, pin in read_lock(lock_name).items():
        assert pin.hashes, f"{name} in requirements/{lock_name}.lock has no hash; pip --require-hashes refuses it"
        assert all(re.fullmatch(r"sha256:[0-9a-f]{64}", h) for h in pin.hashes), name


def test_tests_and_bundle_get_the_runtime_versions_the_app_runs_with():
    locks = {name: read_lock(name) for name in LOCKS}
    for lock_name in ("test", "build"):
        missing = sorted(set(locks["runtime"]) - set(locks[lock_name]))
        assert not missing, f"requirements/{lock_name}.lock lacks runtime packages {missing}: {FIX}"
    for name_a, name_b in (("runtime", "test"), ("runtime", "build"), ("test", "build")):
        pins_a, pins_b = locks[name_a], locks[name_b]
        differing = {n: (str(pins_a[n].version), str(pins_b[n].version))
                     for n in set(pins_a) & set(pins_b) if pins_a[n].version != pins_b[n].version}
        assert not differing, f"{name_a}.lock and {name_b}.lock pin {differing} differently: {FIX}"


def test_the_suite_runs_on_the_locked_versions():
    """What `make test` installed is what test.lock says; a stale .venv (older stamp, a hand
    install) fails here instead of passing on versions a fresh clone would not get."""
    wrong = {}
    for name, pin in read_lock("test").items():
        if name in INSTALLER_TOOLS or (pin.marker is not None and not pin.marker.evaluate()):
            continue
        try:
            installed = Version(metadata.version(name))
        except metadata.PackageNotFoundError:
            installed = None
        if installed != pin.version:
            wrong[name] = (str(pin.version), str(installed))
    assert not wrong, (f"installed versions differ from requirements/test.lock (locked, installed): {wrong}; "
                       "run make test")


def test_make_installs_only_from_the_locks_and_reinstalls_when_one_changes():
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"\$\(PIP\) install --require-hashes -r \$\(1\)", makefile)
    variables = dict(re.findall(r"^(\w+_LOCK) := (\S+)$", makefile, re.MULTILINE))
    for stamp, lock_name in ((".installed", "runtime"), (".installed-test", "test"), (".installed-build", "build")):
        variable = next(v for v, path in variables.items() if path == f"requirements/{lock_name}.lock")
        rule = re.search(rf"^\$\(VENV\)/{re.escape(stamp)}: (.*)\n\t\$\(call install_locked,(.*)\)$",
                         makefile, re.MULTILINE)
        assert rule, f"no install rule for {stamp}"
        assert f"$({variable})" in rule[1].split(), f"{stamp} does not depend on {lock_name}.lock"
        assert rule[2] == f"$({variable})"
    installs = re.findall(r"^\t.*pip\b.* install (.*)$", makefile, re.MULTILINE | re.IGNORECASE)
    unlocked = [args for args in installs if "--require-hashes" not in args and "--no-deps -e ." not in args
                and "uv==" not in args and "atheris" not in args]  # the lock tool and the fuzzer are not the app
    assert not unlocked, f"Makefile installs without the lock: {unlocked}"


def test_the_parser_reads_what_uv_writes():
    pins = parse_lock("# This file was autogenerated by uv via the following command:\n#    make lock\n"
                      "colorama==0.4.6 ; sys_platform == 'win32' \\\n    --hash=sha256:" + "a" * 64 + " \\\n"
                      "    --hash=sha256:" + "b" * 64 + "\n    # via pytest\n"
                      "lxml==6.1.3 \\\n    --hash=sha256:" + "c" * 64 + "\n    # via\n"
                      "    #   -c requirements/runtime.lock\n    #   claimdesk (pyproject.toml)\n")
    assert pins["colorama"].version == Version("0.4.6") and len(pins["colorama"].hashes) == 2
    assert pins["colorama"].via == ["pytest"]
    assert DIRECT in pins["lxml"].via and "-c requirements/runtime.lock" in pins["lxml"].via


def test_the_test_lock_holds_no_numpy():
    # sqlite-utils imports numpy whenever it is installed, so numpy in the test environment
    # would be loaded with every project: slower starts in make bench than users see, and a
    # BLAS thread that takes a Ctrl+C meant for the parser's spawn (tests/core/test_worker.py)
    assert "numpy" not in parse_lock((REPO / "requirements" / "test.lock").read_text(encoding="utf-8"))
