"""Damaged project files (flipped bits in the schema or a data page, a zeroed page) and
projects in read-only folders: every command ends in one clear line, never a traceback;
`verify` reports the damage with what can still be read; nothing is left beside files
that are refused or only read."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess

import pytest

from claimdesk.cli import main
from claimdesk.core.claims import ClaimError, EditClaim
from claimdesk.ops.commands import run_command
from claimdesk.ops.projects import open_existing
from tests.conftest import SAMPLES
from tests.damage import build_small_project, damaged_copies

@pytest.fixture(scope="module")
def small_project(tmp_path_factory):
    path = build_small_project(tmp_path_factory.mktemp("source") / "small.claimdesk")
    assert main(["verify", str(path)]) == 0  # sound; closed, so the whole project is in the main file
    return path


COMMANDS = [["verify"], ["docs"], ["claims", "--jsonl"], ["people"], ["subjects"], ["search", "{}", "clinic"],
            ["export", "--format", "csv", "-o", "{out}"], ["export", "--format", "html", "--draft", "-o", "{out}"],
            ["suggest"], ["relations", "--jsonl"], ["review", "1", "--status", "disputed", "--reviewer", "x"],
            ["import", "{}", str(SAMPLES / "04-energy-ru-cp1251.txt")]]


def _argv(command, path, out):
    argv = [part.replace("{out}", str(out)) for part in command]
    if "{}" in argv:
        return [argv[0]] + [str(path) if part == "{}" else part for part in argv[1:]]
    return [argv[0], str(path)] + argv[1:]


@pytest.mark.parametrize("damage", ["schema", "data", "zeroed"])
def test_every_command_on_a_damaged_file_ends_in_one_clear_line(small_project, tmp_path, capsys, damage):
    path = damaged_copies(small_project, tmp_path)[damage]
    failed = 0
    for command in COMMANDS:
        code = main(_argv(command, path, tmp_path / "out.txt"))  # a traceback would raise here
        out, err = capsys.readouterr()
        assert "Traceback" not in err
        if code and command[0] == "verify" and "damaged-file" in out:
            failed += 1  # the report on stdout names the damage
        elif code:
            failed += 1
            assert err.strip().splitlines()[-1].startswith("claimdesk: error:"), (command, err)
            if "damaged" in err:
                assert "claimdesk recover" in err
    assert failed  # the damage is noticed by some command at least


@pytest.mark.parametrize("damage", ["data", "zeroed"])
def test_verify_reports_damage_and_what_can_be_read(small_project, tmp_path, capsys, damage):
    path = damaged_copies(small_project, tmp_path)[damage]
    assert main(["verify", str(path)]) == 1
    out = capsys.readouterr().out
    assert "damaged-file" in out and "rows still readable:" in out and "claimdesk recover" in out
    assert "documents" in out.split("rows still readable:")[1]


def test_a_damaged_schema_is_refused_at_open_with_the_recover_hint(small_project, tmp_path):
    path = damaged_copies(small_project, tmp_path)["schema"]
    from claimdesk.ops.projects import ProjectError

    with pytest.raises(ProjectError, match="project file is damaged.*claimdesk recover"):
        open_existing(path)


# --- read-only folders and files, and nothing left beside refused files ----------------------------

def _chattr(flag, path):
    if os.geteuid() != 0 or not shutil.which("chattr"):
        return False
    return subprocess.run(["chattr", flag, str(path)], capture_output=True).returncode == 0


@pytest.fixture
def immutable():
    """chattr +i on a path (root is stopped by it too); removed after the test."""
    done = []

    def make(path):
        if not _chattr("+i", path):
            pytest.skip("no immutable attribute here (not root, or the file system lacks it)")
        done.append(path)

    yield make
    for path in reversed(done):
        _chattr("-i", path)


def test_a_project_in_a_read_only_folder_opens_read_only(small_project, tmp_path, immutable, capsys):
    folder = tmp_path / "share"
    folder.mkdir()
    path = folder / "small.claimdesk"
    shutil.copyfile(small_project, path)
    immutable(folder)
    with pytest.raises(PermissionError):
        (folder / "probe").write_text("x")  # the folder really refuses root
    with open_existing(path) as project:
        assert project.read_only
        with pytest.raises(ClaimError, match="read-only"):
            run_command(project, EditClaim(1, {"note": "x"}))
    assert main(["docs", str(path)]) == 0
    assert main(["export", str(path), "--format", "csv", "-o", str(tmp_path / "out.csv")]) == 0
    assert main(["suggest", str(path)]) == 1
    assert capsys.readouterr().err.strip().splitlines()[-1] == \
        "claimdesk: error: the project is open read-only; nothing was changed (save a copy to edit it)"
    assert main(["import", str(path), str(SAMPLES / "04-energy-ru-cp1251.txt")]) == 1
    assert "read-only" in capsys.readouterr().err
    assert sorted(os.listdir(folder)) == ["small.claimdesk"]


def test_unfinished_writes_in_a_read_only_folder_are_read(small_project, tmp_path, immutable):
    """A -wal without its -shm in a read-only folder: SQLite cannot open it there, and
    ignoring the -wal would show an older project; the pair is read from a private copy."""
    work = tmp_path / "work"
    work.mkdir()
    shutil.copyfile(small_project, work / "p.claimdesk")
    writer = sqlite3.connect(work / "p.claimdesk")
    writer.execute("PRAGMA wal_autocheckpoint = 0")
    writer.execute("UPDATE claims SET status = 'disputed' WHERE id = 2")
    writer.commit()
    folder = tmp_path / "share"
    folder.mkdir()
    for name in ("p.claimdesk", "p.claimdesk-wal"):
        shutil.copyfile(work / name, folder / name)
    writer.close()
    immutable(folder)
    with open_existing(folder / "p.claimdesk") as project:
        assert project.read_only
        assert project.db.execute("SELECT status FROM claims WHERE id = 2").fetchone()[0] == "disputed"
    assert sorted(os.listdir(folder)) == ["p.claimdesk", "p.claimdesk-wal"]


def test_a_read_only_file_gives_one_line_for_every_command(small_project, tmp_path, make_read_only, capsys):
    path = tmp_path / "ro.claimdesk"
    shutil.copyfile(small_project, path)
    make_read_only(path)  # chmod for a user, chattr +i for root: immutable() alone would skip for a user
    for command in COMMANDS:
        code = main(_argv(command, path, tmp_path / "out.txt"))
        err = capsys.readouterr().err
        assert "Traceback" not in err and "attempt to write" not in err
        assert code == 0 or err.strip().splitlines()[-1].startswith("claimdesk: error:"), command
    assert main(["export", str(path), "--format", "csv", "-o", str(tmp_path / "out.csv")]) == 0


@pytest.mark.parametrize("kind", ["foreign", "newer"])
def test_a_refused_file_leaves_nothing_beside_it(small_project, tmp_path, kind):
    folder = tmp_path / "in"
    folder.mkdir()
    path = folder / "x.claimdesk"
    if kind == "foreign":
        conn = sqlite3.connect(path)
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("CREATE TABLE notes (text)")
        conn.close()
    else:
        shutil.copyfile(small_project, path)
        conn = sqlite3.connect(path)
        conn.execute("PRAGMA user_version = 999")
        conn.close()
    before = sorted(os.listdir(folder))
    from claimdesk.ops.projects import ProjectError

    with pytest.raises(ProjectError):
        open_existing(path)
    assert sorted(os.listdir(folder)) == before == ["x.claimdesk"]
