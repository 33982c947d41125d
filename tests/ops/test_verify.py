"""Integrity checks: every check passes on sound data and catches its fault."""

import sqlite3
import subprocess
import sys

from claimdesk.core.claims import CreateClaim
from claimdesk.ops import claims as claim_ops
from claimdesk.ops.importing import import_paths
from claimdesk.ops.verify import verify
from tests.conftest import SAMPLES


def _claim(project, quote, kind, fields):
    text = project.db.execute("SELECT text FROM documents WHERE id = 1").fetchone()[0]
    start = text.index(quote)
    return claim_ops.apply_command(project, CreateClaim(1, kind, start, start + len(quote), fields)).claim_id


def test_sound_project_has_no_findings(project):
    import_paths(project, [SAMPLES / "01-rural-clinics.txt"])
    _claim(project, "12.4 billion tenge", "funding", {"amount": "12400000000", "currency": "KZT"})
    _claim(project, "about 640 thousand people", "statistic", {"value": "640000"})
    _claim(project, "Minister of Healthcare Dana Serikbayeva", "official",
           {"name": "Dana Serikbayeva", "position": "Minister of Healthcare"})
    report = verify(project)
    assert (report.originals, report.claims, report.findings) == (1, 3, [])


def test_each_check_catches_its_fault(project):
    import_paths(project, [SAMPLES / "01-rural-clinics.txt"])
    wrong_value = _claim(project, "12.4 billion tenge", "funding", {"amount": "13400000000", "currency": "KZT"})
    missing = _claim(project, "KZT 3.1 billion", "funding", {"amount": "3100000000"})
    moved = _claim(project, "about 640 thousand people", "statistic", {"value": "640000"})
    project.db.execute("UPDATE claims SET quote = 'about 650 thousand people' WHERE id = ?", [moved])
    project.db.execute("UPDATE originals SET content = content || x'20'")
    checks = {(f.severity, f.check, f.subject) for f in verify(project).findings}
    assert ("error", "original-hash", next(s for _, c, s in checks if c == "original-hash")) in checks
    assert ("warning", "value-in-quote", f"claim #{wrong_value}") in checks
    assert ("warning", "required-field", f"claim #{missing}") in checks
    assert ("error", "quote-offsets", f"claim #{moved}") in checks


def test_cli_verify_exits_non_zero_on_errors(tmp_path):
    from claimdesk.ops.projects import new_project

    path = tmp_path / "v.claimdesk"
    with new_project(path) as project:
        import_paths(project, [SAMPLES / "01-rural-clinics.txt"])
        _claim(project, "KZT 3.1 billion", "funding", {"amount": "3100000000"})

    def run(*extra):
        return subprocess.run([sys.executable, "-m", "claimdesk", "verify", str(path), *extra],
                              capture_output=True, text=True, timeout=120)

    assert run().returncode == 0 and "0 errors, 1 warning" in run().stdout
    assert run("--strict").returncode == 1
    corrupt = sqlite3.connect(path)
    corrupt.execute("UPDATE originals SET content = x'00'")
    corrupt.commit()
    corrupt.close()
    result = run()
    assert result.returncode == 1 and "original-hash" in result.stdout

