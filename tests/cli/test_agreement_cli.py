"""`claimdesk agreement` end to end on the constructed pair of tests/ops/test_agreement.py:
the figures computed by hand, as JSON and as a table; usage errors exit 2, a file that is
not a project exits 1."""

import json

import pytest

from tests.cli.command import claimdesk
from tests.agreement_marks import (OTHER_RELEASE, RELEASE, alice_marks, analyst_project, bob_marks)


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


def test_an_older_project_is_read_from_an_upgraded_copy_and_left_as_it_was(pair, monkeypatch, capsys):
    # PROJECT used to be opened as the app opens it: upgraded in place, with a .vN.bak beside it
    from claimdesk.cli import main
    from claimdesk.store import migrations as migrations_module

    before = {path.name: path.read_bytes() for path in pair.iterdir() if path.is_file()}
    steps = list(migrations_module.migrations._migrations)  # a newer Claimdesk: both files are one step older
    monkeypatch.setattr(migrations_module.migrations, "_migrations",
                        steps + [type(steps[0])("9999_test_note", lambda db: db.execute(
                            "ALTER TABLE documents ADD COLUMN note TEXT NOT NULL DEFAULT ''"))])
    monkeypatch.chdir(pair)
    assert main(["agreement", "alice.claimdesk", "--with", "bob.claimdesk", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["first"], data["kinds"][0]["span_alpha"]) == ("alice.claimdesk", round(411 / 550, 6))
    assert {path.name: path.read_bytes() for path in pair.iterdir() if path.is_file()} == before


def test_two_authors_with_no_document_in_common_is_said_and_exits_1(pair):
    from claimdesk.core.claims import CreateClaim
    from claimdesk.ops import claims as claim_ops
    from claimdesk.ops import documents as document_ops
    from claimdesk.ops.projects import open_existing

    with open_existing(pair / "alice.claimdesk") as alice:  # dave marked only the release alice did not
        schools = next(d.id for d in document_ops.list_documents(alice) if d.file_name == "schools.txt")
        start = OTHER_RELEASE.index("3 schools")
        claim_ops.apply_command(alice, CreateClaim(schools, "statistic", start, start + 9, {"value": "3"}),
                                actor="dave")
    result = claimdesk("agreement", "alice.claimdesk", "--between", "alice", "dave", cwd=pair)
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.startswith("claimdesk agreement: alice and dave have no document in common to compare "
                                    "(2 not compared, e.g. «")
