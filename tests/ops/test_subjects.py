"""Subjects and measures: linking a claim (undoably), finding subjects by name and alias,
rename, merge and split, and the detector's proposals that never override the analyst."""

from __future__ import annotations

import pytest

from claimdesk.core.claims import CreateClaim, DeleteClaim
from claimdesk.core.subjects_model import LinkClaimMeasure, MeasureLink, SubjectError
from claimdesk.ops import claims as claim_ops
from claimdesk.ops import subjects as subject_ops
from claimdesk.ops.commands import run_command
from claimdesk.ops.importing import import_paths

TEXTS = [
    "The Astana LRT budget is 3 billion tenge. The line will have 18 stations.",
    "«Astana LRT»: a further 2 billion tenge was allocated; 18 stations are built.",
    "The Rural Clinics programme will build 655 clinics by 2025.",
]


@pytest.fixture
def claims(project, tmp_path):
    """claim ids by a short name: lrt budget, lrt stations, second budget, second stations, clinics."""
    for n, text in enumerate(TEXTS):
        (tmp_path / f"{n}.txt").write_text(text, encoding="utf-8")
    import_paths(project, sorted(tmp_path.glob("*.txt")))
    for document_id, published in ((1, "2024-01-10"), (2, "2023-05-01"), (3, "2024-02-01")):
        project.db.execute("UPDATE documents SET published = ? WHERE id = ?", [published, document_id])

    def mark(document_id, kind, words):
        text = project.db.execute("SELECT text FROM documents WHERE id = ?", [document_id]).fetchone()[0]
        start = text.index(words)
        return claim_ops.apply_command(project, CreateClaim(document_id, kind, start, start + len(words))).claim_id

    return {"budget": mark(1, "funding", "3 billion tenge"), "stations": mark(1, "target", "18 stations"),
            "budget2": mark(2, "funding", "2 billion tenge"), "stations2": mark(2, "statistic", "18 stations"),
            "clinics": mark(3, "target", "655 clinics")}


def _events(project, action):
    return project.db.execute("SELECT count(*) FROM events WHERE action = ?", [action]).fetchone()[0]


def test_a_link_is_undoable_and_a_removal_is_remembered(project, claims):
    lrt = subject_ops.find_or_add_subject(project, "Astana LRT", "project")
    budget = subject_ops.find_or_add_measure(project, lrt.id, "budget", "currency", "KZT")
    inverse = run_command(project, LinkClaimMeasure(claims["budget"], budget.id)).result
    subject, measure, link = subject_ops.link_of(project, claims["budget"])
    assert (subject.name, measure.name, link.state, link.source) == ("Astana LRT", "budget", "confirmed", "analyst")
    assert inverse == LinkClaimMeasure(claims["budget"], None, remember_removal=False)
    assert _events(project, "subjects.link") == 1

    redo = run_command(project, inverse).result  # undo: no link, and nothing remembered against proposals
    assert subject_ops.link_of(project, claims["budget"]) is None
    assert subject_ops.store_proposals(project, 1, [(claims["budget"], "Astana LRT", "project", "budget",
                                                     "currency", None, 0.7)]) == 1
    run_command(project, redo)
    assert subject_ops.link_of(project, claims["budget"])[2].state == "confirmed"

    undo_unlink = run_command(project, LinkClaimMeasure(claims["budget"], None)).result  # the analyst removes it
    assert subject_ops.link_of(project, claims["budget"]) is None
    assert subject_ops.store_proposals(project, 1, [(claims["budget"], "Astana LRT", "project", "budget",
                                                     "currency", None, 0.9)]) == 0
    assert subject_ops.link_of(project, claims["budget"]) is None
    run_command(project, undo_unlink)
    assert subject_ops.link_of(project, claims["budget"])[1].id == budget.id


def test_a_link_to_nothing_known_is_refused_and_changes_nothing(project, claims):
    before = project.db.execute("SELECT count(*) FROM events").fetchone()[0]
    with pytest.raises(SubjectError, match="no measure #99"):
        run_command(project, LinkClaimMeasure(claims["budget"], 99))
    with pytest.raises(SubjectError, match="no claim #999"):
        run_command(project, LinkClaimMeasure(999, None))
    with pytest.raises(SubjectError, match="unit class 'money'"):
        subject_ops.find_or_add_measure(project, subject_ops.find_or_add_subject(project, "X").id, "budget", "money")
    with pytest.raises(SubjectError, match="category 'city'"):
        subject_ops.find_or_add_subject(project, "Astana", "city")
    with pytest.raises(SubjectError, match="needs a name"):
        subject_ops.find_or_add_subject(project, "  ")
    assert project.db.execute("SELECT count(*) FROM events").fetchone()[0] == before + 1  # subject X only
    assert [s.subject.name for s in subject_ops.list_subjects(project)] == ["X"]


def test_subjects_are_found_by_key_and_alias(project):
    lrt = subject_ops.find_or_add_subject(project, "Astana LRT", "project", aliases=["Астана ЛРТ", "Astana metro"])
    assert subject_ops.find_or_add_subject(project, "«astana lrt»").id == lrt.id
    assert subject_ops.find_or_add_subject(project, "Астана ЛРТ").id == lrt.id
    assert subject_ops.find_subject(project, "Астана ЛРТ").id == lrt.id
    assert "Астана ЛРТ" in subject_ops.get_subject(project, lrt.id).aliases
    assert subject_ops.find_subject(project, "astana  METRO").id == lrt.id
    with pytest.raises(SubjectError, match="already names subject"):
        subject_ops.add_alias(project, subject_ops.find_or_add_subject(project, "Almaty LRT").id, "Astana metro")
    subject_ops.remove_alias(project, lrt.id, "Astana metro")
    assert subject_ops.find_subject(project, "Astana metro") is None
    with pytest.raises(SubjectError, match="has no alias"):
        subject_ops.remove_alias(project, lrt.id, "Astana metro")


def test_renaming_keeps_the_old_name_as_an_alias(project):
    lrt = subject_ops.find_or_add_subject(project, "Astana LRT", "project")
    renamed = subject_ops.rename_subject(project, lrt.id, "Astana LRT line")
    assert renamed.name == "Astana LRT line" and "Astana LRT" in renamed.aliases
    assert subject_ops.find_subject(project, "Astana LRT").id == lrt.id
    other = subject_ops.find_or_add_subject(project, "Almaty LRT")
    with pytest.raises(SubjectError, match="merge the two"):
        subject_ops.rename_subject(project, other.id, "astana LRT")
    assert subject_ops.get_subject(project, other.id).name == "Almaty LRT"


def test_a_merge_moves_measures_links_documents_and_keeps_decisions(project, claims):
    keep = subject_ops.find_or_add_subject(project, "Astana LRT", "project", aliases=["LRT"])
    other = subject_ops.find_or_add_subject(project, "Nur-Sultan LRT", "project", aliases=["Astana metro"])
    keep_budget = subject_ops.find_or_add_measure(project, keep.id, "budget", "currency")
    other_budget = subject_ops.find_or_add_measure(project, other.id, "budget", "currency")
    stations = subject_ops.find_or_add_measure(project, other.id, "stations", "count")
    run_command(project, LinkClaimMeasure(claims["budget"], keep_budget.id))
    run_command(project, LinkClaimMeasure(claims["budget2"], other_budget.id))
    subject_ops.store_proposals(project, 2, [(claims["stations2"], "Nur-Sultan LRT", "project", "stations",
                                              "count", None, 0.6)], dominant_subject="Nur-Sultan LRT")
    project.db.execute("INSERT INTO relations (kind, first_claim, second_claim, reason, score, state) "
                       "VALUES ('conflicts', ?, ?, 'budgets differ', 0.9, 'confirmed')",
                       [claims["budget"], claims["budget2"]])
    # a later migration's reference to a measure must follow the merge, not cascade away
    project.db.execute("CREATE TABLE later (id INTEGER PRIMARY KEY, "
                       "measure_id INTEGER REFERENCES measures(id) ON DELETE CASCADE)")
    project.db.execute("INSERT INTO later (measure_id) VALUES (?)", [other_budget.id])

    merged = subject_ops.merge_subjects(project, keep.id, other.id)

    assert subject_ops.get_subject(project, other.id) is None
    assert set(merged.aliases) == {"LRT", "Nur-Sultan LRT", "Astana metro"}
    assert sorted(m.name for m in subject_ops.measures_of(project, keep.id)) == ["budget", "stations"]
    links = subject_ops.links_for_claims(project, [claims["budget"], claims["budget2"], claims["stations2"]])
    assert {claim: (m.id, link.state) for claim, (_s, m, link) in links.items()} == {
        claims["budget"]: (keep_budget.id, "confirmed"), claims["budget2"]: (keep_budget.id, "confirmed"),
        claims["stations2"]: (stations.id, "proposed")}
    assert subject_ops.document_subject(project, 2)[0].id == keep.id
    assert project.db.execute("SELECT state FROM relations").fetchall() == [("confirmed",)]
    assert project.db.execute("SELECT measure_id FROM later").fetchall() == [(keep_budget.id,)]
    summary = next(s for s in subject_ops.list_subjects(project) if s.subject.id == keep.id)
    assert summary.claim_count == 3
    assert {m.measure.name: (m.claim_count, m.open_conflicts) for m in summary.measures} == {
        "budget": (2, 1), "stations": (1, 0)}
    assert [c.id for c in subject_ops.claims_of_measure(project, keep_budget.id)] == [claims["budget2"],
                                                                                       claims["budget"]]

    back = subject_ops.split_alias(project, keep.id, "Nur-Sultan LRT")
    assert back.name == "Nur-Sultan LRT" and back.category == "project"
    assert "Nur-Sultan LRT" not in subject_ops.get_subject(project, keep.id).aliases
    links = subject_ops.links_for_claims(project, [claims["budget"], claims["budget2"], claims["stations2"]])
    assert {claim: (s.id, m.name, link.state) for claim, (s, m, link) in links.items()} == {
        claims["budget"]: (keep.id, "budget", "confirmed"), claims["budget2"]: (back.id, "budget", "confirmed"),
        claims["stations2"]: (back.id, "stations", "proposed")}
    assert subject_ops.document_subject(project, 2)[0].id == back.id
    assert _events(project, "subjects.merge") == 1 and _events(project, "subjects.split_alias") == 1


def test_splitting_an_alias_that_no_merge_brought_makes_an_empty_subject(project, claims):
    lrt = subject_ops.find_or_add_subject(project, "Astana LRT", aliases=["Almaty LRT"])
    budget = subject_ops.find_or_add_measure(project, lrt.id, "budget", "currency")
    run_command(project, LinkClaimMeasure(claims["budget"], budget.id))
    almaty = subject_ops.split_alias(project, lrt.id, "almaty lrt")
    assert almaty.name == "Almaty LRT" and subject_ops.measures_of(project, almaty.id) == []
    assert subject_ops.link_of(project, claims["budget"])[0].id == lrt.id
    with pytest.raises(SubjectError, match="has no alias"):
        subject_ops.split_alias(project, lrt.id, "Almaty LRT")


def test_measures_rename_and_merge(project, claims):
    lrt = subject_ops.find_or_add_subject(project, "Astana LRT")
    budget = subject_ops.find_or_add_measure(project, lrt.id, "budget", "currency")
    cost = subject_ops.find_or_add_measure(project, lrt.id, "cost", "currency", "KZT")
    assert subject_ops.find_or_add_measure(project, lrt.id, "Budget", "count").id == budget.id
    run_command(project, LinkClaimMeasure(claims["budget2"], cost.id, state="proposed", confidence=0.5,
                                          source="detector"))
    with pytest.raises(SubjectError, match="already called 'budget'"):
        subject_ops.rename_measure(project, cost.id, "BUDGET")
    assert subject_ops.rename_measure(project, cost.id, "construction cost").name == "construction cost"
    kept = subject_ops.merge_measures(project, budget.id, cost.id)
    assert kept.id == budget.id and subject_ops.get_measure(project, cost.id) is None
    assert subject_ops.link_of(project, claims["budget2"])[2] == \
        subject_ops.link_of(project, claims["budget2"])[2].__class__(claims["budget2"], budget.id, "proposed", 0.5,
                                                                     "detector")
    with pytest.raises(SubjectError, match="with itself"):
        subject_ops.merge_measures(project, budget.id, budget.id)


def test_proposals_fill_gaps_and_never_override_the_analyst(project, claims):
    clinics = subject_ops.find_or_add_subject(project, "Rural Clinics")
    built = subject_ops.find_or_add_measure(project, clinics.id, "clinics", "count")
    run_command(project, LinkClaimMeasure(claims["clinics"], built.id))
    subject_ops.set_document_subject(project, 3, clinics.id)
    proposals = [(claims["clinics"], "Something else", "programme", "beds", "count", None, 0.9)]
    assert subject_ops.store_proposals(project, 3, proposals, dominant_subject="Something else") == 0
    assert subject_ops.link_of(project, claims["clinics"])[1].id == built.id
    assert subject_ops.document_subject(project, 3)[0].id == clinics.id

    first = [(claims["budget"], "Astana LRT", "project", "budget", "currency", "KZT", 0.6),
             (claims["stations"], "Astana LRT", "project", None, "count", None, 0.2)]
    assert subject_ops.store_proposals(project, 1, first, dominant_subject="Astana LRT", dominant_confidence=0.8) == 1
    assert subject_ops.link_of(project, claims["stations"]) is None
    again = [(claims["budget"], "astana lrt", "project", "construction budget", "currency", "KZT", 0.7)]
    assert subject_ops.store_proposals(project, 1, again) == 1  # a proposed link is replaced
    subject, measure, link = subject_ops.link_of(project, claims["budget"])
    assert (subject.name, measure.name, link.state, link.confidence, link.source) == (
        "Astana LRT", "construction budget", "proposed", 0.7, "detector")
    dominant, confidence, state = subject_ops.document_subject(project, 1)
    assert (dominant.name, confidence, state) == ("Astana LRT", 0.8, "proposed")

    links_before = project.db.execute("SELECT * FROM claim_measures ORDER BY claim_id").fetchall()
    with pytest.raises(SubjectError, match=f"claim #{claims['clinics']} is not a claim of document #1"):
        subject_ops.store_proposals(project, 1, [
            (claims["stations"], "Astana LRT", "project", "stations", "count", None, 0.5),
            (claims["clinics"], "Astana LRT", "project", "stations", "count", None, 0.5)])
    assert project.db.execute("SELECT * FROM claim_measures ORDER BY claim_id").fetchall() == links_before


def test_undoing_a_claims_deletion_brings_its_link_back(project, claims):
    lrt = subject_ops.find_or_add_subject(project, "Astana LRT")
    stations = subject_ops.find_or_add_measure(project, lrt.id, "stations", "count")
    run_command(project, LinkClaimMeasure(claims["stations"], stations.id, state="proposed", confidence=0.4,
                                          source="detector"))
    restore = run_command(project, DeleteClaim(claims["stations"])).result
    assert subject_ops.claims_of_measure(project, stations.id) == []
    delete_again = run_command(project, restore).result
    assert subject_ops.link_of(project, claims["stations"])[2] == MeasureLink(
        claims["stations"], stations.id, "proposed", 0.4, "detector")
    restore = run_command(project, delete_again).result  # redo the deletion; meanwhile the measure is merged twice
    depots = subject_ops.find_or_add_measure(project, lrt.id, "depots", "count")
    subject_ops.merge_measures(project, depots.id, stations.id)
    almaty = subject_ops.find_or_add_subject(project, "Almaty LRT")
    almaty_depots = subject_ops.find_or_add_measure(project, almaty.id, "depots", "count")
    subject_ops.merge_subjects(project, almaty.id, lrt.id)
    run_command(project, restore)
    assert subject_ops.link_of(project, claims["stations"])[1].id == almaty_depots.id
    restore = run_command(project, DeleteClaim(claims["stations"])).result
    subject_ops.merge_measures(project, subject_ops.find_or_add_measure(project, almaty.id, "x", "count").id,
                               almaty_depots.id)
    project.db.execute("DELETE FROM measures")  # gone for good: the claim comes back unlinked
    run_command(project, restore)
    assert claim_ops.get_claim(project, claims["stations"]) is not None
    assert subject_ops.link_of(project, claims["stations"]) is None
