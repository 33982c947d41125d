"""Every mutating op on a read-only project: one error type (StorageError) with a message
saying the project is read-only, never a raw sqlite3 error, and the file unchanged.

The project is opened through the product's read-only path (a file or folder that
cannot be written; here ``_writable`` answers no, as on a read-only share, so the test
also runs as root). Every public function of every ops module is classified below, so
an op added later without a decision here fails ``test_every_ops_function_is_classified``.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from pathlib import Path

import pytest

import claimdesk.ops
from claimdesk.core.claims import ClaimError, CreateClaim, DeleteClaim, EditClaim
from claimdesk.core.kinds import Kind
from claimdesk.core.project_merge import ResolveDisagreement
from claimdesk.core.subjects_model import LinkClaimMeasure
from claimdesk.core.suggestion_commands import AcceptSuggestion, Batch
from claimdesk.ops import (annotation_import, batch_review, exporting, importing, merge_disagreements, merging,
                           project_merge, samples)
from claimdesk.ops import claims as claim_ops
from claimdesk.ops import kinds as kind_ops
from claimdesk.ops import people as people_ops
from claimdesk.ops import relations as relation_ops
from claimdesk.ops import review as review_ops
from claimdesk.ops import subject_proposals
from claimdesk.ops import subjects as subject_ops
from claimdesk.ops import suggestions as suggestion_ops
from claimdesk.ops.commands import run_command
from claimdesk.ops.factsheet import ExportOptions
from claimdesk.ops.projects import new_project, open_existing
from claimdesk.store.project import StorageError
from tests.conftest import REPO, SAMPLES

CLINICS = SAMPLES / "01-rural-clinics.txt"

# op -> call(project, built) on the read-only project; ``built`` holds ids and files made while writable
MUTATING = {
    "annotation_import.import_annotations": lambda p, b: annotation_import.import_annotations(p, b["webanno"]),
    "batch_review.review_claims": lambda p, b: batch_review.review_claims(p, [b["claim"]], {"status": "in review"}),
    "claims.apply_command": lambda p, b: claim_ops.apply_command(p, EditClaim(b["claim"], {"note": "x"})),
    "commands.run_command": lambda p, b: run_command(p, CreateClaim(b["document"], "funding", 0, 10)),
    "importing.import_paths": lambda p, b: _import_report_problem(p, b),
    "importing.import_file": lambda p, b: _import_report_problem(p, b),
    "importing.store_parsed": lambda p, b: _import_report_problem(p, b),
    "kinds.add_kind": lambda p, b: kind_ops.add_kind(p, "Pledge", "#123456"),
    "kinds.update_kind": lambda p, b: kind_ops.update_kind(p, _relabelled(kind_ops.list_kinds(p)[0])),
    "merging.merge_into": lambda p, b: merging.merge_into(p, claim_ops.get_claim(p, b["claim"]), {"payer": "akimat"},
                                                          "suggestion #1", "bob"),
    "people.sync": lambda p, b: people_ops.sync(p),
    "people.confirm": lambda p, b: people_ops.confirm(p, b["official"]),
    "people.split": lambda p, b: people_ops.split(p, b["official"]),
    "people.merge": lambda p, b: people_ops.merge(p, *b["people"]),
    "relations.propose_relations": lambda p, b: relation_ops.propose_relations(p),
    "relations.decide": lambda p, b: relation_ops.decide(p, b["relation"], "confirmed"),
    "review.set_statuses": lambda p, b: review_ops.set_statuses(p, review_ops.statuses(p) + ["needs source"]),
    "review.set_two_person_rule": lambda p, b: review_ops.set_two_person_rule(p, False),
    "review.add_evidence": lambda p, b: review_ops.add_evidence(p, b["claim"], note="called the ministry"),
    "subject_proposals.propose_subjects": lambda p, b: subject_proposals.propose_subjects(p),
    "subjects.find_or_add_subject": lambda p, b: subject_ops.find_or_add_subject(p, "Rural clinics"),
    "subjects.find_or_add_measure": lambda p, b: subject_ops.find_or_add_measure(p, b["subjects"][0], "beds", "count"),
    "subjects.rename_subject": lambda p, b: subject_ops.rename_subject(p, b["subjects"][0], "Astana light rail"),
    "subjects.add_alias": lambda p, b: subject_ops.add_alias(p, b["subjects"][0], "Astana metro"),
    "subjects.remove_alias": lambda p, b: subject_ops.remove_alias(p, b["subjects"][0], "LRT"),
    "subjects.merge_subjects": lambda p, b: subject_ops.merge_subjects(p, *b["subjects"]),
    "subjects.split_alias": lambda p, b: subject_ops.split_alias(p, b["subjects"][0], "LRT"),
    "subjects.rename_measure": lambda p, b: subject_ops.rename_measure(p, b["measures"][0], "cost"),
    "subjects.merge_measures": lambda p, b: subject_ops.merge_measures(p, *b["measures"]),
    "subjects.apply_link": lambda p, b: subject_ops.apply_link(p, LinkClaimMeasure(b["claim"], None)),
    "subjects.apply_claim_command": lambda p, b: subject_ops.apply_claim_command(p, DeleteClaim(b["claim"])),
    "subjects.link_claim": lambda p, b: subject_ops.link_claim(p, b["claim"], "Astana LRT", "stations", "count"),
    "subjects.store_proposals": lambda p, b: subject_ops.store_proposals(
        p, b["document"], [(b["claim"], "Astana LRT", "project", "stations", "count", None, 0.5)]),
    "subjects.set_document_subject": lambda p, b: subject_ops.set_document_subject(p, b["document"],
                                                                                   b["subjects"][1]),
    "samples.mark_sample_claims": lambda p, b: samples.mark_sample_claims(p, REPO / "resources" / "sample-claims.json"),
    "suggestions.suggest_documents": lambda p, b: suggestion_ops.suggest_documents(p),
    "suggestions.suggest_document": lambda p, b: suggestion_ops.suggest_document(p, b["document"]),
    "suggestions.accept_pending": lambda p, b: suggestion_ops.accept_pending(p),
    "suggestions.apply_command": lambda p, b: suggestion_ops.apply_command(p, AcceptSuggestion(b["suggestion"])),
    "suggestions.create_claim_adopting": lambda p, b: suggestion_ops.create_claim_adopting(
        p, CreateClaim(b["document"], "funding", 0, 10)),
    "project_merge.merge": lambda p, b: project_merge.merge(p, project_merge.open_source(b["other_project"], p)),
    "merge_disagreements.apply_command": lambda p, b: merge_disagreements.apply_command(
        p, ResolveDisagreement(1, "keep")),
}
# the command runners behind the undo stack and the CLI's review hand the same message on as a ClaimError
AS_CLAIM_ERROR = {"commands.run_command", "batch_review.review_claims"}
READING = {
    "claim_lines.claim_lines", "claim_lines.claim_line", "claim_lines.claim_lines_by_id",
    "claims.get_claim", "claims.claims_for_document", "claims.claim_history", "claims.claim_ids",
    "claims.claim_rows", "claims.count_claims", "claims.require_claim", "claims.document_text",
    "documents.list_documents", "documents.each_leaf_document", "documents.get_document", "documents.document_text",
    "documents.document_pages",
    "documents.original_bytes", "documents.claim_counts", "documents.search", "documents.documents_as_dicts",
    "exporting.check_scope", "exporting.cli_hint", "factsheet.build_factsheet", "merging.suggestion_proposal",
    "merging.span_proposal",
    "merging.find_target", "merging.known_figures", "factsheet.in_scope", "importing.collect_files",
    "kinds.list_kinds", "people.list_people", "relations.list_relations", "relations.relations_of",
    "review.statuses", "review.two_person_rule", "review.verification_refusal", "review.evidence_for",
    "search.search_everywhere",
    "subjects.list_subjects", "subjects.get_subject", "subjects.get_measure", "subjects.measures_of",
    "subjects.find_subject", "subjects.find_measure", "subjects.link_of", "subjects.links_for_claims",
    "subjects.claims_of_measure", "subjects.document_subject", "suggestions.pending", "suggestions.get_suggestion",
    "suggestions.pending_counts",
    "verify.verify", "verify.check_one",
    # what a command changed, read after it ran (ops.commands)
    "claims.command_changes", "suggestions.command_changes", "subjects.link_changes",
    "merge_disagreements.command_changes",
    # comparing analysts (one project or two files), and what a merge would do
    "agreement.authors", "agreement.kind_names", "agreement.between_authors", "agreement.between_files",
    "agreement.report_as_dict", "agreement.nothing_compared", "merge_disagreements.disagreements",
    "merge_disagreements.describe", "merge_disagreements.checks_line", "merge_disagreements.open_by_claim",
    "merge_disagreements.disagreement_line", "merge_disagreements.what_differs",
    "project_merge.preview", "merge_plan.make_plan",
}
# not a change to an open project: creating or opening files, a step inside import_paths' transaction,
# the copy and exports, which is what a read-only project is for (they write no event when read-only),
# reading a file to import, and recovery, which only reads the damaged file and writes a new project
ELSEWHERE = {"exporting.export", "importing.read_regular_file", "recover.recover_project", "projects.new_project",
             "projects.open_existing", "projects.save_copy", "samples.ensure_sample_project",
             "versions.apply_new_version", "projects.wait_for_other_writers",
             # the other analyst's file, opened read-only in a private copy; a step inside merge's transaction;
             # publishing writes a new database for readers from a project it only reads
             "project_merge.open_source", "project_merge.private_copy", "merge_plan.apply_plan", "publishing.publish",
             "publishing.datasette_metadata", "publishing.metadata_path", "publishing.check_timestamp",
             # agreement reads a project file as it is, or an older one from an upgraded private copy
             "agreement.open_for_reading"}


def _public_functions():
    for info in pkgutil.iter_modules(claimdesk.ops.__path__):
        module = importlib.import_module(f"claimdesk.ops.{info.name}")
        for name, value in vars(module).items():
            if not name.startswith("_") and inspect.isfunction(value) and value.__module__ == module.__name__:
                yield f"{info.name}.{name}"


def test_every_ops_function_is_classified():
    found = set(_public_functions())
    assert found - (set(MUTATING) | READING | ELSEWHERE) == set(), "classify new ops here"
    assert set(MUTATING) - found == set() and READING - found == set() and ELSEWHERE - found == set()


def _relabelled(kind: Kind) -> Kind:
    from dataclasses import replace

    return replace(kind, label=kind.label + " (renamed)")


def _import_report_problem(project, built):
    """import_paths reports a failed file instead of raising; its message must be the storage one."""
    report = importing.import_paths(project, [built["second_file"]])
    problems = [r.message for r in report.results if r.status != "imported"]
    if problems:
        raise StorageError(problems[0]) if "read-only" in problems[0] else AssertionError(problems[0])
    raise AssertionError("a read-only project imported a file")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    folder = tmp_path_factory.mktemp("read-only")
    path = folder / "ro.claimdesk"
    second = folder / "second.txt"
    second.write_text("The akimat allocated 3 billion tenge for 12 schools.", encoding="utf-8")
    with new_project(path) as project:
        importing.import_paths(project, [SAMPLES])
        document = project.db.execute("SELECT id FROM documents WHERE file_name = ?", [CLINICS.name]).fetchone()[0]
        text = project.db.execute("SELECT text FROM documents WHERE id = ?", [document]).fetchone()[0]
        at = text.index("Minister of Healthcare Dana Serikbayeva")
        official = claim_ops.apply_command(project, CreateClaim(
            document, "official", at, at + 39, {"name": "Dana Serikbayeva", "position": "Minister of Healthcare"}))
        other = claim_ops.apply_command(project, CreateClaim(
            document, "official", 0, 10, {"name": "Arman Tokayev", "position": "Akim"}))
        official, other = official.claim_id, other.claim_id
        people_ops.sync(project)
        suggestion_ops.suggest_documents(project)
        *accepted, kept_pending = suggestion_ops.pending(project)
        run_command(project, Batch(tuple(AcceptSuggestion(item.id) for item in accepted)))
        claim = claim_ops.apply_command(project, CreateClaim(document, "funding", at, at + 10)).claim_id
        run_command(project, EditClaim(claim, {"status": "disputed"}))
        lrt = subject_ops.find_or_add_subject(project, "Astana LRT", "project", aliases=["LRT"])
        light_rail = subject_ops.find_or_add_subject(project, "Almaty light rail", "project")
        budget = subject_ops.find_or_add_measure(project, lrt.id, "budget", "currency")
        cost = subject_ops.find_or_add_measure(project, lrt.id, "construction cost", "currency")
        run_command(project, LinkClaimMeasure(claim, budget.id))
        # one statistic stated by two documents on one measure: a relation whatever the samples yield
        stations = subject_ops.find_or_add_measure(project, lrt.id, "stations", "count")
        other_document = project.db.execute("SELECT min(id) FROM documents WHERE id != ? AND is_container = 0",
                                            [document]).fetchone()[0]
        for source in (document, other_document):
            stated = claim_ops.apply_command(project, CreateClaim(source, "statistic", 0, 10, {
                "value": "18", "as_of": "2024-01-01"})).claim_id
            run_command(project, LinkClaimMeasure(stated, stations.id))
        relation_ops.propose_relations(project)
        relation = project.db.execute("SELECT min(id) FROM relations").fetchone()[0]
        exporting.export(project, "webanno", folder / "claims.jsonld", ExportOptions(draft=True))
        built = {
            "path": path, "folder": folder, "document": document, "claim": claim, "official": official,
            "people": sorted({p.id for p in people_ops.list_people(project)})[:2],
            "suggestion": kept_pending.id, "relation": relation,
            "subjects": (lrt.id, light_rail.id), "measures": (budget.id, cost.id),
            "webanno": folder / "claims.jsonld", "second_file": second, "other_project": folder / "other.claimdesk",
        }
    new_project(built["other_project"]).close()
    assert official != other and len(built["people"]) == 2 and relation is not None
    return built


@pytest.mark.parametrize("op", sorted(MUTATING))
def test_a_mutating_op_on_a_read_only_project_raises_one_error_type(op, built, monkeypatch):
    import claimdesk.store.project as project_module

    monkeypatch.setattr(project_module, "_writable", lambda _path: False)
    before = Path(built["path"]).read_bytes()
    with open_existing(built["path"]) as project:
        assert project.read_only
        expected = ClaimError if op in AS_CLAIM_ERROR else StorageError
        with pytest.raises(Exception) as raised:
            MUTATING[op](project, built)
    assert isinstance(raised.value, expected), f"{op} raised {type(raised.value).__name__}: {raised.value}"
    assert "read-only" in str(raised.value)
    assert Path(built["path"]).read_bytes() == before


def test_a_read_only_project_exports_and_stays_unchanged(built, monkeypatch, tmp_path):
    import claimdesk.store.project as project_module

    monkeypatch.setattr(project_module, "_writable", lambda _path: False)
    before = Path(built["path"]).read_bytes()
    with open_existing(built["path"]) as project:
        sheet = exporting.export(project, "md", tmp_path / "sheet.md", ExportOptions(draft=True))
    assert sheet.count > 0 and (tmp_path / "sheet.md").read_text(encoding="utf-8").strip()
    assert Path(built["path"]).read_bytes() == before
