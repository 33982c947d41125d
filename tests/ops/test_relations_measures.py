"""Relations within a measure through the ops layer: claims linked to one measure across
releases, decisions kept across re-proposals, a confirmed progress relation setting the
target's promise status, `relations --jsonl` naming the measure; the seeds story."""

import json
import subprocess
import sys

import pytest

from claimdesk.core.claims import CreateClaim
from claimdesk.core.subjects_model import LinkClaimMeasure
from claimdesk.ops import claims as claim_ops
from claimdesk.ops import relations as relation_ops
from claimdesk.ops import subjects as subject_ops
from claimdesk.ops.commands import run_command
from claimdesk.ops.importing import import_paths
from claimdesk.store import claims as claims_repo

TEXTS = [  # (text, published)
    ("The gasification level will reach 60 percent by 2025, the ministry said.", "2023-01-10"),
    ("By the end of 2024 the level of gasification was 58.4 percent.", "2025-01-15"),
    ("The gasification level reached 58.4% in 2024.", "2025-02-01"),
    ("Gas access stood at 52% in 2024, a regional wire reported.", "2025-02-03"),
    ("In 2023 the gasification level was 55 percent.", "2024-01-20"),
]


@pytest.fixture
def claims(project, tmp_path):
    for n, (text, _) in enumerate(TEXTS):
        (tmp_path / f"{n}.txt").write_text(text, encoding="utf-8")
    import_paths(project, sorted(tmp_path.glob("*.txt")))
    for document_id, (_, published) in enumerate(TEXTS, 1):
        project.db.execute("UPDATE documents SET published = ? WHERE id = ?", [published, document_id])

    def mark(document_id, kind, words, fields):
        text = project.db.execute("SELECT text FROM documents WHERE id = ?", [document_id]).fetchone()[0]
        start = text.index(words)
        return claim_ops.apply_command(project, CreateClaim(document_id, kind, start, start + len(words),
                                                            fields)).claim_id

    ids = {"plan": mark(1, "target", "60 percent by 2025", {"quantity": "60", "unit": "%", "deadline": "2025",
                                                           "status": "planned"}),
           "report": mark(2, "statistic", "58.4 percent", {"value": "58.4", "unit": "%", "as_of": "2024"}),
           "same": mark(3, "statistic", "58.4% in 2024", {"value": "58.4", "unit": "%", "as_of": "2024"}),
           "other": mark(4, "statistic", "52% in 2024", {"value": "52", "unit": "%", "as_of": "2024"}),
           "earlier": mark(5, "statistic", "55 percent", {"value": "55", "unit": "%", "as_of": "2023"})}
    subject = subject_ops.find_or_add_subject(project, "gasification of the country")
    measure = subject_ops.find_or_add_measure(project, subject.id, "population with gas access", "percent", "%")
    for claim_id in ids.values():
        run_command(project, LinkClaimMeasure(claim_id, measure.id))
    return ids


def _found(project):
    return {(r["kind"], r["first"], r["second"]): r for r in relation_ops.list_relations(project)}


def test_claims_of_one_measure_relate_across_kinds_and_periods(project, claims):
    relation_ops.propose_relations(project, today="2025-03-01")
    found = _found(project)
    pair = tuple(sorted((claims["report"], claims["same"])))
    assert ("corroborates", *pair) in found
    assert ("conflicts", *sorted((claims["report"], claims["other"]))) in found
    # 2023's figure is another period's: no conflict with 2024's, and the later reports stand for the plan
    assert not any(claims["earlier"] in key[1:] for key in found)
    progress = found[("progress", *sorted((claims["plan"], claims["report"])))]
    assert progress["reason"].endswith("proposes promise status in progress (in the works)")
    measure = found[("corroborates", *pair)]["measure"]
    assert measure["name"] == "population with gas access" and measure["subject"] == "gasification of the country"


def test_decisions_persist_and_a_confirmed_progress_sets_the_promise_status(project, claims):
    relation_ops.propose_relations(project, today="2025-03-01")
    found = _found(project)
    conflict = found[("conflicts", *sorted((claims["report"], claims["other"])))]
    relation_ops.decide(project, conflict["id"], "dismissed", actor="reviewer")
    progress = found[("progress", *sorted((claims["plan"], claims["report"])))]
    relation_ops.decide(project, progress["id"], "confirmed", actor="reviewer")
    assert claims_repo.get_claim(project.db, claims["plan"]).promise_status == "in the works"
    relation_ops.propose_relations(project, today="2025-03-01")
    again = _found(project)
    assert again[("conflicts", *sorted((claims["report"], claims["other"])))]["state"] == "dismissed"
    assert again[("progress", *sorted((claims["plan"], claims["report"])))]["state"] == "confirmed"
    assert len(again) == len(found)  # the decided ones are not proposed a second time


def test_confirming_applies_the_stored_promise_whatever_the_reason_says(project, claims):
    relation_ops.propose_relations(project, today="2025-03-01")
    progress = _found(project)[("progress", *sorted((claims["plan"], claims["report"])))]
    with project.db.atomic():  # the reason is for people: its wording may change at any time
        project.db.execute("UPDATE relations SET reason = 'reported 58.4 % against 60 % by 2025' WHERE id = ?",
                           [progress["id"]])
    relation_ops.decide(project, progress["id"], "confirmed", actor="reviewer")
    assert claims_repo.get_claim(project.db, claims["plan"]).promise_status == "in the works"


def test_only_progress_relations_propose_a_promise(project, claims):
    relation_ops.propose_relations(project, today="2025-03-01")
    found = _found(project)
    assert {key[0] for key in found} >= {"corroborates", "conflicts", "progress"}
    assert all((r["proposed_promise"] is not None) == (kind == "progress") for (kind, *_), r in found.items())
    assert found[("progress", *sorted((claims["plan"], claims["report"])))]["proposed_promise"] == "in the works"


def test_a_progress_whose_target_is_no_longer_a_plan_is_refused_whole(project, claims):
    from claimdesk.core.claims import ClaimError, EditClaim

    relation_ops.propose_relations(project, today="2025-03-01")
    progress = _found(project)[("progress", *sorted((claims["plan"], claims["report"])))]
    run_command(project, EditClaim(claims["plan"], {"fields": {"quantity": "60", "unit": "%", "deadline": "2025",
                                                               "status": "in progress"}}))
    with pytest.raises(ClaimError, match="planned target"):
        relation_ops.decide(project, progress["id"], "confirmed", actor="reviewer")
    assert _found(project)[("progress", *sorted((claims["plan"], claims["report"])))]["state"] == "proposed"
    assert claims_repo.get_claim(project.db, claims["plan"]).promise_status == "not yet rated"


def test_a_decided_verdict_on_a_pair_is_not_proposed_again_as_another_kind(project, claims):
    from claimdesk.store import relations as relation_rows

    pair = sorted((claims["report"], claims["same"]))
    relation_rows.insert_relation(project.db, "conflicts", *pair, "an earlier rule's verdict", 0.6)
    decided = project.db.execute("SELECT id FROM relations WHERE kind = 'conflicts'").fetchone()[0]
    relation_ops.decide(project, decided, "dismissed", actor="reviewer")
    relation_ops.propose_relations(project, today="2025-03-01")
    kinds = [key[0] for key in _found(project) if list(key[1:]) == pair]
    assert kinds == ["conflicts"]  # not proposed again as corroborating


def test_unlinked_claims_are_not_compared_with_linked_ones(project, claims):
    run_command(project, LinkClaimMeasure(claims["other"], None))
    relation_ops.propose_relations(project, today="2025-03-01")
    assert not any(claims["other"] in key[1:] for key in _found(project))


def test_relation_lines_carry_the_measure_and_reason(project, claims, tmp_path):
    path = project.path
    project.close()
    result = subprocess.run([sys.executable, "-m", "claimdesk", "relations", str(path), "--jsonl"],
                            capture_output=True, text=True, timeout=120)
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert result.returncode == 0 and lines
    assert all(line["measure"]["subject"] == "gasification of the country" and line["reason"] for line in lines)
    assert {line["kind"] for line in lines} >= {"corroborates", "conflicts", "progress"}
    # proposed today, past the plan's 2025 deadline, with no report meeting it
    assert {line["proposed_promise"] for line in lines if line["kind"] == "progress"} == {"broken"}
    assert {line["proposed_promise"] for line in lines if line["kind"] != "progress"} == {None}


def test_seeds_story_one_measure_corroborates(tmp_path, seeds_dir):
    from claimdesk.core.suggestion_commands import AcceptSuggestion, Batch
    from claimdesk.ops import suggestions as suggestion_ops
    from claimdesk.ops.projects import new_project

    with new_project(tmp_path / "seeds.claimdesk") as project:
        import_paths(project, [seeds_dir])
        suggestion_ops.suggest_documents(project)
        run_command(project, Batch(tuple(AcceptSuggestion(s.id) for s in suggestion_ops.pending(project))))
        relation_ops.propose_relations(project)
        quotes = {row[0]: row[1][:20] for row in project.db.execute("SELECT id, quote FROM claims")}
        story = {claim_id for claim_id, quote in quotes.items()
                 if quote in ("More than 650 medica", "655 primary healthca", "about 700 medical fa")}
        links = subject_ops.links_for_claims(project, story)
        assert len(story) == 3 and len({link[1].id for link in links.values()}) == 1 and len(links) == 3
        pairs = {(r["kind"], frozenset((quotes[r["first"]], quotes[r["second"]])))
                 for r in relation_ops.list_relations(project)}
        assert ("corroborates", frozenset(("More than 650 medica", "655 primary healthca"))) in pairs
        assert ("corroborates", frozenset(("More than 650 medica", "about 700 medical fa"))) in pairs
