"""Opening a file only to read it (a read-only project, a refused or foreign file) leaves
nothing beside it: no -wal, no -shm (issue 16)."""

from __future__ import annotations

import os
import shutil
import sqlite3

import pytest

from claimdesk.ops.projects import new_project, open_existing
from claimdesk.store.project import ProjectError


def _listing(folder):
    return sorted(p.name for p in folder.iterdir())


def _fake_unwritable(monkeypatch, path):
    """open_project's condition (os.access on the file) says no; the file itself stays writable,
    so SQLite could create side files if it were asked to."""
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda target, mode, **kw: (
        False if mode & os.W_OK and os.fspath(target) == os.fspath(path) else real_access(target, mode, **kw)))


def _with_pending_wal(source_setup, folder, name):
    """A WAL database whose last writes are still in its -wal (as after a crash), copied
    into ``folder`` without its -shm."""
    scratch = folder / "scratch"
    scratch.mkdir()
    live = scratch / name
    writer = sqlite3.connect(live)
    try:
        writer.execute("PRAGMA journal_mode = WAL")
        writer.execute("PRAGMA wal_autocheckpoint = 0")
        source_setup(writer)
        writer.commit()
        shutil.copyfile(live, folder / name)
        shutil.copyfile(live.with_name(name + "-wal"), folder / (name + "-wal"))
    finally:
        writer.close()
    shutil.rmtree(scratch)
    assert (folder / (name + "-wal")).stat().st_size > 0
    return folder / name


def test_a_project_the_os_reports_unwritable_leaves_no_side_files(tmp_path, monkeypatch):
    folder = tmp_path / "shared"
    folder.mkdir()
    path = folder / "ro.claimdesk"
    new_project(path).close()
    assert _listing(folder) == ["ro.claimdesk"]
    _fake_unwritable(monkeypatch, path)
    with open_existing(path) as project:
        assert project.read_only
        assert project.db.execute("SELECT count(*) FROM documents").fetchone() == (0,)
        assert _listing(folder) == ["ro.claimdesk"]
    assert _listing(folder) == ["ro.claimdesk"]


def test_an_immutable_project_in_a_writable_folder_leaves_no_side_files(tmp_path, make_read_only):
    folder = tmp_path / "shared"
    folder.mkdir()
    path = folder / "ro.claimdesk"
    new_project(path).close()
    make_read_only(path)
    with open_existing(path) as project:
        assert project.read_only
        project.db.execute("SELECT count(*) FROM claims").fetchone()
    assert _listing(folder) == ["ro.claimdesk"]


def test_a_refused_foreign_file_with_unfinished_writes_leaves_no_shm(tmp_path):
    folder = tmp_path / "drive"
    folder.mkdir()
    path = _with_pending_wal(lambda db: db.execute("CREATE TABLE notes (x)"), folder, "other.claimdesk")
    wal_before = (folder / "other.claimdesk-wal").read_bytes()
    with pytest.raises(ProjectError, match="not a Claimdesk project"):
        open_existing(path)
    assert _listing(folder) == ["other.claimdesk", "other.claimdesk-wal"]
    assert (folder / "other.claimdesk-wal").read_bytes() == wal_before


def test_a_read_only_project_with_unfinished_writes_shows_them_and_leaves_no_shm(tmp_path, monkeypatch):
    folder = tmp_path / "drive"
    folder.mkdir()
    made = tmp_path / "made.claimdesk"
    new_project(made).close()

    def add_note(db):
        source = sqlite3.connect(made)
        try:
            source.backup(db)
        finally:
            source.close()
        db.execute("PRAGMA journal_mode = WAL")  # backup() copied the header's rollback mode back
        db.execute("INSERT INTO meta (key, value) VALUES ('unfinished', 'yes')")

    path = _with_pending_wal(add_note, folder, "ro.claimdesk")
    _fake_unwritable(monkeypatch, path)
    with open_existing(path) as project:
        assert project.read_only
        assert project.db.execute("SELECT value FROM meta WHERE key = 'unfinished'").fetchone() == ("yes",)
    assert _listing(folder) == ["ro.claimdesk", "ro.claimdesk-wal"]
