"""ops.publishing: the published database holds the claims with quotes, typed values and
positions, their sources, subjects, measures and relations; --verified-only narrows it; the
file is read-only for readers and its metadata's canned queries run on it; bad targets, files
Claimdesk did not publish and empty scopes are refused with nothing written."""

import hashlib
import json
import os
import sqlite3
import stat

import pytest

from claimdesk.core.claims import CreateClaim, EditClaim
from claimdesk.ops import claims as claim_ops
from claimdesk.ops import documents as document_ops
from claimdesk.ops import subjects as subject_ops
from claimdesk.ops.exporting import EmptyExport
from claimdesk.ops.importing import import_paths
from claimdesk.ops.projects import new_project
from claimdesk.ops.publishing import PublishError, PublishOptions, ReplaceableError, publish
from claimdesk.store import relations as relations_repo

PAGE = ("<html><head><title>{title}</title><link rel='canonical' href='{url}'></head>"
        "<body><h1>{title}</h1><p>{text}</p></body></html>")
FIRST = "The ministry allocated 12.4 billion tenge to build 48 clinics by 2027."
LATER = "The ministry now says 15 billion tenge will go to the rural clinics."


@pytest.fixture
def team(tmp_path):
    pages = {}
    for name, title, url, text in (("clinics.html", "Clinics funded", "https://gov.example/clinics", FIRST),
                                   ("later.html", "Clinics funding revised", "https://gov.example/later", LATER)):
        pages[name] = (tmp_path / name)
        pages[name].write_text(PAGE.format(title=title, url=url, text=text), encoding="utf-8")
    project = new_project(tmp_path / "budget.claimdesk")
    import_paths(project, list(pages.values()))
    documents = {d.file_name: d for d in document_ops.list_documents(project)}
    ids = {}
    for key, file_name, quote, kind, fields in (
            ("funding", "clinics.html", "12.4 billion tenge", "funding", {"amount": "12400000000", "currency": "KZT"}),
            ("target", "clinics.html", "48 clinics by 2027", "target", {"quantity": "48", "deadline": "2027"}),
            ("later", "later.html", "15 billion tenge", "funding", {"amount": "15000000000", "currency": "KZT"})):
        document = documents[file_name]
        text = document_ops.document_text(project, document.id)
        start = text.index(quote)
        undo = claim_ops.apply_command(project, CreateClaim(document.id, kind, start, start + len(quote), fields),
                                       actor="ana")
        ids[key] = undo.claim_id
    claim_ops.apply_command(project, EditClaim(ids["funding"], {"status": "verified"}, "matches the budget law"),
                            actor="bob")
    for key in ("funding", "later"):
        subject_ops.link_claim(project, ids[key], "Rural clinics", "funding", unit_class="currency", actor="ana")
    with project.db.atomic():
        relations_repo.insert_relation(project.db, "conflicts", ids["funding"], ids["later"], "12.4 against 15", 1.0)
    yield project, ids, pages
    project.close()


def read(path, sql, params=()):
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    conn.row_factory = sqlite3.Row
    try:
        return [dict(row) for row in conn.execute(sql, params)]
    finally:
        conn.close()


def test_the_database_holds_claims_sources_subjects_and_relations(team, tmp_path):
    project, ids, pages = team
    out = tmp_path / "public" / "budget.db"
    out.parent.mkdir()
    result = publish(project, out, PublishOptions(timestamp="2026-12-01T10:00:00+00:00", license="CC BY 4.0"))
    assert (result.claims, result.sources, result.relations, result.left_out) == (3, 2, 1, [])
    claims = {row["claim_id"]: row for row in read(out, "SELECT * FROM claims")}
    funding = claims[ids["funding"]]
    text = document_ops.document_text(project, funding["document_id"])
    assert text[funding["start"]:funding["end"]] == funding["quote"] == "12.4 billion tenge"
    assert (funding["kind"], funding["status"], funding["reviewer"], funding["author"]) == (
        "funding", "verified", "bob", "ana")
    assert (funding["amount"], funding["currency"], funding["number"]) == ("12400000000", "KZT", 12400000000.0)
    assert (funding["subject"], funding["measure"], funding["unit_class"]) == ("Rural clinics", "funding", "currency")
    assert claims[ids["target"]]["deadline"] == "2027" and claims[ids["target"]]["subject"] is None
    sources = {row["document_id"]: row for row in read(out, "SELECT * FROM sources")}
    source = sources[funding["document_id"]]
    assert source["url"] == "https://gov.example/clinics"
    assert source["sha256"] == hashlib.sha256(pages["clinics.html"].read_bytes()).hexdigest() == funding["sha256"]
    [subject] = read(out, "SELECT * FROM subjects")
    assert subject["name"] == "Rural clinics"
    [measure] = read(out, "SELECT * FROM measures")
    assert (measure["subject_id"], measure["name"]) == (subject["id"], "funding")
    [conflict] = read(out, "SELECT * FROM open_conflicts")
    assert (conflict["first_claim"], conflict["second_claim"], conflict["subject"]) == (
        ids["funding"], ids["later"], "Rural clinics")
    [about] = read(out, "SELECT * FROM publication")
    assert (about["claims"], about["license"], about["published_at"]) == (3, "CC BY 4.0", "2026-12-01T10:00:00+00:00")
    found = read(out, "SELECT rowid FROM claims_fts WHERE claims_fts MATCH 'billion' ORDER BY rowid")
    assert [row["rowid"] for row in found] == sorted([ids["funding"], ids["later"]])


def test_verified_only_publishes_the_verified_claims_and_the_relations_between_them(team, tmp_path):
    project, ids, _pages = team
    out = tmp_path / "verified.db"
    result = publish(project, out, PublishOptions(verified_only=True))
    assert (result.claims, result.relations) == (1, 0)
    assert [row["claim_id"] for row in read(out, "SELECT claim_id FROM claims")] == [ids["funding"]]
    assert read(out, "SELECT * FROM open_conflicts") == []
    assert len(read(out, "SELECT * FROM sources")) == 1


def test_a_progress_relation_is_published_with_the_promise_it_proposes(team, tmp_path):
    project, ids, _pages = team
    with project.db.atomic():
        relations_repo.insert_relation(project.db, "progress", *sorted((ids["funding"], ids["target"])),
                                       "12.4 billion against 48 clinics", 0.6, "in the works")
    out = tmp_path / "budget.db"
    assert publish(project, out).relations == 2
    assert read(out, "SELECT kind, proposed_promise FROM relations ORDER BY id") == [
        {"kind": "conflicts", "proposed_promise": None}, {"kind": "progress", "proposed_promise": "in the works"}]
    publish(project, out, PublishOptions(verified_only=True))  # no relation published: the column is still there
    assert "proposed_promise" in {row["name"] for row in read(out, "PRAGMA table_info(relations)")}


def test_the_file_is_read_only_for_readers_and_metadata_queries_run_on_it(team, tmp_path):
    project, ids, _pages = team
    out = tmp_path / "budget.db"
    publish(project, out)
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o444
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("budget.db")) == ["budget.db"]
    assert read(out, "PRAGMA journal_mode") == [{"journal_mode": "delete"}]
    metadata = json.loads((tmp_path / "budget.metadata.json").read_text(encoding="utf-8"))
    assert metadata["license"] and metadata["title"] == "Claims from budget"
    database = metadata["databases"]["budget"]
    assert "kind" in database["tables"]["claims"]["facets"]
    columns = {row["name"] for row in read(out, "PRAGMA table_info(claims)")}
    assert set(database["tables"]["claims"]["facets"]) <= columns
    params = {"subject": "Rural clinics", "sha256": read(out, "SELECT sha256 FROM claims LIMIT 1")[0]["sha256"]}
    answers = {name: read(out, query["sql"], {k: v for k, v in params.items() if f":{k}" in query["sql"]})
               for name, query in database["queries"].items()}
    assert answers["open_conflicts_per_subject"] == [{"subject": "Rural clinics", "open_conflicts": 1}]
    assert [row["claim_id"] for row in answers["figures_of_a_subject"]] == sorted([ids["funding"], ids["later"]])
    assert answers["claims_of_a_source"]
    publish(project, out)  # publishing again replaces both files
    assert len(read(out, "SELECT * FROM claims")) == 3


def test_bad_targets_and_empty_scopes_write_nothing(team, tmp_path):
    project, ids, _pages = team
    with pytest.raises(PublishError, match="that is the project itself"):
        publish(project, tmp_path / "budget.claimdesk")
    with pytest.raises(PublishError, match="does not exist"):
        publish(project, tmp_path / "missing" / "out.db")
    with pytest.raises(PublishError, match="is a folder"):
        publish(project, tmp_path)
    claim_ops.apply_command(project, EditClaim(ids["funding"], {"status": "disputed"}), actor="bob")
    with pytest.raises(EmptyExport, match="0 of 3 claims are verified"):
        publish(project, tmp_path / "out.db", PublishOptions(verified_only=True))
    assert not (tmp_path / "out.db").exists() and not (tmp_path / "out.metadata.json").exists()
    assert not list(tmp_path.glob(".*.part"))


def test_a_file_claimdesk_did_not_publish_is_replaced_only_with_force_and_a_project_never(team, tmp_path):
    project, _ids, _pages = team
    unrelated = tmp_path / "existing.db"  # used to be overwritten without a word
    unrelated.write_text("the desk's phone list", encoding="utf-8")
    with pytest.raises(ReplaceableError, match=r"existing.db: exists and is not a database Claimdesk .*--force"):
        publish(project, unrelated)
    assert unrelated.read_text(encoding="utf-8") == "the desk's phone list"
    assert not (tmp_path / "existing.metadata.json").exists()
    foreign = tmp_path / "notes.db"
    connection = sqlite3.connect(foreign)
    connection.execute("CREATE TABLE notes (text TEXT)")
    connection.commit()
    connection.close()
    with pytest.raises(PublishError, match="notes.db: exists and is not a database Claimdesk published"):
        publish(project, foreign)
    assert publish(project, unrelated, PublishOptions(force=True)).claims == 3
    publish(project, unrelated)  # now a publication: publishing again replaces it
    other = new_project(tmp_path / "other.claimdesk")
    other.close()
    for force in (False, True):
        with pytest.raises(PublishError, match="other.claimdesk: is a Claimdesk project, never replaced") as refused:
            publish(project, tmp_path / "other.claimdesk", PublishOptions(force=force))
        assert not isinstance(refused.value, ReplaceableError)  # no --force lets it through
    metadata = tmp_path / "clinics.metadata.json"
    metadata.write_text('{"title": "a hand-written Datasette config"}', encoding="utf-8")
    with pytest.raises(ReplaceableError, match="clinics.metadata.json: exists and is not metadata Claimdesk wrote"):
        publish(project, tmp_path / "clinics.db")
    assert not (tmp_path / "clinics.db").exists()
    assert "hand-written" in metadata.read_text(encoding="utf-8")
    publish(project, tmp_path / "clinics.db", PublishOptions(force=True))
    assert json.loads(metadata.read_text(encoding="utf-8"))["databases"].keys() == {"clinics"}


def test_two_publications_in_one_folder_keep_their_own_metadata(team, tmp_path):
    project, _ids, _pages = team
    first = publish(project, tmp_path / "all.db")
    second = publish(project, tmp_path / "verified.db", PublishOptions(verified_only=True))
    assert (first.metadata, second.metadata) == (tmp_path / "all.metadata.json", tmp_path / "verified.metadata.json")
    for published, name in ((first, "all"), (second, "verified")):
        assert list(json.loads(published.metadata.read_text(encoding="utf-8"))["databases"]) == [name]


def test_an_empty_project_is_named_and_a_timestamp_must_be_iso_8601(team, tmp_path):
    project, _ids, _pages = team
    with new_project(tmp_path / "empty.claimdesk") as empty:
        with pytest.raises(EmptyExport, match=r"^empty.claimdesk: the project holds no claims yet"):
            publish(empty, tmp_path / "e.db")
    for wrong in ("yesterday", "2026-13-01", "12/01/2026"):
        with pytest.raises(PublishError, match=f"'{wrong}' is not an ISO 8601 date and time"):
            publish(project, tmp_path / "out.db", PublishOptions(timestamp=wrong))
    assert not (tmp_path / "out.db").exists() and not (tmp_path / "e.db").exists()
    assert publish(project, tmp_path / "out.db", PublishOptions(timestamp="2026-12-01")).claims == 3


def test_one_refusal_names_every_file_force_would_replace(team, tmp_path):
    """The dialog asks once, showing the refusal, before publishing with force: a foreign
    metadata file beside a foreign database must be in that question, not replaced unnamed."""
    project, _ids, _pages = team
    database, metadata = tmp_path / "desk.db", tmp_path / "desk.metadata.json"
    database.write_text("the desk's phone list", encoding="utf-8")
    metadata.write_text('{"title": "a hand-written Datasette config"}', encoding="utf-8")
    with pytest.raises(ReplaceableError) as refused:
        publish(project, database)
    assert "desk.db: exists and is not a database" in refused.value.problem
    assert "desk.metadata.json: exists and is not metadata Claimdesk wrote" in refused.value.problem
    assert "replace them with --force" in str(refused.value)
    assert "hand-written" in metadata.read_text(encoding="utf-8")


def test_a_project_where_the_metadata_goes_is_never_replaced(team, tmp_path):
    """A project named like the metadata file (x.metadata.json beside x.db) is refused as the
    database target is: --force (or the dialog's confirmation) used to write JSON over it."""
    project, _ids, _pages = team
    other = new_project(tmp_path / "desk.metadata.json")
    other.close()
    before = (tmp_path / "desk.metadata.json").read_bytes()
    for force in (False, True):
        with pytest.raises(PublishError, match="desk.metadata.json: is a Claimdesk project") as refused:
            publish(project, tmp_path / "desk.db", PublishOptions(force=force))
        assert not isinstance(refused.value, ReplaceableError)  # the dialog offers no replacing
    assert (tmp_path / "desk.metadata.json").read_bytes() == before
    assert not (tmp_path / "desk.db").exists()
