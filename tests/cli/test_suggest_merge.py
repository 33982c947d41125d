"""End to end: `claimdesk suggest --accept` on a project where a figure was tagged by hand
leaves one claim per figure (the suggestion merges into the hand tag)."""

import json

from claimdesk.core.claims import CreateClaim
from claimdesk.ops import claims as claim_ops
from claimdesk.ops.projects import open_existing
from tests.cli.command import claimdesk

RELEASE = ("The ministry allocated KZT 5 bn for schools and KZT 2 bn for clinics in 2025.\n\n"
           "Grants of USD 5 million plus USD 2 million in loans were allocated to the akimat.\n")


def _project_with_hand_tags(tmp_path):
    (tmp_path / "release.txt").write_text(RELEASE, encoding="utf-8")
    assert claimdesk("new", "p.claimdesk", cwd=tmp_path).returncode == 0
    assert claimdesk("import", "p.claimdesk", "release.txt", cwd=tmp_path).returncode == 0
    with open_existing(tmp_path / "p.claimdesk") as project:
        text = project.db.execute("SELECT text FROM documents WHERE id = 1").fetchone()[0]
        for quote, fields in (("5 bn for schools", {"status": "planned"}), ("5 million", {})):
            start = text.index(quote)  # the currency word left out of both tags
            claim_ops.apply_command(project, CreateClaim(1, "funding", start, start + len(quote), fields))
    return tmp_path / "p.claimdesk"


def _claims(tmp_path):
    result = claimdesk("claims", "p.claimdesk", "--jsonl", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_suggest_accept_merges_into_hand_tags_one_claim_per_figure(tmp_path):
    _project_with_hand_tags(tmp_path)

    result = claimdesk("suggest", "p.claimdesk", "--accept", cwd=tmp_path)

    assert result.returncode == 0, result.stderr
    assert "merged into claims that already stated them" in result.stdout  # not "accepted N as claims"
    funding = [c for c in _claims(tmp_path) if c["kind"] == "funding"]
    assert len(funding) == 4, [c["quote"] for c in funding]  # was 6: each hand tag plus its suggestion
    amounts = sorted((c["fields"]["amount"], c["fields"]["currency"]) for c in funding)
    assert amounts == [("2000000", "USD"), ("2000000000", "KZT"), ("5000000", "USD"), ("5000000000", "KZT")]
    schools = next(c for c in funding if c["quote"] == "5 bn for schools")
    assert schools["fields"]["status"] == "planned"  # the analyst's value stays
    assert any(c["quote"] == "5 million" for c in funding)  # two suggestions shared its clause: one merged


def test_suggest_accept_again_adds_nothing(tmp_path):
    _project_with_hand_tags(tmp_path)
    assert claimdesk("suggest", "p.claimdesk", "--accept", cwd=tmp_path).returncode == 0
    first = _claims(tmp_path)
    again = claimdesk("suggest", "p.claimdesk", "--accept", cwd=tmp_path)
    assert again.returncode == 0 and again.stdout.startswith("0 suggestions")
    assert _claims(tmp_path) == first
