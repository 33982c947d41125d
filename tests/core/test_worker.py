"""The parser child and Ctrl+C: the child ignores it from birth, the parent never loses it."""

import multiprocessing
import os
import signal
import sys

import pytest

from claimdesk.core.worker import ParserProcess

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")


@pytest.fixture
def sigint_caught():
    """A Python handler for SIGINT, as the CLI's import installs; restored afterwards."""
    caught = []
    previous = signal.signal(signal.SIGINT, lambda signum, frame: caught.append(signum))
    yield caught
    signal.signal(signal.SIGINT, previous)


def test_the_child_ignores_ctrl_c_while_it_boots_and_keeps_parsing(sigint_caught):
    with ParserProcess() as parser:
        child = parser.pid
        os.kill(child, signal.SIGINT)  # at once: the child is still importing, before _child_main
        parsed = parser.parse(b"Release\n\nThe ministry allocated 5 million tenge.", "r.txt")
        assert parsed.title == "Release"
        assert parser.pid == child  # the same child parsed it: it was not killed and replaced
    assert sigint_caught == []


def test_a_ctrl_c_while_the_child_is_spawned_reaches_the_parent(sigint_caught, monkeypatch):
    spawn = multiprocessing.context.SpawnProcess.start

    def start_with_ctrl_c(process):
        os.kill(os.getpid(), signal.SIGINT)  # lands while SIGINT is ignored for the child's sake
        spawn(process)

    monkeypatch.setattr(multiprocessing.context.SpawnProcess, "start", start_with_ctrl_c)
    with ParserProcess() as parser:
        assert sigint_caught == [signal.SIGINT]
        assert signal.getsignal(signal.SIGINT) not in (signal.SIG_IGN, signal.SIG_DFL)
        assert parser.parse(b"Still parsing.", "s.txt").text.startswith("Still")
