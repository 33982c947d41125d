"""Runs the `claimdesk` command end to end: a child Python in a folder the test chooses."""

from __future__ import annotations

import os
import subprocess
import sys


def claimdesk(*args, cwd, env_extra=None):
    env = {**os.environ, **(env_extra or {})}
    return subprocess.run([sys.executable, "-m", "claimdesk", *map(str, args)], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=300)
