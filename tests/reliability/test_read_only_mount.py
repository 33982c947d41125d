"""A project on a real read-only mount (tmpfs remounted ro): it opens and reads, exports
work, and every change is refused with one line while the file stays byte-identical.
Needs mount rights (root with CAP_SYS_ADMIN, as in CI's container); skipped elsewhere."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

SAMPLES = Path(__file__).resolve().parents[2] / "resources" / "samples"


def _claimdesk(*args, cwd):
    env = {**os.environ, "CLAIMDESK_USER": "tester", "CLAIMDESK_LOCK_WAIT": "2"}
    return subprocess.run([sys.executable, "-m", "claimdesk", *map(str, args)], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=300)


@pytest.fixture
def read_only_mount(tmp_path):
    mount_point = tmp_path / "mnt"
    mount_point.mkdir()
    if os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root")
    made = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=20m", "tmpfs", str(mount_point)],
                          capture_output=True, text=True)
    if made.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {made.stderr.strip()}")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], capture_output=True)


def test_a_project_on_a_read_only_mount_reads_exports_and_refuses_changes(read_only_mount, tmp_path):
    project = read_only_mount / "p.claimdesk"
    assert _claimdesk("new", project, cwd=tmp_path).returncode == 0
    assert _claimdesk("import", project, SAMPLES / "01-rural-clinics.txt", cwd=tmp_path).returncode == 0
    assert _claimdesk("suggest", project, "--accept", cwd=tmp_path).returncode == 0
    subprocess.run(["mount", "-o", "remount,ro", str(read_only_mount)], check=True)
    before = hashlib.sha256(project.read_bytes()).hexdigest()
    listing = sorted(p.name for p in read_only_mount.iterdir())

    docs = _claimdesk("docs", project, cwd=tmp_path)
    assert docs.returncode == 0 and "#1" in docs.stdout, docs.stderr
    exported = _claimdesk("export", project, "--format", "json", "--draft", "-o", tmp_path / "out.json", cwd=tmp_path)
    assert exported.returncode == 0, exported.stderr
    assert (tmp_path / "out.json").stat().st_size > 0
    assert _claimdesk("verify", project, cwd=tmp_path).returncode == 0

    imported = _claimdesk("import", project, SAMPLES / "05-water-programme.html", cwd=tmp_path)
    assert imported.returncode == 1
    assert imported.stderr.strip().splitlines()[-1].endswith("nothing was imported (save a copy to edit it)")
    for change in (("suggest", project), ("review", project, "1", "--status", "in review")):
        result = _claimdesk(*change, cwd=tmp_path)
        assert result.returncode == 1, (change, result.stdout, result.stderr)
        assert "read-only" in result.stderr and "Traceback" not in result.stderr, result.stderr

    assert hashlib.sha256(project.read_bytes()).hexdigest() == before
    assert sorted(p.name for p in read_only_mount.iterdir()) == listing
