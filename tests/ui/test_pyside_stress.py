"""Guards the PySide6 pin: 6.12.0 on CPython 3.11 aborts ("none_dealloc") after many void calls.

Runs 200k QTextCursor.setPosition calls in a child process, so an abort fails this
test instead of killing the whole run.
"""

import os
import subprocess
import sys

SCRIPT = """
from PySide6.QtGui import QTextDocument, QTextCursor
document = QTextDocument("x" * 1000)
cursor = QTextCursor(document)
for i in range(200_000):
    cursor.setPosition(i % 1000)
    cursor.setPosition((i + 7) % 1000, QTextCursor.MoveMode.KeepAnchor)
print("ok")
"""


def test_many_void_calls_do_not_abort_the_interpreter():
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, env=env, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "ok"
