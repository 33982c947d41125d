"""`claimdesk disagreements`: the disagreements a merge left open, listed (text or JSON,
spans where `claims --jsonl` puts them) and resolved; `claims --jsonl` lines carry them."""

from __future__ import annotations

import json

import pytest

from claimdesk.cli import main
from claimdesk.core.claims import CreateClaim
from claimdesk.ops import claims as claim_ops
from claimdesk.ops.importing import import_paths
from claimdesk.ops.projects import new_project, open_existing
from claimdesk.store import documents as documents_repo
from tests.digest_page import DIGEST

QUOTE = "The regional budget spent 1.9 billion tenge"


@pytest.fixture
def merged(pair, capsys):
    alice, bob, alice_ids, _bob_ids = pair
    assert main(["merge", str(alice), str(bob)]) == 0
    capsys.readouterr()
    return alice, alice_ids


def _json_lines(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines()]


def test_open_disagreements_are_listed_and_resolved(merged, capsys):
    alice, alice_ids = merged
    assert main(["disagreements", str(alice)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[-1] == "2 open disagreements in alice.claimdesk; resolve one with --resolve ID --keep|--take|--both"
    quantity = next(line for line in out if " quantity " in line)
    assert "120 (alice) vs 100 (bob, from bob.claimdesk)" in quantity
    assert main(["disagreements", str(alice), "--json"]) == 0
    listed = {item["attribute"]: item for item in _json_lines(capsys.readouterr().out)}
    assert sorted(listed) == ["fields.quantity", "span"]
    assert (listed["fields.quantity"]["kept_value"], listed["fields.quantity"]["other_value"]) == ("120", "100")
    assert main(["disagreements", str(alice), "--resolve", str(listed["fields.quantity"]["id"]), "--take",
                 "--reviewer", "carol"]) == 0
    assert "take the other analyst's value" in capsys.readouterr().out
    with open_existing(alice) as project:
        assert claim_ops.get_claim(project, alice_ids[1]).fields["quantity"] == "100"
    assert main(["disagreements", str(alice), "--resolve", str(listed["fields.quantity"]["id"]), "--keep"]) == 1
    assert "already resolved" in capsys.readouterr().err
    assert main(["disagreements", str(alice), "--resolve", str(listed["span"]["id"]), "--both"]) == 0
    capsys.readouterr()
    assert main(["disagreements", str(alice)]) == 0
    assert capsys.readouterr().out == "0 open disagreements in alice.claimdesk\n"
    assert main(["disagreements", str(alice), "--all", "--json"]) == 0
    assert sorted(item["resolution"] for item in _json_lines(capsys.readouterr().out)) == ["both", "other"]
    assert main(["disagreements", str(alice), "--all"]) == 0  # in the words of the options used
    labels = sorted(line.rpartition(" [resolved: ")[2] for line in capsys.readouterr().out.splitlines()
                    if " [resolved: " in line)
    assert labels == ["both kept]", "taken]"]


@pytest.mark.parametrize("arguments", [["--keep"], ["--resolve", "1"], ["--resolve", "1", "--keep", "--take"],
                                       ["--resolve", "x", "--keep"], ["--resolve", "99999999999999999999", "--keep"]])
def test_a_wrong_resolution_is_a_usage_error(merged, arguments, capsys):
    alice, _ids = merged
    try:
        code = main(["disagreements", str(alice), *arguments])
    except SystemExit as exited:
        code = exited.code
    assert code == 2 and capsys.readouterr().err


def test_claim_lines_carry_their_open_disagreements(merged, capsys):
    alice, alice_ids = merged
    assert main(["claims", str(alice), "--jsonl"]) == 0
    lines = {line["id"]: line for line in _json_lines(capsys.readouterr().out)}
    assert [d["attribute"] for d in lines[alice_ids[1]]["disagreements"]] == ["fields.quantity"]
    assert [d["other_author"] for d in lines[alice_ids[1]]["disagreements"]] == ["bob"]
    assert "disagreements" not in lines[alice_ids[0]]  # none open: no key


def _digest_analyst(path, source, actor, widen):
    with new_project(path) as project:
        assert import_paths(project, [source]).ok
        article = next(d for d in documents_repo.list_documents(project.db) if d.parent_id is not None
                       and QUOTE in (documents_repo.document_text(project.db, d.id) or ""))
        start = (documents_repo.document_text(project.db, article.id) or "").index(QUOTE)
        claim_ops.apply_command(project, CreateClaim(article.id, "funding", start, start + len(QUOTE) + widen),
                                actor=actor)


def test_a_span_disagreement_in_a_digest_article_counts_in_the_original(tmp_path, capsys):
    (tmp_path / "src").mkdir()
    source = tmp_path / "src" / "digest.txt"
    source.write_text(DIGEST, encoding="utf-8")
    _digest_analyst(tmp_path / "alice.claimdesk", source, "alice", 0)
    _digest_analyst(tmp_path / "bob.claimdesk", source, "bob", 9)  # " on the p"
    assert main(["merge", str(tmp_path / "alice.claimdesk"), str(tmp_path / "bob.claimdesk")]) == 0
    capsys.readouterr()
    assert main(["claims", str(tmp_path / "alice.claimdesk"), "--jsonl"]) == 0
    [line] = _json_lines(capsys.readouterr().out)
    [span] = line["disagreements"]
    assert (span["kept_value"]["start"], span["kept_value"]["end"]) == (line["start"], line["end"])
    assert main(["disagreements", str(tmp_path / "alice.claimdesk"), "--json"]) == 0
    [listed] = _json_lines(capsys.readouterr().out)
    for value in (listed["kept_value"], listed["other_value"]):  # positions in the page's text
        assert DIGEST[value["start"]:value["end"]] == value["quote"]
    assert listed["kept_value"] == span["kept_value"] and line["start"] > 0
