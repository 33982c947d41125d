"""End to end: `claimdesk subjects` lists, links, renames, merges and unlinks, and refuses
bad input with one clear line and nothing changed."""

from __future__ import annotations

import importlib.util
import json

from tests.cli.test_cli import claimdesk

TEXTS = {"a.txt": "The Astana LRT budget is 3 billion tenge. The line will have 18 stations.",
         "b.txt": "«Nur-Sultan LRT»: a further 2 billion tenge was allocated."}


def _project(tmp_path) -> dict[str, int]:
    """A project with the three detected claims; their ids by what they state."""
    for name, text in TEXTS.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    assert claimdesk("new", "p.claimdesk", cwd=tmp_path).returncode == 0
    assert claimdesk("import", "p.claimdesk", "a.txt", "b.txt", cwd=tmp_path).returncode == 0
    assert claimdesk("suggest", "p.claimdesk", "--accept", cwd=tmp_path).returncode == 0
    lines = [json.loads(line) for line in claimdesk("claims", "p.claimdesk", "--jsonl", cwd=tmp_path).stdout.splitlines()]

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


def test_link_list_rename_merge_and_unlink(tmp_path):
    claims = _project(tmp_path)
    assert _subjects(tmp_path) == []
    out = _ok(tmp_path, "link", claims["budget"], "--subject", "Astana LRT", "--measure", "budget",
              "--unit-class", "currency", "--unit", "KZT", "--category", "project")
    assert f"claim #{claims['budget']}: Astana LRT / budget" in out
    _ok(tmp_path, "link", claims["stations"], "--subject", "astana  LRT", "--measure", "stations", "--unit-class",
        "count")
    _ok(tmp_path, "link", claims["budget2"], "--subject", "Nur-Sultan LRT", "--measure", "Budget",
        "--unit-class", "currency")
    listed = _subjects(tmp_path)
    assert [(s["name"], s["category"], s["claim_count"]) for s in listed] == [
        ("Astana LRT", "project", 2), ("Nur-Sultan LRT", "programme", 1)]
    lrt, light_rail = listed
    assert [(m["name"], m["unit_class"], m["unit"], m["claim_count"], m["open_conflicts"])
            for m in lrt["measures"]] == [("budget", "currency", "KZT", 1, 0), ("stations", "count", None, 1, 0)]

    _ok(tmp_path, "rename-subject", lrt["id"], "Astana LRT line")
    _ok(tmp_path, "merge-subjects", lrt["id"], light_rail["id"])
    [merged] = _subjects(tmp_path)
    assert merged["name"] == "Astana LRT line" and set(merged["aliases"]) == {"Astana LRT", "Nur-Sultan LRT"}
    assert [(m["name"], m["claim_count"]) for m in merged["measures"]] == [("budget", 2), ("stations", 1)]

    text = _ok(tmp_path)
    assert f"#{merged['id']} Astana LRT line (project; also Astana LRT, Nur-Sultan LRT): 3 claim(s)" in text
    assert "budget [currency, KZT]: 2 claim(s)" in text

    _ok(tmp_path, "unlink", claims["stations"])
    [merged] = _subjects(tmp_path)
    assert merged["claim_count"] == 2


def test_bad_input_is_refused_with_one_line_and_nothing_changed(tmp_path):
    claims = _project(tmp_path)
    result = claimdesk("subjects", "p.claimdesk", "link", claims["budget"], "--subject", "Astana LRT",
                       "--measure", "budget", cwd=tmp_path)
    assert result.returncode == 1 and "give its unit class" in result.stderr
    assert _subjects(tmp_path) == []  # the subject named on the refused line was not kept
    result = claimdesk("subjects", "p.claimdesk", "link", 999, "--subject", "Astana LRT", "--measure", "budget",
                       "--unit-class", "currency", cwd=tmp_path)
    assert result.returncode == 1 and "no claim #999" in result.stderr
    result = claimdesk("subjects", "p.claimdesk", "link", claims["budget"], "--measure", "42", cwd=tmp_path)
    assert result.returncode == 1 and "no measure #42" in result.stderr
    result = claimdesk("subjects", "p.claimdesk", "link", claims["budget"], "--subject", "X", "--measure", "m",
                       "--unit-class", "money", cwd=tmp_path)
    assert result.returncode == 2 and "invalid choice: 'money'" in result.stderr
    result = claimdesk("subjects", "p.claimdesk", "merge-subjects", 1, 2, cwd=tmp_path)
    assert result.returncode == 1 and "no subject #1" in result.stderr
    assert _subjects(tmp_path) == []


def test_propose_links_the_claims_of_the_documents(tmp_path):
    claims = _project(tmp_path)
    result = claimdesk("subjects", "p.claimdesk", "propose", cwd=tmp_path)
    if importlib.util.find_spec("claimdesk.ops.subject_proposals") is None:
        assert result.returncode == 1 and "proposing subjects is not available" in result.stderr
        return
    assert result.returncode == 0, result.stderr
    names = {s["name"] for s in _subjects(tmp_path)}
    assert names and claims
