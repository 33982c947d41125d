"""ops.agreement on constructed projects: two analysts' files, and two authors in one project,
give the hand-computed figures; the other file is never changed; bad input is refused."""

import hashlib
from fractions import Fraction

import pytest

from claimdesk.core.agreement import ONLY_FIRST, ONLY_SECOND, SPAN, VALUES
from claimdesk.cli.agreement import table as agreement_table
from claimdesk.ops import agreement
from claimdesk.ops import claims as claim_ops
from claimdesk.ops import documents as document_ops
from claimdesk.ops.projects import ProjectError, open_existing
from tests.agreement_marks import OTHER_RELEASE, RELEASE, alice_marks, analyst_project, bob_marks, mark

# Both analysts mark the funding and the target of RELEASE (tests/agreement_marks.py):
#   funding: alice "12.4 billion tenge" (18), bob "12.4 billion" (12), same amount and currency
#   target:  alice "48 clinics" (10), bob "48 clinics by 2027" (18), deadline 2027 against 2026
# Funding units: 6 (1,0), 12 (1,1), 52 (0,0): o_11 = 24, o_00 = 104, o_10 = o_01 = 6;
# n_1 = 30, n_0 = 110, n = 140; alpha = 1 - 139 * 12 / (2 * 30 * 110) = 1 - 139/550 = 411/550.
# Target units: 10 (1,1), 8 (0,1), 52 (0,0): o_11 = 20, o_00 = 104, o_10 = o_01 = 8;
# n_1 = 28, n_0 = 112, n = 140; alpha = 1 - 139 * 16 / (2 * 28 * 112) = 1 - 139/392 = 253/392.
# Observed character agreement: funding 64 of 70 = 32/35, target 62 of 70 = 31/35.
# Values: funding 1 of 1 pair ("12400000000.0" is 12400000000), target 0 of 1.
FUNDING_ALPHA, TARGET_ALPHA = Fraction(411, 550), Fraction(253, 392)


@pytest.fixture
def releases(tmp_path):
    folder = tmp_path / "releases"
    folder.mkdir()
    (folder / "clinics.txt").write_text(RELEASE, encoding="utf-8")
    (folder / "schools.txt").write_text(OTHER_RELEASE, encoding="utf-8")
    return folder


def check_figures(report, first, second):
    funding, target = report.kinds
    assert (report.first, report.second) == (first, second)
    assert (funding.kind, target.kind) == ("funding", "target")
    assert funding.span_alpha == FUNDING_ALPHA and target.span_alpha == TARGET_ALPHA
    assert (funding.observed, target.observed) == (Fraction(32, 35), Fraction(31, 35))
    assert funding.characters == 70
    assert (funding.matched, funding.same_values, target.matched, target.same_values) == (1, 1, 1, 0)
    assert target.field_agreement == {"deadline": (0, 1), "quantity": (1, 1)}
    assert [(d.kind, d.about, d.fields) for d in report.disagreements] == [
        ("funding", (SPAN,), ()), ("target", (SPAN, VALUES), ("deadline",))]


def test_two_analysts_files_agree_as_computed_by_hand_and_the_other_file_is_untouched(tmp_path, releases):
    alice, alice_docs = analyst_project(tmp_path / "alice.claimdesk", releases, ["clinics.txt", "schools.txt"])
    bob, bob_docs = analyst_project(tmp_path / "bob.claimdesk", releases, ["clinics.txt"])
    assert document_ops.document_text(alice, alice_docs["clinics.txt"]) == RELEASE
    alice_marks(alice, alice_docs["clinics.txt"], RELEASE)
    mark(alice, alice_docs["schools.txt"], OTHER_RELEASE, "3 schools", "statistic", {"value": "3"}, "alice")
    bob_marks(bob, bob_docs["clinics.txt"], RELEASE)
    bob.close()
    before = hashlib.sha256((tmp_path / "bob.claimdesk").read_bytes()).hexdigest()
    with alice:
        report = agreement.between_files(alice, tmp_path / "bob.claimdesk")
    check_figures(report, "alice.claimdesk", "bob.claimdesk")
    assert report.skipped == (f"«{OTHER_RELEASE}»: not in bob.claimdesk",)
    assert hashlib.sha256((tmp_path / "bob.claimdesk").read_bytes()).hexdigest() == before
    data = agreement.report_as_dict(report)
    assert data["kinds"][0]["span_alpha"] == round(411 / 550, 6) and data["characters"] == 70
    first_side = data["disagreements"][0]["first"]
    assert (first_side["start"], first_side["end"]) == (RELEASE.index("12.4"), RELEASE.index("12.4") + 18)
    assert data["disagreements"][0]["sha256"] == hashlib.sha256(RELEASE.encode()).hexdigest()


def test_two_authors_in_one_project_agree_as_computed_by_hand(tmp_path, releases):
    with analyst_project(tmp_path / "team.claimdesk", releases, ["clinics.txt", "schools.txt"])[0] as team:
        docs = {d.file_name: d.id for d in document_ops.list_documents(team)}
        alice_marks(team, docs["clinics.txt"], RELEASE)
        bob_marks(team, docs["clinics.txt"], RELEASE)
        # only alice marked the schools release: not compared (nobody knows whether bob read it)
        mark(team, docs["schools.txt"], OTHER_RELEASE, "3 schools", "statistic", {"value": "3"}, "alice")
        report = agreement.between_authors(team)
        check_figures(report, "alice", "bob")
        assert report.skipped == (f"«{OTHER_RELEASE}»: only alice marked claims in it",)
        assert agreement.between_authors(team, "bob", "alice").kinds[0].span_alpha == FUNDING_ALPHA
        only_target = agreement.between_authors(team, kind="target")
        assert [k.kind for k in only_target.kinds] == ["target"] and len(only_target.disagreements) == 1


def test_a_claim_only_one_author_marked_is_listed(tmp_path, releases):
    with analyst_project(tmp_path / "team.claimdesk", releases, ["clinics.txt"])[0] as team:
        [doc] = [d.id for d in document_ops.list_documents(team)]
        alice_marks(team, doc, RELEASE)
        mark(team, doc, RELEASE, "48 clinics", "target", {"quantity": "48", "deadline": "2027"}, "bob")
        report = agreement.between_authors(team)
        funding, target = report.kinds
        # funding: alice 18 characters, bob none: units 18 (1,0), 52 (0,0); o_10 = o_01 = 18, o_00 = 104;
        # n_1 = 18, n_0 = 122, n = 140; alpha = 1 - 139 * 36 / (2 * 18 * 122) = 1 - 139/122 = -17/122
        assert funding.span_alpha == Fraction(-17, 122)
        assert target.span_alpha == 1 and target.same_values == 1
        [only] = report.disagreements
        assert only.about == (ONLY_FIRST,) and only.first.quote == "12.4 billion tenge"


def test_authors_must_be_two_and_known_and_the_kind_must_exist(tmp_path, releases):
    with analyst_project(tmp_path / "team.claimdesk", releases, ["clinics.txt"])[0] as team:
        [doc] = [d.id for d in document_ops.list_documents(team)]
        alice_marks(team, doc, RELEASE)
        bob_marks(team, doc, RELEASE)
        mark(team, doc, RELEASE, "2027", "statistic", {"value": "2027"}, "carol")
        with pytest.raises(agreement.AgreementError, match=r"3 authors \(alice \(2\), bob \(2\), carol \(1\)\)"):
            agreement.between_authors(team)
        with pytest.raises(agreement.AgreementError, match="no claims by 'dave'; authors: alice"):
            agreement.between_authors(team, "alice", "dave")
        with pytest.raises(agreement.AgreementError, match="named twice"):
            agreement.between_authors(team, "alice", "alice")
        with pytest.raises(agreement.AgreementError, match="no claim kind named 'budget'; kinds: funding"):
            agreement.between_authors(team, "alice", "bob", kind="budget")
        assert agreement.between_authors(team, "alice", "carol").kinds[0].first_claims == 1


def test_the_other_file_must_be_another_claimdesk_project(tmp_path, releases):
    with analyst_project(tmp_path / "alice.claimdesk", releases, ["clinics.txt"])[0] as alice:
        not_a_project = tmp_path / "notes.claimdesk"
        not_a_project.write_text("minutes of the meeting", encoding="utf-8")
        with pytest.raises(ProjectError, match=r"notes.claimdesk: not a Claimdesk project"):
            agreement.between_files(alice, not_a_project)
        assert not_a_project.read_text(encoding="utf-8") == "minutes of the meeting"
        with pytest.raises(ProjectError, match="no such project file"):
            agreement.between_files(alice, tmp_path / "missing.claimdesk")
        with pytest.raises(agreement.AgreementError, match="that is the open project"):
            agreement.between_files(alice, tmp_path / "alice.claimdesk")


def test_an_older_other_file_is_read_from_an_upgraded_copy_and_left_as_it_was(tmp_path, releases, monkeypatch):
    from claimdesk.store import migrations as migrations_module

    alice, alice_docs = analyst_project(tmp_path / "alice.claimdesk", releases, ["clinics.txt"])
    bob, bob_docs = analyst_project(tmp_path / "bob.claimdesk", releases, ["clinics.txt"])
    alice_marks(alice, alice_docs["clinics.txt"], RELEASE)
    bob_marks(bob, bob_docs["clinics.txt"], RELEASE)
    bob.close()
    before = hashlib.sha256((tmp_path / "bob.claimdesk").read_bytes()).hexdigest()
    steps = list(migrations_module.migrations._migrations)  # a newer Claimdesk: one step more than bob's file
    monkeypatch.setattr(migrations_module.migrations, "_migrations",
                        steps + [type(steps[0])("9999_test_note", lambda db: db.execute(
                            "ALTER TABLE documents ADD COLUMN note TEXT NOT NULL DEFAULT ''"))])
    with alice:
        check_figures(agreement.between_files(alice, tmp_path / "bob.claimdesk"), "alice.claimdesk", "bob.claimdesk")
    assert hashlib.sha256((tmp_path / "bob.claimdesk").read_bytes()).hexdigest() == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("bob")) == ["bob.claimdesk"]


def test_every_claim_of_each_file_counts_for_that_file(tmp_path, releases):
    alice, alice_docs = analyst_project(tmp_path / "alice.claimdesk", releases, ["clinics.txt"])
    bob, bob_docs = analyst_project(tmp_path / "bob.claimdesk", releases, ["clinics.txt"])
    alice_marks(alice, alice_docs["clinics.txt"], RELEASE, actor="alice")
    bob_marks(bob, bob_docs["clinics.txt"], RELEASE, actor="someone helping bob")
    bob.close()
    with alice, open_existing(tmp_path / "bob.claimdesk"):
        report = agreement.between_files(alice, tmp_path / "bob.claimdesk")
    check_figures(report, "alice.claimdesk", "bob.claimdesk")


def test_after_a_merge_each_analyst_counts_as_they_marked(tmp_path, releases):
    from claimdesk.ops import project_merge

    alice, alice_docs = analyst_project(tmp_path / "alice.claimdesk", releases, ["clinics.txt", "schools.txt"])
    bob, bob_docs = analyst_project(tmp_path / "bob.claimdesk", releases, ["clinics.txt"])
    alice_marks(alice, alice_docs["clinics.txt"], RELEASE)
    bob_marks(bob, bob_docs["clinics.txt"], RELEASE)
    mark(bob, bob_docs["clinics.txt"], RELEASE, "2027", "statistic", {"value": "2027"}, "bob")
    bob.close()
    with alice, project_merge.open_source(tmp_path / "bob.claimdesk", alice) as source:
        result = project_merge.merge(alice, source, actor="lead")
        assert (result.counts.new, result.counts.same + result.counts.disagreeing) == (1, 2)
        # the merge made one claim of each pair (alice's row), yet each analyst is read as they marked
        assert agreement.authors(alice) == {"bob": 3, "alice": 2}
        report = agreement.between_authors(alice, "alice", "bob")
        funding, target, statistic = report.kinds
        assert (funding.span_alpha, target.span_alpha) == (FUNDING_ALPHA, TARGET_ALPHA)
        assert (funding.same_values, target.same_values, target.field_agreement["deadline"]) == (1, 0, (0, 1))
        assert (statistic.first_claims, statistic.second_claims) == (0, 1)
        assert [(d.kind, d.about) for d in report.disagreements] == [
            ("funding", (SPAN,)), ("target", (SPAN, VALUES)), ("statistic", (ONLY_SECOND,))]


def kind_figures(report):
    return [(k.kind, k.span_alpha, k.observed, k.first_claims, k.second_claims, k.matched, k.same_span,
             k.same_values, k.field_agreement) for k in report.kinds]


def test_filling_in_and_resolving_after_a_merge_leave_each_analysts_marks_as_they_were(tmp_path, releases):
    from claimdesk.core.project_merge import ResolveDisagreement
    from claimdesk.ops import merge_disagreements, project_merge

    alice, alice_docs = analyst_project(tmp_path / "alice.claimdesk", releases, ["clinics.txt"])
    bob, bob_docs = analyst_project(tmp_path / "bob.claimdesk", releases, ["clinics.txt"])
    alice_marks(alice, alice_docs["clinics.txt"], RELEASE)
    bob_marks(bob, bob_docs["clinics.txt"], RELEASE)
    # alice leaves the unit empty, bob sets it: the merge fills it into alice's claim
    mark(alice, alice_docs["clinics.txt"], RELEASE, "2027", "statistic", {"value": "2027"}, "alice")
    mark(bob, bob_docs["clinics.txt"], RELEASE, "2027", "statistic", {"value": "2027", "unit": "year"}, "bob")
    bob.close()
    with alice:
        as_files = kind_figures(agreement.between_files(alice, tmp_path / "bob.claimdesk"))
        assert as_files[2][0] == "statistic" and as_files[2][7:] == (0, {"unit": (0, 1), "value": (1, 1)})
        with project_merge.open_source(tmp_path / "bob.claimdesk", alice) as source:
            project_merge.merge(alice, source, actor="lead")
        assert kind_figures(agreement.between_authors(alice, "alice", "bob")) == as_files
        # the lead takes bob's span and values for every disagreement: the claims now read as bob
        # marked them, yet each analyst still counts as they marked it (README: "as they marked it")
        resolutions = [merge_disagreements.apply_command(alice, ResolveDisagreement(d.id, "other"), actor="lead")
                       for d in merge_disagreements.disagreements(alice)]
        assert len(resolutions) == 4  # funding span and amount ("12400000000.0"), target span and deadline
        assert kind_figures(agreement.between_authors(alice, "alice", "bob")) == as_files
        merge_disagreements.apply_command(alice, resolutions[0], actor="lead")  # undone: still the same
        assert kind_figures(agreement.between_authors(alice, "alice", "bob")) == as_files
        assert agreement.authors(alice) == {"alice": 3, "bob": 3}


def test_different_verdicts_on_a_matched_claim_are_a_status_disagreement_outside_the_figures(tmp_path, releases):
    from claimdesk.core.agreement import STATUS
    from claimdesk.core.claims import EditClaim
    from claimdesk.ops import project_merge

    alice, alice_docs = analyst_project(tmp_path / "alice.claimdesk", releases, ["clinics.txt"])
    bob, bob_docs = analyst_project(tmp_path / "bob.claimdesk", releases, ["clinics.txt"])
    alice_marks(alice, alice_docs["clinics.txt"], RELEASE)
    bob_marks(bob, bob_docs["clinics.txt"], RELEASE)
    # both funding claims reviewed: carol disputes alice's, dave verifies bob's; the targets: only
    # bob's reviewed ("unverified" against "verified" is no verdict against another, as in merge)
    claim_ops.apply_command(alice, EditClaim(1, {"status": "disputed"}), actor="carol")
    claim_ops.apply_command(bob, EditClaim(1, {"status": "verified"}), actor="dave")
    claim_ops.apply_command(bob, EditClaim(2, {"status": "verified"}), actor="dave")
    bob.close()
    with alice:
        as_files = agreement.between_files(alice, tmp_path / "bob.claimdesk")
        assert [(d.kind, d.about) for d in as_files.disagreements] == [
            ("funding", (SPAN, STATUS)), ("target", (SPAN, VALUES))]
        assert as_files.kinds[0].same_values == 1  # verdicts are not values
        side = agreement.report_as_dict(as_files)["disagreements"][0]
        assert (side["first"]["status"], side["second"]["status"]) == ("disputed", "verified")
        with project_merge.open_source(tmp_path / "bob.claimdesk", alice) as source:
            project_merge.merge(alice, source, actor="lead")  # fills bob's "verified" into alice's target
        merged = agreement.between_authors(alice, "alice", "bob")
        assert [(d.kind, d.about) for d in merged.disagreements] == [
            ("funding", (SPAN, STATUS)), ("target", (SPAN, VALUES))]
        assert kind_figures(merged) == kind_figures(as_files)
        assert "funding, span; status: disputed / verified: alice #1" in "\n".join(agreement_table(merged))


def test_the_same_authors_claim_merged_from_another_project_is_not_their_own_version_here(tmp_path, releases):
    from claimdesk.core.claims import EditClaim
    from claimdesk.ops import project_merge
    from claimdesk.store import agreement as agreement_repo

    alice, alice_docs = analyst_project(tmp_path / "alice.claimdesk", releases, ["clinics.txt"])
    doc = alice_docs["clinics.txt"]
    mark(alice, doc, RELEASE, "12.4 billion tenge", "funding", {"amount": "12400000000"}, "alice")
    alice.close()
    bob, _bob_docs = analyst_project(tmp_path / "bob.claimdesk", releases, ["clinics.txt"])
    with bob, project_merge.open_source(tmp_path / "alice.claimdesk", bob) as source:
        project_merge.merge(bob, source, actor="bob")  # bob holds alice's claim as she marked it then
        [theirs] = [row[0] for row in bob.db.execute("SELECT id FROM claims")]
        claim_ops.apply_command(bob, EditClaim(theirs, {"note": "checked"}), actor="bob")
    with open_existing(tmp_path / "alice.claimdesk") as alice:
        start = RELEASE.index("12.4 billion")
        claim_ops.apply_command(alice, EditClaim(1, {"start": start, "end": start + 12}), actor="alice")
        with project_merge.open_source(tmp_path / "bob.claimdesk", alice) as source:
            project_merge.merge(alice, source, actor="lead")  # fills bob's note in: the row is not alice's
        # alice's own version is her last edit here, not her older copy in bob's history merged in after it
        assert agreement_repo.own_versions_before_merging(alice.db)[1]["quote"] == "12.4 billion"
