"""Review ▸ Agreement: the dialog shows the per-kind figures and the disagreements of two
authors, or of this project and another analyst's file; a refused file is said, not raised."""

from tests.agreement_marks import OTHER_RELEASE, RELEASE, alice_marks, analyst_project, bob_marks, mark
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


LONG_TITLE = ("Akimat of Zhanaqala district: the rural clinics construction programme for 2025-2027 is under way, "
              "officials say")


def test_the_two_claims_get_the_room_and_a_long_title_is_elided_with_a_tooltip(qtbot, tmp_path):
    # the Document column used to be sized to its contents: a long title pushed both claims off-screen
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QHeaderView

    from claimdesk.ops import documents as document_ops
    from claimdesk.ui.agreement_dialog import open_agreement_dialog

    folder = tmp_path / "releases"
    folder.mkdir()
    (folder / "clinics.html").write_text(f"<html><head><title>{LONG_TITLE}</title></head><body><p>{RELEASE}</p>"
                                         "</body></html>", encoding="utf-8")
    project, docs = analyst_project(tmp_path / "team.claimdesk", folder, ["clinics.html"])
    with project:
        text = document_ops.document_text(project, docs["clinics.html"])
        alice_marks(project, docs["clinics.html"], text)
        bob_marks(project, docs["clinics.html"], text)
        dialog = open_agreement_dialog(None, project, ScriptedDialogs())
        qtbot.addWidget(dialog)
        dialog.resize(980, 620)
        qtbot.waitExposed(dialog)
        view, model = dialog.disagreements_view, dialog.disagreements_model
        header = view.horizontalHeader()
        assert all(header.sectionResizeMode(n) != QHeaderView.ResizeMode.ResizeToContents
                   for n in range(model.columnCount()))
        widths = [header.sectionSize(n) for n in range(model.columnCount())]
        assert sum(widths) <= view.viewport().width()  # every column on screen, no scrolling sideways
        assert widths[3] == widths[4] > widths[0]  # the two claims share the room left, the title gets less
        assert widths[0] < view.fontMetrics().horizontalAdvance(LONG_TITLE)  # so it is elided ...
        assert model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole).startswith(LONG_TITLE)  # ... and whole here
        assert model.index(0, 3).data(Qt.ItemDataRole.ToolTipRole) == model.index(0, 3).data()
        assert [model.headerData(n, Qt.Orientation.Horizontal) for n in (3, 4)] == ["alice", "bob"]


def test_two_authors_with_no_document_in_common_are_said_so(qtbot, tmp_path):
    from claimdesk.ui.agreement_dialog import open_agreement_dialog

    folder = tmp_path / "releases"
    folder.mkdir()
    (folder / "clinics.txt").write_text(RELEASE, encoding="utf-8")
    (folder / "schools.txt").write_text(OTHER_RELEASE, encoding="utf-8")
    project, docs = analyst_project(tmp_path / "team.claimdesk", folder, ["clinics.txt", "schools.txt"])
    with project:
        alice_marks(project, docs["clinics.txt"], RELEASE)
        mark(project, docs["schools.txt"], OTHER_RELEASE, "3 schools", "statistic", {"value": "3"}, "dave")
        dialog = open_agreement_dialog(None, project, ScriptedDialogs())
        qtbot.addWidget(dialog)
        assert dialog.summary.text().startswith("alice and dave have no document in common to compare")
        assert dialog.kinds_model.rowCount() == 0 and dialog.report is None
