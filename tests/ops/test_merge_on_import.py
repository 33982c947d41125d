"""One claim per fact in import-annotations: an annotation whose fact a claim already states
fills that claim instead of becoming a second one; other figures still become claims."""

from claimdesk.core.claims import CreateClaim
from claimdesk.ops import claims as claim_ops
from claimdesk.ops.annotation_import import import_annotations
from claimdesk.ops.exporting import export
from claimdesk.ops.factsheet import ExportOptions
from claimdesk.ops.importing import import_paths
from claimdesk.ops.projects import new_project

TEXT = "The ministry allocated KZT 5 bn for schools and KZT 2 bn for clinics in 2025.\n"


def _tag(project, quote, kind="funding", fields=None):
    text = project.db.execute("SELECT text FROM documents WHERE id = 1").fetchone()[0]
    start = text.index(quote)
    return claim_ops.apply_command(project, CreateClaim(1, kind, start, start + len(quote), fields or {})).claim_id


def _annotations(tmp_path):
    """A W3C export of an analyst's two funding claims on the release."""
    release = tmp_path / "release.txt"
    release.write_text(TEXT, encoding="utf-8")
    with new_project(tmp_path / "source.claimdesk") as source:
        import_paths(source, [release])
        _tag(source, "KZT 5 bn for schools", fields={"amount": "5000000000", "currency": "KZT", "purpose": "schools"})
        _tag(source, "KZT 2 bn for clinics", fields={"amount": "2000000000", "currency": "KZT"})
        out = tmp_path / "annotations.jsonld"
        export(source, "webanno", out, ExportOptions(draft=True))
    return release, out


def test_an_annotation_over_a_claim_of_its_fact_merges_into_it(tmp_path):
    release, annotations = _annotations(tmp_path)
    with new_project(tmp_path / "target.claimdesk") as target:
        import_paths(target, [release])
        claim_id = _tag(target, "5 bn", fields={"purpose": "new schools", "status": "planned"})
        merged = []

        created, problems = import_annotations(target, annotations, merged_into=merged)

        assert (created, problems, merged) == (1, [], [claim_id])
        funding = claim_ops.claims_for_document(target, 1)
        assert sorted(c.fields["amount"] for c in funding) == ["2000000000", "5000000000"]
        claim = claim_ops.get_claim(target, claim_id)
        assert claim.fields == {"amount": "5000000000", "currency": "KZT", "purpose": "new schools",
                                "status": "planned"}
        note = claim_ops.claim_history(target, claim_id)[-1]["note"]
        assert note.startswith("merged imported annotation ") and "filled amount, currency" in note


def test_importing_the_same_annotations_twice_makes_no_duplicates(tmp_path):
    release, annotations = _annotations(tmp_path)
    with new_project(tmp_path / "target.claimdesk") as target:
        import_paths(target, [release])
        assert import_annotations(target, annotations) == (2, [])
        merged = []
        assert import_annotations(target, annotations, merged_into=merged) == (0, [])
        assert len(claim_ops.claims_for_document(target, 1)) == 2 and len(merged) == 2


def test_an_annotation_of_another_kind_or_figure_is_its_own_claim(tmp_path):
    release, annotations = _annotations(tmp_path)
    with new_project(tmp_path / "target.claimdesk") as target:
        import_paths(target, [release])
        _tag(target, "KZT 5 bn", kind="statistic")
        _tag(target, "for schools and")  # in the annotation's span, not on its figure
        assert import_annotations(target, annotations) == (2, [])
        assert len(claim_ops.claims_for_document(target, 1)) == 4
