"""File ▸ Publish for Datasette…: the dialog publishes the open project through the op in a
background job (every status, or verified claims only), refuses a file Claimdesk did not
publish unless the user confirms replacing it, never a project, works on a read-only project,
and reads in light and dark palettes (rendered to PNG under the test's tmp dir)."""

from __future__ import annotations

import json
import sqlite3

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette

from claimdesk.core.claims import CreateClaim, EditClaim
from claimdesk.ops import claims as claim_ops
from claimdesk.ops import documents as document_ops
from claimdesk.ops.importing import import_paths
from claimdesk.ops.projects import new_project, open_existing
from claimdesk.ui.highlight import MIN_CONTRAST, contrast
from tests.palettes import dark_palette

TEXT = ("The ministry allocated 12.4 billion tenge to build 48 clinics by 2027. "
        "It says 15 billion tenge will go to rural roads.")
CLAIMS = (("12.4 billion tenge", "funding", {"amount": "12400000000", "currency": "KZT"}),
          ("48 clinics by 2027", "target", {"quantity": "48", "deadline": "2027"}),
          ("15 billion tenge", "funding", {"amount": "15000000000", "currency": "KZT"}))


def make_project(path, verify: bool = True):
    """A project of one release with three claims, the first verified by a second analyst."""
    release = path.with_name("release.txt")
    release.write_text(TEXT, encoding="utf-8")
    project = new_project(path)
    import_paths(project, [release])
    [document] = document_ops.list_documents(project)
    text = document_ops.document_text(project, document.id)
    ids = []
    for quote, kind, fields in CLAIMS:
        start = text.index(quote)
        ids.append(claim_ops.apply_command(project, CreateClaim(document.id, kind, start, start + len(quote), fields),
                                           actor="ana").claim_id)
    if verify:
        claim_ops.apply_command(project, EditClaim(ids[0], {"status": "verified"}), actor="bob")
    return project, ids


def published_claims(path) -> list[int]:
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        return [row[0] for row in conn.execute("SELECT claim_id FROM claims ORDER BY claim_id")]
    finally:
        conn.close()


def open_dialog(window, qtbot):
    action = window.action_registry["file.publish"]
    assert action.isEnabled() and action in window.menuBar().actions()[0].menu().actions()
    action.trigger()
    dialog = window.tools.publish_dialog
    qtbot.waitExposed(dialog)
    return dialog


def publish_and_wait(qtbot, dialog):
    """Enter in the output field presses Publish (the default button)."""
    with qtbot.waitSignal(dialog.published, timeout=30000) as blocker:
        qtbot.keyClick(dialog.output, Qt.Key.Key_Return)
    return blocker.args[0]


def refused_and_wait(qtbot, dialog):
    qtbot.keyClick(dialog.output, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.job is None and dialog.reason.isVisible(), timeout=30000)
    return dialog.reason.text()


def test_publishes_every_claim_with_metadata_beside_and_says_so(qtbot, tmp_path, make_window, dialogs):
    project, ids = make_project(tmp_path / "budget.claimdesk")
    window = make_window(project)
    dialog = open_dialog(window, qtbot)
    assert not dialog.publish_button.isEnabled()  # no output file yet
    out = tmp_path / "public" / "budget.db"
    out.parent.mkdir()
    dialogs.paths.append(str(out))
    dialog.browse.click()  # the file is chosen through the injected dialogs
    assert dialog.output.text() == str(out) and "budget.metadata.json" in dialog.metadata_note.text()
    dialog.title.setText("Clinic budget claims")
    dialog.licence.setText("CC BY 4.0")
    published = publish_and_wait(qtbot, dialog)
    assert (published.claims, published.sources) == (3, 1)
    assert published_claims(out) == sorted(ids)
    metadata = json.loads((tmp_path / "public" / "budget.metadata.json").read_text(encoding="utf-8"))
    assert (metadata["title"], metadata["license"]) == ("Clinic budget claims", "CC BY 4.0")
    assert "3 claims" in dialog.summary.text() and str(published.metadata) in dialog.summary.text()
    assert "3 claims" in window.statusBar().currentMessage()
    assert "budget.metadata.json" in window.statusBar().currentMessage()
    assert dialogs.questions == [] and dialogs.errors == []
    publish_and_wait(qtbot, dialog)  # its own publication is replaced without a question
    assert dialogs.questions == [] and published_claims(out) == sorted(ids)


def test_verified_only_publishes_the_verified_claims_and_says_what_would_let_more_in(qtbot, tmp_path, make_window):
    project, ids = make_project(tmp_path / "budget.claimdesk")
    window = make_window(project)
    dialog = open_dialog(window, qtbot)
    out = tmp_path / "verified.db"
    dialog.output.setText(str(out))
    dialog.verified_only.setChecked(True)
    assert publish_and_wait(qtbot, dialog).claims == 1
    assert published_claims(out) == [ids[0]]
    (tmp_path / "bare").mkdir()
    unverified, _ = make_project(tmp_path / "bare" / "unverified.claimdesk", verify=False)
    window.set_project(unverified)
    dialog = open_dialog(window, qtbot)
    dialog.output.setText(str(tmp_path / "none.db"))
    dialog.verified_only.setChecked(True)
    message = refused_and_wait(qtbot, dialog)
    assert "0 of 3 claims are verified" in message and "untick “Verified claims only”" in message
    assert not (tmp_path / "none.db").exists() and dialog.publish_button.isEnabled()


def test_a_file_claimdesk_did_not_publish_is_replaced_only_when_confirmed(qtbot, tmp_path, make_window, dialogs):
    project, ids = make_project(tmp_path / "budget.claimdesk")
    window = make_window(project)
    dialog = open_dialog(window, qtbot)
    out = tmp_path / "notes.db"
    out.write_text("someone's notes", encoding="utf-8")
    dialog.output.setText(str(out))
    dialogs.confirms.append(False)
    message = refused_and_wait(qtbot, dialog)
    [(title, question)] = dialogs.questions
    assert str(out) in question and "not a database Claimdesk published" in question and "Replace it" in question
    assert str(out) in message and "--force" not in message and "Nothing was published" in dialog.summary.text()
    assert out.read_text(encoding="utf-8") == "someone's notes"
    assert not (tmp_path / "notes.metadata.json").exists()
    dialogs.confirms.append(True)
    assert publish_and_wait(qtbot, dialog).claims == 3  # confirmed: replaced, as --force does
    assert len(dialogs.questions) == 2 and published_claims(out) == sorted(ids)


def test_foreign_metadata_beside_the_target_needs_the_same_confirmation(qtbot, tmp_path, make_window, dialogs):
    project, _ids = make_project(tmp_path / "budget.claimdesk")
    window = make_window(project)
    dialog = open_dialog(window, qtbot)
    (tmp_path / "site.metadata.json").write_text('{"title": "my own site"}', encoding="utf-8")
    dialog.output.setText(str(tmp_path / "site.db"))
    dialogs.confirms.append(False)
    refused_and_wait(qtbot, dialog)
    assert "site.metadata.json" in dialogs.questions[0][1]
    assert not (tmp_path / "site.db").exists()


def test_a_project_is_never_offered_for_replacing(qtbot, tmp_path, make_window, dialogs):
    project, _ids = make_project(tmp_path / "budget.claimdesk")
    other = new_project(tmp_path / "other.claimdesk")
    other.close()
    before = (tmp_path / "other.claimdesk").read_bytes()
    window = make_window(project)
    dialog = open_dialog(window, qtbot)
    dialog.output.setText(str(tmp_path / "other.claimdesk"))
    message = refused_and_wait(qtbot, dialog)
    assert "is a Claimdesk project" in message and dialogs.questions == []
    assert (tmp_path / "other.claimdesk").read_bytes() == before


def test_a_read_only_project_can_be_published(qtbot, tmp_path, make_window, monkeypatch):
    import claimdesk.store.project as project_module

    project, ids = make_project(tmp_path / "budget.claimdesk")
    project.close()
    monkeypatch.setattr(project_module, "_writable", lambda _path: False)
    window = make_window(open_existing(tmp_path / "budget.claimdesk"))
    assert window.project.read_only
    dialog = open_dialog(window, qtbot)
    dialog.output.setText(str(tmp_path / "from-read-only.db"))
    assert publish_and_wait(qtbot, dialog).claims == 3
    assert published_claims(tmp_path / "from-read-only.db") == sorted(ids)


def test_keyboard_mnemonics_and_escape(qtbot, tmp_path, make_window):
    project, _ids = make_project(tmp_path / "budget.claimdesk")
    window = make_window(project)
    dialog = open_dialog(window, qtbot)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClick(dialog, Qt.Key.Key_V, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(dialog.verified_only.isChecked)  # a mnemonic "animates" the click: checked a moment later
    qtbot.keyClick(dialog, Qt.Key.Key_L, Qt.KeyboardModifier.AltModifier)
    assert dialog.licence.hasFocus()
    qtbot.keyClick(dialog, Qt.Key.Key_T, Qt.KeyboardModifier.AltModifier)
    assert dialog.title.hasFocus()
    qtbot.keyClick(dialog, Qt.Key.Key_O, Qt.KeyboardModifier.AltModifier)
    assert dialog.output.hasFocus()
    assert window.action_registry["file.publish"].text() == "&Publish for Datasette…"
    qtbot.keyClick(dialog.output, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())


@pytest.mark.parametrize("palette_name", ["light", "dark"])
def test_the_dialog_reads_in_light_and_dark_palettes(qtbot, qapp, tmp_path, make_window, dialogs, palette_name):
    original = QPalette(qapp.palette())
    if palette_name == "dark":
        qapp.setPalette(dark_palette())
    try:
        project, _ids = make_project(tmp_path / "budget.claimdesk")
        window = make_window(project)
        dialog = open_dialog(window, qtbot)
        (tmp_path / "notes.db").write_text("someone's notes", encoding="utf-8")
        dialog.output.setText(str(tmp_path / "notes.db"))
        dialogs.confirms.append(False)
        refused_and_wait(qtbot, dialog)
        dialog.grab().save(str(tmp_path / f"publish-{palette_name}.png"))
        background = dialog.palette().color(QPalette.ColorRole.Window)
        for label in (dialog.reason, dialog.summary, dialog.metadata_note):
            assert contrast(label.palette().color(label.foregroundRole()), background) >= MIN_CONTRAST, label.text()
        assert dialog.width() >= dialog.minimumSizeHint().width()
        assert dialog.height() >= dialog.minimumSizeHint().height()
    finally:
        qapp.setPalette(original)
