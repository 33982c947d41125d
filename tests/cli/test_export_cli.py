"""`claimdesk export` end to end: an export that would hold nothing fails with the reason
(exit 1, no file), an unknown --kind or --doc is a usage error (exit 2)."""

import json

import pytest

from tests.cli.command import claimdesk
from tests.conftest import SAMPLES


@pytest.fixture
def project_with_claims(tmp_path):
    assert claimdesk("new", "p.claimdesk", cwd=tmp_path).returncode == 0
    assert claimdesk("import", "p.claimdesk", SAMPLES / "01-rural-clinics.txt", cwd=tmp_path).returncode == 0
    result = claimdesk("suggest", "p.claimdesk", "--accept", cwd=tmp_path, env_extra={"CLAIMDESK_USER": "ana"})
    assert result.returncode == 0 and "accepted" in result.stdout, result.stderr
    return tmp_path


def test_nothing_verified_exits_1_with_the_reason_and_writes_nothing(project_with_claims):
    cwd = project_with_claims
    total = len(claimdesk("claims", "p.claimdesk", "--jsonl", cwd=cwd).stdout.splitlines())
    result = claimdesk("export", "p.claimdesk", "--format", "csv", "-o", "out.csv", cwd=cwd)
    assert result.returncode == 1
    assert f"0 of {total} claims are verified; use --draft to export unverified claims" in result.stderr
    assert "wrote" not in result.stdout and not (cwd / "out.csv").exists()


def test_a_draft_exports_them(project_with_claims):
    cwd = project_with_claims
    result = claimdesk("export", "p.claimdesk", "--format", "json", "-o", "out.json", "--draft", cwd=cwd)
    assert result.returncode == 0, result.stderr
    assert json.loads((cwd / "out.json").read_text())["claims"]


def test_unknown_kind_or_document_is_a_usage_error(project_with_claims):
    cwd = project_with_claims
    kind = claimdesk("export", "p.claimdesk", "--format", "html", "-o", "x.html", "--draft", "--kind", "fundng",
                     cwd=cwd)
    assert kind.returncode == 2 and "no claim kind named 'fundng'" in kind.stderr
    doc = claimdesk("export", "p.claimdesk", "--format", "html", "-o", "x.html", "--draft", "--doc", "42", cwd=cwd)
    assert doc.returncode == 2 and "no document #42" in doc.stderr
    assert not (cwd / "x.html").exists()
