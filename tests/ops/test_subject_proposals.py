"""propose_subjects: proposals stored per document through ops.subjects, across releases that
word one programme differently, leaving the analyst's decisions alone."""

from __future__ import annotations

from claimdesk.core.subjects import subject_key
from claimdesk.core.subjects_model import LinkClaimMeasure
from claimdesk.core.suggestion_commands import AcceptSuggestion, Batch
from claimdesk.ops import importing
from claimdesk.ops import subjects as subject_ops
from claimdesk.ops.commands import run_command
from claimdesk.ops.subject_proposals import propose_subjects
from claimdesk.ops.suggestions import pending, suggest_documents

RELEASES = {
    "plan.txt": ("Gasification plan for the regions\n\n"
                 "The gasification level of the country will reach 62% in 2025, the Ministry of Energy said. "
                 "The Green Steppe Pipeline project will lay 300 km of gas pipes by 2026."),
    "result.txt": ("Газификация страны\n\n"
                   "Уровень газификации страны по итогам 2025 года составил 61%. "
                   "Газ получили жители 140 населенных пунктов."),
}


def _project_with_claims(project, tmp_path) -> dict[str, int]:
    for name, text in RELEASES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    importing.import_paths(project, [tmp_path / name for name in RELEASES])
    suggest_documents(project)
    run_command(project, Batch(tuple(AcceptSuggestion(s.id) for s in pending(project))))
    rows = project.db.execute("SELECT id, quote FROM claims").fetchall()
    return {quote: claim_id for claim_id, quote in rows}


def _claim_stating(claims: dict[str, int], words: str) -> int:
    [claim_id] = [claim_id for quote, claim_id in claims.items() if words in quote]
    return claim_id


def test_a_plan_and_a_result_in_two_languages_meet_in_one_measure(project, tmp_path):
    claims = _project_with_claims(project, tmp_path)
    report = propose_subjects(project)
    assert report.documents == 2 and report.proposed >= 3

    plan, result = _claim_stating(claims, "62%"), _claim_stating(claims, "61%")
    links = subject_ops.links_for_claims(project, [plan, result])
    (subject_a, measure_a, link_a), (_, measure_b, _) = links[plan], links[result]
    assert subject_a.key == subject_key("gasification") and measure_a.id == measure_b.id
    assert measure_a.unit_class == "percent" and link_a.state == "proposed" and link_a.source == "detector"
    assert 0 < link_a.confidence <= 1

    pipes = subject_ops.link_of(project, _claim_stating(claims, "300 km"))
    assert pipes is not None and pipes[0].key == subject_key("Green Steppe Pipeline")
    assert pipes[1].unit_class == "length"
    dominant = subject_ops.document_subject(project, 1)
    assert dominant is not None and dominant[0].key == subject_key("gasification")


def test_the_analysts_decisions_survive_a_new_proposal(project, tmp_path):
    claims = _project_with_claims(project, tmp_path)
    propose_subjects(project)
    confirmed, removed = _claim_stating(claims, "62%"), _claim_stating(claims, "61%")
    other = subject_ops.find_or_add_subject(project, "Regional gas supply")
    chosen = subject_ops.find_or_add_measure(project, other.id, "connection rate", "percent", "%")
    run_command(project, LinkClaimMeasure(confirmed, chosen.id))
    run_command(project, LinkClaimMeasure(removed, None))

    propose_subjects(project)
    events = project.db.execute("SELECT count(*) FROM events").fetchone()[0]
    propose_subjects(project, unlinked_only=True)

    assert subject_ops.link_of(project, confirmed)[1].id == chosen.id
    assert subject_ops.link_of(project, removed) is None
    assert project.db.execute("SELECT count(*) FROM events").fetchone()[0] == events  # nothing new: nothing logged


def test_unlinked_only_leaves_linked_documents_unread(project, tmp_path):
    claims = _project_with_claims(project, tmp_path)
    propose_subjects(project, document_ids=[1])
    events_before = project.db.execute("SELECT count(*) FROM events").fetchone()[0]
    report = propose_subjects(project, unlinked_only=True)
    assert report.documents == 1  # the second release only: the first one's claims are linked
    assert subject_ops.link_of(project, _claim_stating(claims, "61%")) is not None
    assert project.db.execute("SELECT count(*) FROM events").fetchone()[0] > events_before


def test_a_named_subject_filed_under_a_topic_keeps_its_name_as_an_alias(project, tmp_path):
    text = ("Astana LRT nears completion\n\n"
            "The Astana LRT line will have 18 stations. The light rail line will be 22 km long.")
    (tmp_path / "lrt.txt").write_text(text, encoding="utf-8")
    importing.import_paths(project, [tmp_path / "lrt.txt"])
    suggest_documents(project)
    run_command(project, Batch(tuple(AcceptSuggestion(s.id) for s in pending(project))))
    propose_subjects(project)
    [summary] = subject_ops.list_subjects(project)
    assert summary.subject.name == "Light rail (LRT)" and "Astana LRT" in summary.subject.aliases
    assert {m.measure.name for m in summary.measures} >= {"stations", "length km"}


def test_proposing_relations_first_proposes_subjects_for_unlinked_claims(project, tmp_path):
    from claimdesk.ops.relations import propose_relations

    claims = _project_with_claims(project, tmp_path)
    assert subject_ops.links_for_claims(project, list(claims.values())) == {}
    propose_relations(project)
    plan, result = _claim_stating(claims, "62%"), _claim_stating(claims, "61%")
    links = subject_ops.links_for_claims(project, [plan, result])
    assert links[plan][1].id == links[result][1].id
