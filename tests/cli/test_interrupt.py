"""Ctrl+C during `claimdesk import`: one line with counts, no traceback, only whole documents."""

import json
import os
import re
import signal
import subprocess
import sys

import pytest

from tests.cli.command import claimdesk

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals and process groups")

FILES = 400


def _sigint_as_in_a_terminal():
    # pytest may run as a background job, which starts with SIGINT ignored; a terminal's does not
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def test_ctrl_c_during_import_prints_one_line_and_keeps_whole_documents(tmp_path):
    folder = tmp_path / "releases"
    folder.mkdir()
    for number in range(FILES):
        (folder / f"r{number:03}.txt").write_text(
            f"Release {number}\n\nThe ministry allocated {number + 1} million tenge to build {number % 9 + 1} "
            f"schools in district {number} by the end of 2027.\n", encoding="utf-8")
    assert claimdesk("new", "p.claimdesk", cwd=tmp_path).returncode == 0
    process = subprocess.Popen([sys.executable, "-m", "claimdesk", "import", "p.claimdesk", folder], cwd=tmp_path,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
                               preexec_fn=_sigint_as_in_a_terminal)
    first = process.stderr.readline()
    assert first.startswith(f"[1/{FILES}]"), first
    os.killpg(process.pid, signal.SIGINT)  # as Ctrl+C does: the CLI and its parser child both get it
    out, err = process.communicate(timeout=120)
    assert process.returncode == 130, err
    assert "Traceback" not in err and "KeyboardInterrupt" not in err
    stops = [line for line in err.splitlines() if "interrupted" in line]
    assert len(stops) == 1, err
    counts = re.fullmatch(rf"claimdesk: interrupted after (\d+) of {FILES} files; (\d+) imported, "
                          "nothing half-imported", stops[0])
    assert counts, stops[0]
    attempted, imported = map(int, counts.groups())
    assert imported == attempted < FILES
    documents = json.loads(claimdesk("docs", "p.claimdesk", "--json", cwd=tmp_path).stdout)
    assert len(documents) == imported
    assert len([line for line in out.splitlines() if line.startswith("imported ")]) == imported
    assert claimdesk("verify", "p.claimdesk", cwd=tmp_path).returncode == 0
