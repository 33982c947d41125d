"""Field validation in ops: creates, edits, kind changes, undo/redo and annotation imports
store only values the claim's kind defines, with a message naming claim and field."""

import json

import pytest

from claimdesk.core.claims import ClaimError, CreateClaim, EditClaim
from claimdesk.core.fields import FieldError
from claimdesk.ops import annotation_import
from claimdesk.ops import claims as claim_ops
from claimdesk.ops.commands import run_command
from claimdesk.ops.importing import import_paths
from tests.conftest import SAMPLES


@pytest.fixture
def funding(project):
    import_paths(project, [SAMPLES / "01-rural-clinics.txt"])
    return claim_ops.apply_command(project, CreateClaim(1, "funding", 0, 10, {"amount": "5"})).claim_id


def _events(project):
    return project.db.execute("SELECT count(*) FROM claim_events").fetchone()[0]


def test_an_edit_with_a_bad_value_or_an_unknown_field_changes_nothing(project, funding):
    before = _events(project)
    with pytest.raises(FieldError, match=f"claim #{funding}: amount: 'banana' is not a number"):
        run_command(project, EditClaim(funding, {"fields": {"amount": "banana"}}))
    with pytest.raises(FieldError, match="Funding has no field 'bogus'"):
        run_command(project, EditClaim(funding, {"fields": {"amount": "7", "bogus": 1}}))
    with pytest.raises(FieldError, match="ISO 4217"):
        run_command(project, EditClaim(funding, {"fields": {"currency": "tenge"}}))
    with pytest.raises(FieldError, match="not one of allocated"):
        run_command(project, EditClaim(funding, {"fields": {"status": "promised"}}))
    with pytest.raises(FieldError, match="not a date"):
        run_command(project, EditClaim(funding, {"fields": {"period": "next year"}}))
    assert claim_ops.get_claim(project, funding).fields == {"amount": "5"} and _events(project) == before


def test_a_create_with_bad_fields_is_refused(project, funding):
    with pytest.raises(FieldError, match="'lots' is not a number"):
        run_command(project, CreateClaim(1, "target", 0, 10, {"quantity": "lots"}))
    with pytest.raises(FieldError, match="Target has no field 'amount'"):
        run_command(project, CreateClaim(1, "target", 0, 10, {"amount": "5"}))
    assert [c.id for c in claim_ops.claims_for_document(project, 1)] == [funding]


def test_values_kept_from_a_previous_kind_survive_edits_and_undo(project, funding):
    run_command(project, EditClaim(funding, {"fields": {"amount": "5", "status": "allocated"}}))
    undo_kind = run_command(project, EditClaim(funding, {"kind": "target"})).result  # fields stay: nothing is lost
    claim = claim_ops.get_claim(project, funding)
    assert claim.fields == {"amount": "5", "status": "allocated"}  # "allocated" is not a target status
    undo_edit = run_command(project, EditClaim(funding, {"fields": {**claim.fields, "quantity": "48"}})).result
    with pytest.raises(FieldError, match="Target has no field 'payer'"):
        run_command(project, EditClaim(funding, {"fields": {**claim.fields, "payer": "akimat"}}))
    redo_edit = run_command(project, undo_edit).result
    redo_kind = run_command(project, undo_kind).result
    assert claim_ops.get_claim(project, funding).kind == "funding"
    with pytest.raises(FieldError, match="Funding has no field 'quantity'"):  # out of order: not a target now
        run_command(project, redo_edit)
    run_command(project, redo_kind)
    run_command(project, redo_edit)
    assert claim_ops.get_claim(project, funding).fields == {"amount": "5", "status": "allocated", "quantity": "48"}


def test_annotation_import_obeys_the_field_rules(project, funding, tmp_path):
    sha = project.db.execute("SELECT original_sha256 FROM documents WHERE id = 1").fetchone()[0]
    text = project.db.execute("SELECT text FROM documents WHERE id = 1").fetchone()[0]
    quote = "120 medical stations"
    start = text.index(quote)
    annotation = {"id": "a1", "target": {"sha256": sha, "selector": [
        {"type": "TextQuoteSelector", "exact": quote},
        {"type": "TextPositionSelector", "start": start, "end": start + len(quote)}]},
        "body": [{"purpose": "tagging", "value": "target"},
                 {"purpose": "describing", "fields": {"quantity": "banana", "bogus": 1}}]}
    path = tmp_path / "bad.jsonld"
    path.write_text(json.dumps({"type": "AnnotationCollection", "first": {"items": [annotation]}}), encoding="utf-8")
    try:
        created, problems = annotation_import.import_annotations(project, path)
    except ClaimError as exc:  # refused as a whole, or reported per annotation: either way nothing stored
        created, problems = 0, [str(exc)]
    assert created == 0 and any("not a number" in p or "no field" in p for p in problems)
    assert [c.id for c in claim_ops.claims_for_document(project, 1)] == [funding]


def _annotation(annotation_id, sha, text, quote, kind="target", fields=None):
    start = text.index(quote)
    return {"id": annotation_id, "target": {"sha256": sha, "selector": [
        {"type": "TextQuoteSelector", "exact": quote},
        {"type": "TextPositionSelector", "start": start, "end": start + len(quote)}]},
        "body": [{"purpose": "tagging", "value": kind}, {"purpose": "describing", "fields": fields or {}}]}


def test_a_file_with_one_bad_annotation_imports_nothing_and_names_it(project, funding, tmp_path):
    sha = project.db.execute("SELECT original_sha256 FROM documents WHERE id = 1").fetchone()[0]
    text = project.db.execute("SELECT text FROM documents WHERE id = 1").fetchone()[0]
    good = _annotation("good", sha, text, "120 medical stations", fields={"quantity": "120"})
    bad = _annotation("bad", sha, text, "48 rural", kind="statistic", fields={"value": "banana"})
    path = tmp_path / "mixed.jsonld"
    path.write_text(json.dumps([good, bad]), encoding="utf-8")  # a bare list of annotations is read too
    events_before = project.db.execute("SELECT count(*) FROM events").fetchone()[0]
    with pytest.raises(ClaimError) as refused:
        annotation_import.import_annotations(project, path)
    assert str(path) in str(refused.value) and "bad:" in str(refused.value) and "nothing was" in str(refused.value)
    assert [c.id for c in claim_ops.claims_for_document(project, 1)] == [funding]  # "good" was not kept either
    assert project.db.execute("SELECT count(*) FROM events").fetchone()[0] == events_before


@pytest.mark.parametrize("item, reason", [
    ("just text", "not an annotation object"),
    ({"id": "x", "target": {"selector": [{"type": "TextQuoteSelector"}]}}, "exact text"),
    ({"id": "x", "target": {"selector": [{"type": "TextQuoteSelector", "exact": "48 rural"},
                                         {"type": "TextPositionSelector", "start": "5", "end": 9}]}},
     "whole numbers"),
    ({"id": "x", "target": {"selector": [{"type": "TextQuoteSelector", "exact": "48 rural"}]},
      "body": [{"purpose": "tagging", "value": "target"}, {"purpose": "describing", "fields": ["a"]}]},
     "must be an object"),
    ({"id": "x", "target": {"selector": [{"type": "TextQuoteSelector", "exact": "48 rural"}]}, "body": "tag"},
     "not a list of objects"),
])
def test_malformed_annotations_are_refused_with_a_message_not_a_traceback(project, funding, tmp_path, item, reason):
    path = tmp_path / "odd.jsonld"
    path.write_text(json.dumps({"type": "AnnotationCollection", "first": {"items": [item]}}), encoding="utf-8")
    with pytest.raises(ClaimError, match=reason):
        annotation_import.import_annotations(project, path)
    assert [c.id for c in claim_ops.claims_for_document(project, 1)] == [funding]


def test_a_successful_import_is_one_event(project, funding, tmp_path):
    sha = project.db.execute("SELECT original_sha256 FROM documents WHERE id = 1").fetchone()[0]
    text = project.db.execute("SELECT text FROM documents WHERE id = 1").fetchone()[0]
    path = tmp_path / "one.jsonld"
    path.write_text(json.dumps([_annotation("a", sha, text, "120 medical stations", fields={"quantity": "120"})]),
                    encoding="utf-8")
    assert annotation_import.import_annotations(project, path) == (1, [])
    actions = [row[0] for row in project.db.execute("SELECT action FROM events ORDER BY id DESC LIMIT 2")]
    assert actions[0] == "annotations.import"


@pytest.mark.parametrize("command", [
    EditClaim(1, {"start": "5"}), EditClaim(1, {"note": None}), EditClaim(1, {"note": 5}),
    EditClaim(1, {"statement": {"a": 1}}), EditClaim(1, {"fields": ["amount"]}), EditClaim(1, {"start": True}),
    CreateClaim(1, "funding", "0", 10), CreateClaim(1, 7, 0, 10),
])
def test_claim_attributes_of_the_wrong_type_are_refused_by_name(project, funding, command):
    before = claim_ops.get_claim(project, funding)
    with pytest.raises(ClaimError, match="must be"):
        run_command(project, command)
    assert claim_ops.get_claim(project, funding) == before
