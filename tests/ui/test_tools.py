"""Search everywhere, the kinds page, the shortcuts list, and pane cycling."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTextBrowser

from claimdesk.core.claims import CreateClaim
from claimdesk.ops import claims as claim_ops
from claimdesk.ops.importing import import_paths
from claimdesk.ui.actions import ACTIONS
from tests.conftest import SAMPLES


def test_search_everywhere_opens_the_document_at_the_hit(qtbot, project, make_window, qtmodeltester):
    import_paths(project, [SAMPLES / "01-rural-clinics.txt", SAMPLES / "04-energy-ru-cp1251.txt"])
    window = make_window(project)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    dialog = window.tools.search_dialog
    assert dialog.isVisible()
    dialog.query.setText("котельных")  # QTest cannot type non-ASCII keys
    dialog.run_search()
    qtmodeltester.check(dialog.model)
    assert [h.document_id for h in dialog.model.hits] == [2]
    qtbot.keyClick(dialog.query, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    assert window.document.id == 2
    span = window.reader.textCursor().position()
    assert window.reader.toPlainText()[span:].startswith("котельных")


def test_search_finds_claim_quotes_and_selects_the_claim(qtbot, project, make_window):
    import_paths(project, [SAMPLES / "01-rural-clinics.txt"])
    text = project.db.execute("SELECT text FROM documents").fetchone()[0]
    start = text.index("KZT 3.1 billion")
    claim_id = claim_ops.apply_command(project, CreateClaim(1, "funding", start, start + 15)).claim_id
    window = make_window(project)
    dialog = window.tools.search_everywhere()
    dialog.query.setText("KZT")
    dialog.run_search()
    assert dialog.model.hits[0].claim_id == claim_id
    dialog.open_current()
    assert window.current_claim_id == claim_id and window.editor.claim.id == claim_id


def test_kinds_page_adds_a_kind_whose_key_tags(qtbot, project, make_window, dialogs):
    import_paths(project, [SAMPLES / "01-rural-clinics.txt"])
    window = make_window(project)
    window.action_registry["edit.kinds"].trigger()
    page = window.tools.kinds_dialog
    page.new_kind()
    page.label.setText("Procurement")
    dialogs.colours.append("#ff5722")
    page.colour.click()
    page.shortcut.setText("5")
    page.field_name.setText("supplier")
    page.add_field()
    assert page.save()
    assert "procurement" in window.kinds and window.kinds["procurement"].colour == "#ff5722"
    assert window.claims_pane.kind_filter.findData("procurement") >= 0

    page.shortcut.setText("1")  # taken by Funding: refused with a message, nothing saved
    assert not page.save() and "already tags Funding" in page.problem.text()

    text = window.reader.text
    start = text.index("48 rural")
    window.reader.select_span(start, start + 8)
    window.reader.setFocus()
    qtbot.keyClick(window.reader, "5")
    assert claim_ops.get_claim(project, window.current_claim_id).kind == "procurement"
    assert "supplier" in window.editor.field_editors


def test_shortcuts_list_every_action_and_kind_key(qtbot, project, make_window):
    window = make_window(project)
    rows = dict((what, keys) for keys, what in window.tools.shortcut_rows())
    for spec in ACTIONS:
        if spec.shortcut is not None:
            assert rows[spec.text.replace("&", "").rstrip("…")], spec.id
    assert rows["Tag the selection as Funding"] == "1"
    keys = [k for k, _ in window.tools.shortcut_rows() if k not in ("Tab", "Enter", "Esc")]
    assert len(keys) == len(set(keys)), "two commands share a shortcut"
    dialog = window.tools.show_shortcuts()
    qtbot.addWidget(dialog)
    listing = dialog.findChild(QTextBrowser).toPlainText()
    assert "Search everywhere" in listing and "Tag the selection as Official" in listing


def test_tab_and_f6_cycle_the_panes(qtbot, project, make_window):
    import_paths(project, [SAMPLES / "01-rural-clinics.txt"])
    window = make_window(project)
    window.library.tree.setFocus()
    seen = []
    for _ in range(4):
        qtbot.keyClick(window, Qt.Key.Key_F6)
        seen.append(next(i for i, pane in enumerate(window.panes) if pane.isAncestorOf(window.focusWidget())))
    assert seen == [1, 2, 3, 0]
    window.library.tree.setFocus()
    qtbot.keyClick(window.library.tree, Qt.Key.Key_Tab)
    assert window.focusWidget() is window.reader
    qtbot.keyClick(window.reader, Qt.Key.Key_Tab)
    assert window.focusWidget() is window.claims_pane.table


def test_kinds_page_shows_a_storage_refusal_instead_of_raising(qtbot, dialogs):
    from claimdesk.core.kinds import Kind
    from claimdesk.store.project import StorageError
    from claimdesk.ui.kinds_dialog import KindsDialog

    class BusyKinds:  # what ops.kinds raises when another Claimdesk holds the write lock
        def list_kinds(self):
            return [Kind("funding", "Funding", "#2e7d32", "1", ())]

        def add_kind(self, *args):
            raise StorageError("the project is busy with another task; nothing was changed")

        update_kind = add_kind

    page = KindsDialog(BusyKinds(), dialogs)
    qtbot.addWidget(page)
    page.new_kind()
    page.label.setText("Procurement")
    assert not page.save() and "busy" in page.problem.text()


def test_kinds_page_with_no_kinds_yet_edits_a_new_kind(qtbot, dialogs):
    from claimdesk.core.kinds import Kind
    from claimdesk.ui.kinds_dialog import NEW_KIND_COLOUR, KindsDialog

    added: list[Kind] = []

    class NoKindsYet:
        def list_kinds(self):
            return list(added)

        def add_kind(self, label, colour, shortcut, fields=()):
            added.append(Kind(label.lower(), label, colour, shortcut, fields))
            return added[-1]

        def update_kind(self, kind):
            return kind

    page = KindsDialog(NoKindsYet(), dialogs)
    qtbot.addWidget(page)
    page.label.setText("Procurement")
    page.field_name.setText("supplier")
    page.add_field()
    assert page.save() and page.problem.text() == ""
    assert [(k.label, k.colour) for k in added] == [("Procurement", NEW_KIND_COLOUR)]
    assert [f.name for f in added[0].fields] == ["value", "unit", "supplier"]


def test_officials_registry_says_a_refused_change_and_opens_read_only(qtbot):
    from types import SimpleNamespace

    from claimdesk.store.project import StorageError
    from claimdesk.ui.people_dialog import PeopleDialog

    class BusyPeople:
        def sync(self, project, *args):
            raise StorageError("the project is busy with another task; nothing was changed")

        def list_people(self, project):
            return []

        confirm = sync

    project = SimpleNamespace(read_only=False)
    page = PeopleDialog(BusyPeople(), lambda: project, lambda claim_id: None)
    qtbot.addWidget(page)
    page.refresh()  # sync refused: the list still opens and says why it is not updated
    assert "busy" in page.status.text()
    page._apply_each(page.ops.confirm, [(7,)])
    assert page.status.text().startswith("Nothing more was changed") and "busy" in page.status.text()

    project.read_only = True
    page.refresh()
    assert not any(button.isEnabled() for button in page.change_buttons) and "read-only" in page.status.text()
