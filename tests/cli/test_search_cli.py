"""`claimdesk search`: its help states the query syntax, and the command finds word forms."""

from __future__ import annotations

import json

from tests.cli.command import claimdesk


def test_search_help_states_the_syntax(tmp_path):
    result = claimdesk("search", "--help", cwd=tmp_path)
    assert result.returncode == 0
    assert "any form of the word" in result.stdout and "теңге = тенге" in result.stdout
    assert '"exact words"' in result.stdout and "not stemmed and not" in result.stdout


def test_search_finds_a_form_and_quotes_keep_it_exact(tmp_path):
    (tmp_path / "release.txt").write_text("Итоги\n\nНа строительство школ предусмотрено 4 млрд теңге.",
                                          encoding="utf-8")
    claimdesk("new", "p.claimdesk", cwd=tmp_path)
    assert claimdesk("import", "p.claimdesk", "release.txt", cwd=tmp_path).returncode == 0
    hits = json.loads(claimdesk("search", "p.claimdesk", "предусмотренных тенге", "--json", cwd=tmp_path).stdout)
    assert [h["title"] for h in hits] == ["Итоги"] and "[предусмотрено]" in hits[0]["snippet"]
    exact = claimdesk("search", "p.claimdesk", '"тенге"', cwd=tmp_path)
    assert exact.returncode == 0 and exact.stdout == "" and "no matches" in exact.stderr


def test_an_empty_query_is_a_usage_error(tmp_path):
    from tests.cli.command import claimdesk

    assert claimdesk("new", "p.claimdesk", cwd=tmp_path).returncode == 0
    for query in ("", "   "):
        result = claimdesk("search", "p.claimdesk", query, cwd=tmp_path)
        assert result.returncode == 2 and "the query is empty" in result.stderr
