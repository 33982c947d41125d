"""The parser child's setup under its memory cap: ending with the parent costs no address
space where the kernel does it (Linux), and the watch thread that does it elsewhere (or when
the parser was started from a thread) costs little; either way the child ends with its parent."""

from __future__ import annotations

import multiprocessing
import os
import subprocess
import sys
import threading
import time

import pytest

from tests.conftest import REPO

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc; Linux's death signal")


def _set_up_as_parser_child(death_signal: bool) -> tuple[int, list[str]]:
    from claimdesk.core import worker

    worker.prepare_child(2048, os.getppid(), death_signal=death_signal)
    status = open("/proc/self/status", encoding="ascii").read()
    size_kb = next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmSize"))
    return size_kb // 1024, [thread.name for thread in threading.enumerate()]


@pytest.mark.parametrize("death_signal", [True, False])
def test_the_child_keeps_most_of_a_100_mb_cap_to_parse_in(death_signal):
    """The cap is on address space: the watch thread's 8 MB stack and 64 MB malloc arena took
    72 of 100 MB before a byte was read (then a 20 MB file failed as 'stopped unexpectedly')."""
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        size_mb, threads = pool.apply(_set_up_as_parser_child, (death_signal,))
    assert size_mb < 50
    assert ("parent-watch" in threads) is (not death_signal)


CHILD_PID_FILE = "child.pid"


def _orphan_to_be(folder: str) -> None:
    from claimdesk.core import worker

    worker.prepare_child(2048, os.getppid(), death_signal=False)  # as when a thread starts the parser
    with open(os.path.join(folder, CHILD_PID_FILE), "w", encoding="ascii") as out:
        out.write(str(os.getpid()))
    time.sleep(60)


PARENT = """
import multiprocessing, os, sys, time
from tests.core.test_worker_parent import _orphan_to_be
if __name__ == "__main__":
    child = multiprocessing.get_context("spawn").Process(target=_orphan_to_be, args=(sys.argv[1],), daemon=False)
    child.start()
    while not os.path.exists(os.path.join(sys.argv[1], "child.pid")):
        time.sleep(0.01)
    os._exit(0)
"""


def test_a_child_without_the_death_signal_ends_when_its_parent_does(tmp_path):
    subprocess.run([sys.executable, "-c", PARENT, str(tmp_path)], cwd=REPO, check=True, timeout=60)
    child = int((tmp_path / CHILD_PID_FILE).read_text(encoding="ascii"))
    deadline = time.monotonic() + 10  # the watch polls every 0.5 s
    while time.monotonic() < deadline and _alive(child):
        time.sleep(0.1)
    assert not _alive(child)


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().split(") ")[1][0] != "Z"  # a zombie has ended
    except FileNotFoundError:
        return False
