"""Project files under stress: read-only files, two instances, disk errors, odd paths."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import threading

import pytest

from claimdesk.core.claims import ClaimError, CreateClaim, EditClaim
from claimdesk.ops import claims as claim_ops
from claimdesk.ops.commands import run_command
from claimdesk.ops.importing import import_paths
from claimdesk.ops.projects import new_project, open_existing
from tests.conftest import SAMPLES


def _project_with_claim(path):
    with new_project(path) as project:
        import_paths(project, [SAMPLES / "01-rural-clinics.txt"])
        run_command(project, CreateClaim(1, "funding", 0, 10))


def test_a_read_only_file_opens_read_only(tmp_path, make_read_only):
    path = tmp_path / "ro.claimdesk"
    _project_with_claim(path)
    make_read_only(path)
    before = path.read_bytes()
    with open_existing(path) as project:
        assert project.read_only and claim_ops.get_claim(project, 1) is not None
        with pytest.raises(ClaimError, match="read-only"):
            run_command(project, EditClaim(1, {"note": "x"}))
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            project.db.execute("CREATE TABLE probe (x)")  # the connection itself cannot write
    assert path.read_bytes() == before


def test_a_file_the_os_reports_unwritable_opens_read_only(tmp_path, monkeypatch):
    """The condition open_project checks (os.access on the file), injected; the file stays
    writable, so only a connection opened read-only refuses the raw write below."""
    path = tmp_path / "ro.claimdesk"
    _project_with_claim(path)
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda target, mode, **kw: (
        False if mode & os.W_OK and os.fspath(target) == os.fspath(path) else real_access(target, mode, **kw)))
    before = path.read_bytes()
    with open_existing(path) as project:
        assert project.read_only
        with pytest.raises(ClaimError, match="read-only"):
            run_command(project, EditClaim(1, {"note": "x"}))
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            project.db.execute("CREATE TABLE probe (x)")
    assert path.read_bytes() == before


def test_a_read_only_folder_opens_read_only_even_for_root(tmp_path, monkeypatch):
    path = tmp_path / "ro.claimdesk"
    _project_with_claim(path)
    import claimdesk.store.project as project_module

    monkeypatch.setattr(project_module, "_writable", lambda _path: False)  # as on a read-only share
    before = path.read_bytes()
    with open_existing(path) as project:
        assert project.read_only and claim_ops.get_claim(project, 1) is not None
        with pytest.raises(ClaimError, match="read-only"):
            run_command(project, EditClaim(1, {"note": "x"}))
    assert path.read_bytes() == before


def test_two_instances_writing_one_project_take_turns(tmp_path):
    path = tmp_path / "shared.claimdesk"
    _project_with_claim(path)
    errors = []

    def writer(tag: str) -> None:
        try:
            with open_existing(path) as project:
                for n in range(30):
                    run_command(project, EditClaim(1, {"note": f"{tag}-{n}"}), actor=tag)
        except Exception as exc:  # collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(tag,)) for tag in ("first", "second")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with open_existing(path) as project:
        assert project.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert len(claim_ops.claim_history(project, 1)) == 61  # create + 60 edits, none lost


@pytest.mark.parametrize("message, expected", [("database or disk is full", "disk is full"),
                                               ("disk I/O error", "disk reported an error")])
def test_disk_errors_surface_as_messages_and_change_nothing(tmp_path, monkeypatch, message, expected):
    path = tmp_path / "full.claimdesk"
    _project_with_claim(path)
    from claimdesk.store import claims as claims_repo

    with open_existing(path) as project:
        def failing(*_args, **_kwargs):
            raise sqlite3.OperationalError(message)

        monkeypatch.setattr(claims_repo, "record_claim_event", failing)
        with pytest.raises(ClaimError, match=expected):
            run_command(project, EditClaim(1, {"note": "lost?"}))
        assert claim_ops.get_claim(project, 1).note == ""


def test_paths_with_spaces_and_non_ascii_characters(tmp_path):
    folder = tmp_path / "Проекты аналитика" / "mes données"
    folder.mkdir(parents=True)
    source = folder / "релиз 2026 ақпан.txt"
    source.write_text("Министерство выделило 2 млрд тенге.", encoding="utf-8")
    path = folder / "Қазақстан жобасы.claimdesk"
    with new_project(path) as project:
        report = import_paths(project, [source])
        assert report.ok and report.results[0].status == "imported"
    with open_existing(path) as project:
        assert project.db.execute("SELECT file_name FROM documents").fetchone()[0] == source.name


def test_read_commands_list_a_read_only_project_instead_of_refusing(tmp_path, make_read_only):
    import json
    import sys

    path = tmp_path / "listed.claimdesk"
    _project_with_claim(path)
    make_read_only(path)
    for command in (["relations", "--jsonl"], ["people", "--json"], ["claims", "--jsonl"]):
        result = subprocess.run([sys.executable, "-m", "claimdesk", command[0], str(path), *command[1:]],
                                capture_output=True, text=True, timeout=120)
        assert result.returncode == 0, (command, result.stderr)
        assert "Traceback" not in result.stderr
    claims = subprocess.run([sys.executable, "-m", "claimdesk", "claims", str(path), "--jsonl"],
                            capture_output=True, text=True, timeout=120).stdout
    assert [json.loads(line)["id"] for line in claims.splitlines()] == [1]
