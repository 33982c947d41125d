"""End to end: `claimdesk subjects` lists, links, renames, merges and unlinks, proposes
without overriding the analyst, and refuses bad input with one clear line and nothing changed.

`suggest --accept` already proposes subjects, so the analyst's subjects here have names the
detector does not give (Alpha line, Beta line) and the checks look at those."""

from __future__ import annotations

import json

from tests.cli.command import claimdesk

TEXTS = {"a.txt": "The Astana LRT budget is 3 billion tenge. The line will have 18 stations.",
         "b.txt": "«Nur-Sultan LRT»: a further 2 billion tenge was allocated."}


def _project(tmp_path) -> dict[str, int]:
    """A project with the three detected claims; their ids by what they state."""
    for name, text in TEXTS.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    assert claimdesk("new", "p.claimdesk", cwd=tmp_path).returncode == 0
    assert claimdesk("import", "p.claimdesk", "a.txt", "b.txt", cwd=tmp_path).returncode == 0
    assert claimdesk("suggest", "p.claimdesk", "--accept", cwd=tmp_path).returncode == 0
    listed = claimdesk("claims", "p.claimdesk", "--jsonl", cwd=tmp_path)
    lines = [json.loads(line) for line in listed.stdout.splitlines()]

    def stating(words):
        [claim_id] = [line["id"] for line in lines if words in line["quote"]]
        return claim_id

    return {"budget": stating("3 billion"), "stations": stating("18 stations"), "budget2": stating("2 billion")}


def _subjects(tmp_path) -> list[dict]:
    result = claimdesk("subjects", "p.claimdesk", "--json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def _ok(tmp_path, *args) -> str:
    result = claimdesk("subjects", "p.claimdesk", *args, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    return result.stdout


def _mine(tmp_path) -> list[dict]:
    return [s for s in _subjects(tmp_path) if s["name"].startswith(("Alpha", "Beta"))]


def test_link_list_rename_merge_and_unlink(tmp_path):
    claims = _project(tmp_path)
    assert _mine(tmp_path) == []
    out = _ok(tmp_path, "link", claims["budget"], "--subject", "Alpha line", "--measure", "budget",
              "--unit-class", "currency", "--unit", "KZT", "--category", "project")
    assert f"claim #{claims['budget']}: Alpha line / budget" in out
    _ok(tmp_path, "link", claims["stations"], "--subject", "alpha  LINE", "--measure", "stations", "--unit-class",
        "count")
    _ok(tmp_path, "link", claims["budget2"], "--subject", "Beta line", "--measure", "Budget",
        "--unit-class", "currency")
    listed = _mine(tmp_path)
    assert [(s["name"], s["category"], s["claim_count"]) for s in listed] == [
        ("Alpha line", "project", 2), ("Beta line", "programme", 1)]
    alpha, beta = listed
    assert [(m["name"], m["unit_class"], m["unit"], m["claim_count"], m["open_conflicts"])
            for m in alpha["measures"]] == [("budget", "currency", "KZT", 1, 0), ("stations", "count", None, 1, 0)]

    _ok(tmp_path, "rename-subject", alpha["id"], "Alpha light metro")
    _ok(tmp_path, "merge-subjects", alpha["id"], beta["id"])
    [merged] = _mine(tmp_path)
    assert merged["name"] == "Alpha light metro" and set(merged["aliases"]) == {"Alpha line", "Beta line"}
    assert [(m["name"], m["claim_count"]) for m in merged["measures"]] == [("budget", 2), ("stations", 1)]

    text = _ok(tmp_path)
    assert f"#{merged['id']} Alpha light metro (project; also Alpha line, Beta line): 3 claim(s)" in text
    assert "budget [currency, KZT]: 2 claim(s)" in text

    _ok(tmp_path, "split-alias", merged["id"], "Beta line")
    assert [(s["name"], s["claim_count"]) for s in _mine(tmp_path)] == [("Alpha light metro", 2), ("Beta line", 1)]
    _ok(tmp_path, "unlink", claims["stations"])
    assert [(s["name"], s["claim_count"]) for s in _mine(tmp_path)] == [("Alpha light metro", 1), ("Beta line", 1)]


def test_bad_input_is_refused_with_one_line_and_nothing_changed(tmp_path):
    claims = _project(tmp_path)
    before = _subjects(tmp_path)
    result = claimdesk("subjects", "p.claimdesk", "link", claims["budget"], "--subject", "Alpha line",
                       "--measure", "budget", cwd=tmp_path)
    assert result.returncode == 1 and "give its unit class" in result.stderr
    assert _subjects(tmp_path) == before  # the subject named on the refused line was not kept
    result = claimdesk("subjects", "p.claimdesk", "link", 999, "--subject", "Alpha line", "--measure", "budget",
                       "--unit-class", "currency", cwd=tmp_path)
    assert result.returncode == 1 and "no claim #999" in result.stderr
    result = claimdesk("subjects", "p.claimdesk", "link", claims["budget"], "--measure", "42", cwd=tmp_path)
    assert result.returncode == 1 and "no measure #42" in result.stderr
    result = claimdesk("subjects", "p.claimdesk", "link", claims["budget"], "--subject", "X", "--measure", "m",
                       "--unit-class", "money", cwd=tmp_path)
    assert result.returncode == 2 and "invalid choice: 'money'" in result.stderr
    result = claimdesk("subjects", "p.claimdesk", "merge-subjects", 41, 42, cwd=tmp_path)
    assert result.returncode == 1 and "no subject #41" in result.stderr
    result = claimdesk("subjects", "p.claimdesk", "propose", "--doc", 99, cwd=tmp_path)
    assert result.returncode == 1 and "no document #99" in result.stderr
    assert _subjects(tmp_path) == before


def test_propose_keeps_the_analysts_links_and_removals(tmp_path):
    claims = _project(tmp_path)
    _ok(tmp_path, "unlink", claims["budget"])
    _ok(tmp_path, "link", claims["stations"], "--subject", "Alpha line", "--measure", "stations",
        "--unit-class", "count")
    out = _ok(tmp_path, "propose")
    assert "given a proposed subject and measure in 2 document(s)" in out
    listed = _subjects(tmp_path)
    assert [(s["name"], s["claim_count"]) for s in listed if s["name"] == "Alpha line"] == [("Alpha line", 1)]
    # the removed link stays removed, the confirmed one where the analyst put it, the third is proposed
    assert sum(s["claim_count"] for s in listed) == 2
