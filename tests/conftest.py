"""Shared fixtures: temp projects, the sample corpus, ../shared seeds, file factories."""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "resources" / "samples"
SHARED = REPO.parent / "shared"


@pytest.fixture
def project(tmp_path):
    from claimdesk.ops.projects import new_project

    with new_project(tmp_path / "test.claimdesk") as opened:
        yield opened


@pytest.fixture
def seeds_dir() -> Path:
    seeds = SHARED / "seeds"
    if not seeds.is_dir():
        pytest.skip("../shared/seeds is not present")
    return seeds


@pytest.fixture
def no_network(monkeypatch, tmp_path):
    """Fails the test if anything tries to open a network connection, in this process or
    in a parser child it spawns (the child refuses connections and, told where by
    CLAIMDESK_NETWORK_LOG, writes each attempt down; a reader could swallow the error)."""
    from claimdesk.core.worker import NETWORK_LOG_ENV

    def refuse(*args, **kwargs):
        raise AssertionError(f"network connection attempted: {args!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    log = tmp_path / "child-network-attempts.log"
    monkeypatch.setenv(NETWORK_LOG_ENV, str(log))
    yield
    attempts = log.read_text(encoding="utf-8") if log.exists() else ""
    assert not attempts, f"a parser process attempted network connections:\n{attempts}"


@pytest.fixture
def pair(tmp_path):
    """Two analysts' projects for the merge tests of every tier (tests/analysts.py):
    (Alice's path, Bob's path, Alice's claim ids, Bob's claim ids)."""
    from tests.analysts import two_analysts

    return two_analysts(tmp_path)


@pytest.fixture
def shared_start(tmp_path):
    """Alice's marked project and Bob's copy of it (tests/analysts.py): (Alice's path,
    Bob's path, the claim ids)."""
    from tests.analysts import shared_start

    return shared_start(tmp_path)


@pytest.fixture
def alice_deleted(shared_start):
    """``shared_start`` after Alice deleted the statistic and Bob stated its value."""
    from tests.analysts import alice_deleted

    return alice_deleted(shared_start)


def pytest_addoption(parser):
    parser.addoption("--run-slow", "--long", action="store_true", dest="run_slow",
                     help="also run the tests marked slow (the long variants of the reliability suites)")


def pytest_collection_modifyitems(config, items):
    if config.getoption("run_slow"):
        return
    skip_slow = pytest.mark.skip(reason="slow variant: run with --run-slow (or --long)")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip_slow)
