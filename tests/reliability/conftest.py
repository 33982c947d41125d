"""Fixtures of the reliability tier shared by its modules."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest


@pytest.fixture
def make_read_only():
    """Makes a file unwritable for whoever runs the tests: chmod for a user; for root, whom
    mode bits do not stop (CI runs as root), also the immutable attribute (chattr +i),
    which the kernel enforces for root too. Removed again after the test."""
    immutable = []

    def make(path):
        path.chmod(0o444)
        if os.geteuid() == 0:
            chattr = shutil.which("chattr")
            done = chattr and subprocess.run([chattr, "+i", str(path)], capture_output=True, text=True)
            if not done or done.returncode:
                pytest.skip(f"root, and no immutable attribute here ({done.stderr.strip() if done else 'no chattr'})"
                            "; the tests faking os.access cover the product's path")
            immutable.append(path)
        with pytest.raises(PermissionError):
            path.open("r+b")  # really unwritable, for root as well

    yield make
    for path in immutable:
        subprocess.run(["chattr", "-i", str(path)], check=True)
