"""End to end: the installed `claimdesk` command in a temp folder."""

import json
import os
import struct
import subprocess
import sys

import pytest

from claimdesk import __version__
from tests.cli.command import claimdesk
from tests.conftest import SAMPLES
from tests.factories import make_pdf


def test_version(tmp_path):
    result = claimdesk("--version", cwd=tmp_path)
    assert result.returncode == 0 and result.stdout.strip() == f"claimdesk {__version__}"


def test_seeds_import_with_the_digest_split(tmp_path, seeds_dir):
    assert claimdesk("new", "p.claimdesk", cwd=tmp_path).returncode == 0
    result = claimdesk("import", "p.claimdesk", seeds_dir, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "5 imported, 0 duplicate, 0 failed" in result.stdout
    assert "[5/5]" in result.stderr  # progress goes to stderr
    docs = json.loads(claimdesk("docs", "p.claimdesk", "--json", cwd=tmp_path).stdout)
    assert len([d for d in docs if d["parent_id"] is None]) == 5
    container = next(d for d in docs if d["is_container"])
    articles = [d for d in docs if d["parent_id"] == container["id"]]
    assert len(articles) == 9
    assert all(d["published"] and len(d["original_sha256"]) == 64 for d in articles)
    again = claimdesk("import", "p.claimdesk", seeds_dir, cwd=tmp_path)
    assert again.returncode == 0 and "0 imported, 5 duplicate" in again.stdout


def test_bad_files_each_give_one_error_line_and_exit_1(tmp_path):
    claimdesk("new", "p.claimdesk", cwd=tmp_path)
    (tmp_path / "cut.pdf").write_bytes(make_pdf(["One", "Two", "Three"])[:500])
    (tmp_path / "zero.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(os.urandom(4096).replace(b"\n", b"\x00") + b"\x00")
    (tmp_path / "locked.pdf").write_bytes(make_pdf(["Locked"], password="pw"))
    bad = ["cut.pdf", "zero.txt", "binary.txt", "locked.pdf"]
    result = claimdesk("import", "p.claimdesk", *bad, SAMPLES / "01-rural-clinics.txt",
                       SAMPLES / "07-budget-execution.pdf", cwd=tmp_path)
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("claimdesk: error:")]
    assert len(errors) == 4
    for name, line in zip(bad, errors):
        assert name in line
    assert "password is required" in errors[3]
    assert "2 imported, 0 duplicate, 4 failed" in result.stdout
    docs = json.loads(claimdesk("docs", "p.claimdesk", "--json", cwd=tmp_path).stdout)
    assert sorted(d["file_name"] for d in docs) == ["01-rural-clinics.txt", "07-budget-execution.pdf"]
    unlocked = claimdesk("import", "p.claimdesk", "locked.pdf", "--password", "pw", cwd=tmp_path)
    assert unlocked.returncode == 0


def test_search_escapes_user_syntax(tmp_path):
    claimdesk("new", "p.claimdesk", cwd=tmp_path)
    claimdesk("import", "p.claimdesk", SAMPLES, cwd=tmp_path)
    hits = json.loads(claimdesk("search", "p.claimdesk", '"теңге"', "--json", cwd=tmp_path).stdout)
    assert [h["title"] for h in hits] == ["Оқу-ағарту министрлігі: жаңа мектептер салу жоспары"]
    forms = json.loads(claimdesk("search", "p.claimdesk", "теңге", "--json", cwd=tmp_path).stdout)
    assert len(forms) > 1 and hits[0]["document_id"] in {h["document_id"] for h in forms}  # тенге counts too
    result = claimdesk("search", "p.claimdesk", 'NEAR( "unbalanced AND', cwd=tmp_path)
    assert result.returncode == 0 and "Traceback" not in result.stderr


@pytest.mark.parametrize("args", [["import"], ["docs"], ["new"], ["bogus-option", "x", "y"], ["import", "--nope"]])
def test_usage_errors_exit_2(tmp_path, args):
    assert claimdesk(*args, cwd=tmp_path).returncode == 2


def test_project_problems_exit_1_with_one_line(tmp_path):
    (tmp_path / "notes.claimdesk").write_text("not a database")
    for args in (["docs", "missing.claimdesk"], ["docs", "notes.claimdesk"], ["new", "notes.claimdesk"]):
        result = claimdesk(*args, cwd=tmp_path)
        assert result.returncode == 1
        assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr


def test_gui_without_a_display_explains_itself(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    result = subprocess.run([sys.executable, "-m", "claimdesk"], cwd=tmp_path, env=env,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "no display" in result.stderr


def test_screenshot_renders_the_window_to_a_png(tmp_path):
    project = tmp_path / "shot.claimdesk"
    assert claimdesk("new", str(project), cwd=tmp_path).returncode == 0
    assert claimdesk("import", str(project), str(SAMPLES / "01-rural-clinics.txt"), cwd=tmp_path).returncode == 0
    out = tmp_path / "window.png"
    result = claimdesk("screenshot", project, out, "--size", "900x600", "--document", "1", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", out.read_bytes()[16:24])
    assert (width, height) == (900, 600)


@pytest.mark.parametrize("args, code, message", [
    (["--size", "big"], 2, "WIDTHxHEIGHT"),
    (["--document", "99"], 1, "no document #99"),
])
def test_screenshot_refuses_bad_arguments(tmp_path, args, code, message):
    project = tmp_path / "shot.claimdesk"
    claimdesk("new", project, cwd=tmp_path)
    result = claimdesk("screenshot", project, tmp_path / "w.png", *args, cwd=tmp_path)
    assert result.returncode == code and message in result.stderr
    assert not (tmp_path / "w.png").exists()


def test_suggest_then_claims_jsonl(tmp_path):
    project = tmp_path / "s.claimdesk"
    claimdesk("new", project, cwd=tmp_path)
    claimdesk("import", project, SAMPLES / "01-rural-clinics.txt", SAMPLES / "05-water-programme.html", cwd=tmp_path)
    result = claimdesk("suggest", project, "--doc", "1", cwd=tmp_path)
    assert result.returncode == 0 and "funding" in result.stdout
    pending = [json.loads(line) for line in claimdesk("claims", project, "--jsonl", "--suggestions",
                                                      cwd=tmp_path).stdout.splitlines()]
    assert pending and {p["doc"] for p in pending} == {"01-rural-clinics.txt"}
    assert all(set(p) >= {"doc", "kind", "start", "end", "quote", "fields"} for p in pending)
    assert any(p["fields"].get("amount") == "12400000000" for p in pending)  # decimals stay strings
    assert claimdesk("claims", project, "--jsonl", cwd=tmp_path).stdout == ""
    accepted = claimdesk("suggest", project, "--doc", "1", "--accept", cwd=tmp_path)
    assert f"accepted {len(pending)}: {len(pending)} new claims" in accepted.stdout
    claims = [json.loads(line) for line in claimdesk("claims", project, "--jsonl", cwd=tmp_path).stdout.splitlines()]
    assert len(claims) == len(pending)
    missing = claimdesk("suggest", project, "--doc", "99", cwd=tmp_path)
    assert missing.returncode == 1 and "no document #99" in missing.stderr


def test_self_test_passes_and_reports_each_step(tmp_path):
    result = claimdesk("self-test", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert sum(line.startswith("ok ") for line in lines) == 9 and "self-test passed (9/9 steps)" in lines[-1]
