"""Kinds can be added and changed safely; search finds documents and claim quotes."""

from dataclasses import replace

import pytest

from claimdesk.core.claims import ClaimFilter, CreateClaim, EditClaim
from claimdesk.core.kinds import FieldDef
from claimdesk.ops import claims as claim_ops
from claimdesk.ops import kinds as kind_ops
from claimdesk.ops.changes import Changes
from claimdesk.ops.importing import import_paths
from claimdesk.ops.search import search_everywhere
from tests.conftest import SAMPLES


def test_default_kinds_come_from_claims_md(project):
    kinds = kind_ops.list_kinds(project)
    assert [(k.name, k.shortcut) for k in kinds] == [("funding", "1"), ("target", "2"), ("statistic", "3"),
                                                     ("official", "4")]
    assert kinds[0].field("currency").type == "currency"


def test_add_rename_recolour_and_extend_a_kind(project):
    added = kind_ops.add_kind(project, "Procurement", "#aa3300", "5", [FieldDef("supplier", "text")])
    kind = added.result
    assert kind.name == "procurement" and kind.position == 4 and added.changes == Changes(kinds=True)
    renamed = kind_ops.update_kind(project, replace(kind, label="Public procurement", colour="#123456",
                                                    fields=kind.fields + (FieldDef("lots", "decimal"),))).result
    stored = {k.name: k for k in kind_ops.list_kinds(project)}["procurement"]
    assert stored == renamed and stored.label == "Public procurement" and len(stored.fields) == 2


@pytest.mark.parametrize("change, message", [
    (dict(shortcut="1"), "already tags Funding"), (dict(shortcut="n"), "next/previous"),
    (dict(colour="red"), "#rrggbb"), (dict(label=" "), "needs a name"), (dict(label="target"), "already exists"),
    (dict(fields=(FieldDef("x", "choice"),)), "needs its choices"),
    (dict(fields=(FieldDef("Bad Name", "text"),)), "lower-case"),
])
def test_invalid_kind_changes_are_refused_and_nothing_changes(project, change, message):
    kind = kind_ops.add_kind(project, "Procurement", "#aa3300", "5").result
    with pytest.raises(kind_ops.KindError, match=message):
        kind_ops.update_kind(project, replace(kind, **change))
    assert {k.name: k for k in kind_ops.list_kinds(project)}["procurement"] == kind


def test_a_field_holding_values_cannot_be_removed(project):
    import_paths(project, [SAMPLES / "01-rural-clinics.txt"])
    text = "The Republican Budget has allocated 12.4 billion tenge"
    claim_ops.apply_command(project, CreateClaim(1, "funding", 0, len(text), {"payer": "Republican Budget"}))
    funding = kind_ops.list_kinds(project)[0]
    with pytest.raises(kind_ops.KindError, match="payer"):
        kind_ops.update_kind(project, replace(funding, fields=tuple(f for f in funding.fields if f.name != "payer")))


def test_search_everywhere_finds_claim_notes_and_document_text(project):
    import_paths(project, [SAMPLES / "01-rural-clinics.txt", SAMPLES / "04-energy-ru-cp1251.txt"])
    claim_ops.apply_command(project, CreateClaim(1, "statistic", 0, 10))
    claim_ops.apply_command(project, EditClaim(1, {"note": "checked against the budget law"}))
    hits = search_everywhere(project, "budget law")
    assert hits[0].source == "claim" and hits[0].claim_id == 1 and hits[0].offset == 0
    russian = search_everywhere(project, "ТЕПЛОСЕТЕЙ")
    assert [(h.source, h.document_id) for h in russian] == [("document", 2)]
    text = claim_ops.get_claim(project, 1) and project.db.execute(
        "SELECT text FROM documents WHERE id = 2").fetchone()[0]
    assert text[russian[0].offset:].lower().startswith("теплосетей")
    assert search_everywhere(project, "  ") == []


def test_claim_filter_and_order(project):
    import_paths(project, [SAMPLES / "01-rural-clinics.txt"])
    text = project.db.execute("SELECT text FROM documents WHERE id = 1").fetchone()[0]
    for quote, kind, fields in [("12.4 billion tenge", "funding", {"amount": "12400000000"}),
                                ("KZT 3.1 billion", "funding", {"amount": "3100000000"}),
                                ("about 640 thousand people", "statistic", {"value": "640000"})]:
        start = text.index(quote)
        claim_ops.apply_command(project, CreateClaim(1, kind, start, start + len(quote), fields))
    assert claim_ops.claim_ids(project, ClaimFilter(kind="funding", order_by="value")) == [2, 1]
    assert claim_ops.claim_ids(project, ClaimFilter(order_by="value", descending=True)) == [1, 2, 3]
    assert claim_ops.claim_ids(project, ClaimFilter(text="tenge")) == [1]
    assert claim_ops.claim_ids(project, ClaimFilter(status="verified")) == []
    rows = claim_ops.claim_rows(project, [3, 99])
    assert list(rows) == [3] and rows[3].document_title.startswith("Government approves")
    with pytest.raises(ValueError):
        claim_ops.claim_ids(project, ClaimFilter(order_by="id; DROP TABLE claims"))
