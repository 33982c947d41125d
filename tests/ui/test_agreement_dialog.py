"""Review ▸ Agreement: the dialog shows the per-kind figures and the disagreements of two
authors, or of this project and another analyst's file; a refused file is said, not raised."""

from tests.ops.test_agreement import OTHER_RELEASE, RELEASE, alice_marks, analyst_project, bob_marks, mark
from tests.ui.conftest import ScriptedDialogs


def column(model, number):
    return [model.index(row, number).data() for row in range(model.rowCount())]


def test_two_authors_per_kind_and_their_disagreements(qtbot, qtmodeltester, tmp_path):
    from claimdesk.ui.agreement_dialog import open_agreement_dialog

    folder = tmp_path / "releases"
    folder.mkdir()
    (folder / "clinics.txt").write_text(RELEASE, encoding="utf-8")
    project, docs = analyst_project(tmp_path / "team.claimdesk", folder, ["clinics.txt"])
    with project:
        alice_marks(project, docs["clinics.txt"], RELEASE)
        bob_marks(project, docs["clinics.txt"], RELEASE)
        dialog = open_agreement_dialog(None, project, ScriptedDialogs())
        qtbot.addWidget(dialog)
        qtmodeltester.check(dialog.kinds_model)
        qtmodeltester.check(dialog.disagreements_model)
        assert column(dialog.kinds_model, 0) == ["funding", "target"]
        assert column(dialog.kinds_model, 1) == ["0.747", "0.645"]  # 411/550 and 253/392
        assert column(dialog.kinds_model, 6) == ["1 (100.0 %)", "0 (0.0 %)"]
        assert column(dialog.disagreements_model, 2) == ["span", "span; values: deadline"]
        assert "alice and bob: 1 document(s), 70 characters compared, 2 disagreement(s)" in dialog.summary.text()
        dialog.kind.setCurrentText("target")
        assert column(dialog.kinds_model, 0) == ["target"] and dialog.disagreements_model.rowCount() == 1
        dialog.second.setCurrentText("alice")  # the same author twice: said in the dialog, tables emptied
        assert "named twice" in dialog.summary.text() and dialog.kinds_model.rowCount() == 0


def test_another_analysts_file_and_a_refused_one(qtbot, qtmodeltester, tmp_path):
    from claimdesk.ui.agreement_dialog import open_agreement_dialog

    folder = tmp_path / "releases"
    folder.mkdir()
    (folder / "clinics.txt").write_text(RELEASE, encoding="utf-8")
    (folder / "schools.txt").write_text(OTHER_RELEASE, encoding="utf-8")
    bob, bob_docs = analyst_project(tmp_path / "bob.claimdesk", folder, ["clinics.txt"])
    bob_marks(bob, bob_docs["clinics.txt"], RELEASE)
    bob.close()
    (tmp_path / "notes.claimdesk").write_text("not a project", encoding="utf-8")
    alice, alice_docs = analyst_project(tmp_path / "alice.claimdesk", folder, ["clinics.txt", "schools.txt"])
    with alice:
        alice_marks(alice, alice_docs["clinics.txt"], RELEASE)
        mark(alice, alice_docs["schools.txt"], OTHER_RELEASE, "3 schools", "statistic", {"value": "3"}, "alice")
        dialogs = ScriptedDialogs()
        dialogs.paths = [str(tmp_path / "bob.claimdesk"), str(tmp_path / "notes.claimdesk")]
        dialog = open_agreement_dialog(None, alice, dialogs)
        qtbot.addWidget(dialog)
        assert dialog.summary.text() == ("In this project only alice marked claims: compare it with another "
                                         "analyst's file.") and dialog.kinds_model.rowCount() == 0
        dialog.compare_file.click()
        qtmodeltester.check(dialog.kinds_model)
        assert column(dialog.kinds_model, 0) == ["funding", "target"]
        assert dialog.summary.text().startswith("alice.claimdesk and bob.claimdesk: 1 document(s)")
        assert "not in bob.claimdesk" in dialog.summary.text()
        assert not dialog.first.isEnabled()
        dialog.compare_file.click()  # not a project: said once, back to comparing authors
        [(title, message)] = dialogs.errors
        assert "notes.claimdesk: not a Claimdesk project" in message
        assert dialog.first.isEnabled() and dialog.report is None
