"""`claimdesk agreement` end to end on the constructed pair of tests/ops/test_agreement.py:
the figures computed by hand, as JSON and as a table; usage errors exit 2, a file that is
not a project exits 1."""

import json

import pytest

from tests.cli.test_cli import claimdesk
from tests.ops.test_agreement import (OTHER_RELEASE, RELEASE, alice_marks, analyst_project, bob_marks)


@pytest.fixture
def pair(tmp_path):
    folder = tmp_path / "releases"
    folder.mkdir()
    (folder / "clinics.txt").write_text(RELEASE, encoding="utf-8")
    (folder / "schools.txt").write_text(OTHER_RELEASE, encoding="utf-8")
    alice, alice_docs = analyst_project(tmp_path / "alice.claimdesk", folder, ["clinics.txt", "schools.txt"])
    bob, bob_docs = analyst_project(tmp_path / "bob.claimdesk", folder, ["clinics.txt"])
    alice_marks(alice, alice_docs["clinics.txt"], RELEASE)
    bob_marks(bob, bob_docs["clinics.txt"], RELEASE)
    alice.close()
    bob.close()
    return tmp_path


def test_two_files_as_json_and_as_a_table(pair):
    result = claimdesk("agreement", "alice.claimdesk", "--with", "bob.claimdesk", "--json", cwd=pair)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert [(k["kind"], k["span_alpha"], k["value_agreement"]) for k in data["kinds"]] == [
        ("funding", round(411 / 550, 6), 1.0), ("target", round(253 / 392, 6), 0.0)]
    assert [d["about"] for d in data["disagreements"]] == [["span"], ["span", "values"]]
    assert data["skipped"] == [f"«{OTHER_RELEASE}»: not in bob.claimdesk"]
    table = claimdesk("agreement", "alice.claimdesk", "--with", "bob.claimdesk", cwd=pair)
    assert table.returncode == 0, table.stderr
    lines = table.stdout.splitlines()
    assert lines[0] == "Agreement between alice.claimdesk and bob.claimdesk: 1 document(s), 70 characters"
    assert lines[3].split()[:3] == ["funding", "0.747", "91.4"] and lines[4].split()[:3] == ["target", "0.645", "88.6"]
    start = RELEASE.index("48 clinics")
    assert (f"target, span; values: deadline: alice.claimdesk #2 target “48 clinics” ({start}-{start + 10}) "
            f"deadline=2027 quantity=48 | bob.claimdesk") in table.stdout


def test_usage_errors_exit_2_and_a_file_that_is_not_a_project_exits_1(pair):
    only_alice = claimdesk("agreement", "alice.claimdesk", cwd=pair)
    assert only_alice.returncode == 2
    assert "only alice (2) marked claims in it; compare it with another analyst's file" in only_alice.stderr
    unknown = claimdesk("agreement", "alice.claimdesk", "--between", "alice", "bob", cwd=pair)
    assert unknown.returncode == 2 and "no claims by 'bob'; authors: alice (2)" in unknown.stderr
    kind = claimdesk("agreement", "alice.claimdesk", "--with", "bob.claimdesk", "--kind", "fundng", cwd=pair)
    assert kind.returncode == 2 and "no claim kind named 'fundng'" in kind.stderr
    (pair / "notes.claimdesk").write_text("minutes", encoding="utf-8")
    refused = claimdesk("agreement", "alice.claimdesk", "--with", "notes.claimdesk", cwd=pair)
    assert refused.returncode == 1 and "notes.claimdesk: not a Claimdesk project" in refused.stderr
