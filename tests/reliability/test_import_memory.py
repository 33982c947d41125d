"""A large text imports in memory proportional to its size (issue 16: a 150 MB text took
~3 GB in the main process, the search index built whole for one row). Measured in a child
process, never timed: its peak RSS (VmHWM; ru_maxrss would start at the parent's peak,
which Linux carries across exec)."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import pytest

_DRIVER = """
import json, sys
from pathlib import Path

def kilobytes(field):
    for line in open("/proc/self/status"):
        if line.startswith(field + ":"):
            return int(line.split()[1])

def main():
    from claimdesk.ops.importing import import_paths
    from claimdesk.ops.projects import new_project

    source, project_path = Path(sys.argv[1]), Path(sys.argv[2])
    with new_project(project_path) as project:
        before = kilobytes("VmRSS")
        report = import_paths(project, [source])
        hits = len(project.db.execute(
            "SELECT rowid FROM documents_terms WHERE documents_terms MATCH 'finalword'").fetchall())
    peak = kilobytes("VmHWM")
    print(json.dumps({"ok": report.ok, "before_kb": before, "peak_kb": peak, "hits": hits,
                      "messages": [r.message for r in report.results]}))

if __name__ == "__main__":
    main()
"""

# Peak growth of the main process over its size before the import, per byte of the file.
# Before: ~24 for this text (the index of the whole text built for one row, the file's
# bytes and two copies of the text kept while it was stored); now ~6.2: the parser's reply
# arriving while the file's bytes are still held, then SQLite's copies of the row, one
# index segment at a time, and the word-form caches (README, "Import limits").
MAX_GROWTH_PER_BYTE = 8


def _text(size: int) -> str:
    """Sentences mixing English and Russian (Python then stores the text two bytes a letter)."""
    rng = random.Random(11)
    english = "the regional akimat allocated million tenge for school repairs district hospital".split()
    russian = "акимат области выделил млн тенге на ремонт школ в районе больницы дорог".split()
    lines, total = ["Large release\n"], 0
    while total < size:
        words = rng.choices(russian if rng.random() < 0.3 else english, k=rng.randint(8, 20))
        line = " ".join(words + [f"w{rng.randint(1, 50_000)}", str(rng.randint(1, 99_999))]) + ".\n"
        lines.append(line)
        total += len(line.encode())
    return "".join(lines) + "finalword"


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads the peak from /proc (Linux)")
def test_a_30_mb_text_imports_in_memory_proportional_to_its_size(tmp_path):
    source = tmp_path / "large.txt"
    source.write_text(_text(30_000_000), encoding="utf-8")
    size = source.stat().st_size
    result = subprocess.run([sys.executable, "-c", _DRIVER, str(source), str(tmp_path / "p.claimdesk")],
                            capture_output=True, text=True, timeout=1800)
    assert result.returncode == 0, result.stderr[-2000:]
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    assert figures["ok"], figures["messages"]
    assert figures["hits"] == 1  # the last word is indexed, in the text's last segment
    growth = (figures["peak_kb"] - figures["before_kb"]) * 1024
    assert growth <= MAX_GROWTH_PER_BYTE * size, (
        f"peak grew {growth / 1e6:.0f} MB for a {size / 1e6:.0f} MB text "
        f"({growth / size:.1f}x, at most {MAX_GROWTH_PER_BYTE}x)")
