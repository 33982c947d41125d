"""End to end: `suggest --accept` proposes the accepted claims' subjects and measures."""

from __future__ import annotations

import json

from tests.cli.command import claimdesk

RELEASE = ("Gasification of the country\n\n"
           "The gasification level will reach 62% in 2025. In 2024 the gasification level was 60%.")


def test_suggest_accept_proposes_subjects_and_measures(tmp_path):
    (tmp_path / "gas.txt").write_text(RELEASE, encoding="utf-8")
    assert claimdesk("new", "p.claimdesk", cwd=tmp_path).returncode == 0
    assert claimdesk("import", "p.claimdesk", "gas.txt", cwd=tmp_path).returncode == 0
    result = claimdesk("suggest", "p.claimdesk", "--accept", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "subjects and measures proposed for 2 claims" in result.stdout
    listed = json.loads(claimdesk("subjects", "p.claimdesk", "--json", cwd=tmp_path).stdout)
    assert [(s["name"], [(m["name"], m["claim_count"]) for m in s["measures"]]) for s in listed] == [
        ("Gasification", [("level %", 2)])]
