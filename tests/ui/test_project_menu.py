"""File menu and startup: new, open, recent, save a copy, import with errors and passwords,
drag-and-drop, and window state kept between sessions."""

from pathlib import Path

from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDropEvent

from claimdesk.ops.projects import new_project, open_existing
from claimdesk.ui.app import launch
from tests.conftest import SAMPLES
from tests.factories import make_pdf
from tests.ui.conftest import import_and_wait


def test_new_open_recent_and_save_a_copy(qtbot, tmp_path, make_window, dialogs, settings):
    first = tmp_path / "first.claimdesk"
    window = make_window(new_project(first))
    import_and_wait(qtbot, window, [SAMPLES / "01-rural-clinics.txt"])

    dialogs.paths.append(str(tmp_path / "copy.claimdesk"))
    window.action_registry["file.save_copy"].trigger()
    with open_existing(tmp_path / "copy.claimdesk") as copy:
        assert copy.db.execute("SELECT count(*) FROM documents").fetchone()[0] == 1

    dialogs.paths.append(str(first))  # the open project itself is refused, nothing written
    window.action_registry["file.save_copy"].trigger()
    assert dialogs.errors[-1][0] == "Save a copy" and "open project" in dialogs.errors[-1][1]

    dialogs.paths.append(str(tmp_path / "second.claimdesk"))
    window.action_registry["file.new"].trigger()
    assert window.project.path.name == "second.claimdesk" and window.library.model.rowCount() == 0
    assert [Path(p).name for p in settings.preferences.recent_projects] == ["second.claimdesk", "first.claimdesk"]
    recent = window.project_menu.recent_menu.actions()
    assert len(recent) == 2 and "first.claimdesk" in recent[1].text()
    recent[1].trigger()
    assert window.project.path.name == "first.claimdesk" and window.library.model.rowCount() == 1

    dialogs.paths.append(str(tmp_path / "missing.claimdesk"))
    window.action_registry["file.open"].trigger()
    assert "no such project file" in dialogs.errors[-1][1]
    assert window.project.path.name == "first.claimdesk"


def test_import_reports_failures_and_asks_for_pdf_passwords(qtbot, project, make_window, dialogs, tmp_path):
    locked = tmp_path / "locked.pdf"
    locked.write_bytes(make_pdf(["Secret budget of 4 billion tenge"], password="right"))
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4 not really")
    window = make_window(project)
    dialogs.passwords += ["wrong", "right"]  # asked again after a wrong password
    report = import_and_wait(qtbot, window, [SAMPLES / "01-rural-clinics.txt", locked, broken])
    statuses = sorted((r.path.name, r.status) for r in report.results)
    assert statuses == [("01-rural-clinics.txt", "imported"), ("broken.pdf", "failed"), ("locked.pdf", "imported")]
    title, summary, details = dialogs.reports[-1]
    assert summary.startswith("2 imported") and "broken.pdf: truncated or damaged PDF" in details
    assert window.library.model.rowCount() == 2


def test_drop_files_on_the_window_imports_them(qtbot, project, make_window):
    window = make_window(project)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(SAMPLES / "02-city-roads.md"))])
    event = QDropEvent(QPoint(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.NoButton,
                       Qt.KeyboardModifier.NoModifier)
    with qtbot.waitSignal(window.project_menu.importer.finished, timeout=30000):
        window.dropEvent(event)
    assert window.document.file_name == "02-city-roads.md"


def test_window_state_and_last_project_survive_a_restart(qtbot, tmp_path, make_window, settings):
    path = tmp_path / "desk.claimdesk"
    window = make_window(new_project(path))
    window.resize(760, 600)  # within the offscreen screen, which restoreGeometry clamps to
    qtbot.waitUntil(lambda: window.width() == 760)
    window.splitter.setSizes([211, 300, 200])
    sizes = window.splitter.sizes()
    window.claims_pane.table.horizontalHeader().resizeSection(2, 333)
    window.close()
    again = launch(None, settings)
    qtbot.addWidget(again)
    assert again.project.path == path.resolve()
    assert again.size() == window.size()
    assert again.splitter.sizes() == sizes
    assert again.claims_pane.table.horizontalHeader().sectionSize(2) == 333


def test_first_run_builds_the_sample_project_without_blocking(qtbot, tmp_path, settings, dialogs):
    sample = tmp_path / "data" / "Sample project.claimdesk"
    window = launch(None, settings, dialogs, sample_path=sample)
    qtbot.addWidget(window)
    assert window.project is None and "sample project" in window.statusBar().currentMessage()
    with qtbot.waitSignal(window.projectChanged, timeout=60000):
        pass
    assert window.project.path == sample.resolve() or window.project.path == sample
    assert window.claims_model.rowCount() == 16 and window.reader.highlighter.marks
    assert settings.preferences.last_project == str(sample.resolve())


def test_a_project_that_cannot_open_is_reported_and_the_window_stays(qtbot, tmp_path, settings, dialogs):
    junk = tmp_path / "junk.claimdesk"
    junk.write_bytes(b"not a database at all")
    window = launch(junk, settings, dialogs)
    qtbot.addWidget(window)
    assert window.project is None and "not a Claimdesk project" in dialogs.errors[-1][1]
    assert junk.read_bytes() == b"not a database at all"


def test_a_cancelled_import_says_so_and_keeps_finished_files(qtbot, project, make_window, dialogs):
    window = make_window(project)
    importer = window.project_menu.importer
    with qtbot.waitSignal(importer.finished, timeout=30000) as blocker:
        window.project_menu.import_files([SAMPLES])
        importer.cancel()
    report = blocker.args[0]
    assert report.cancelled and "cancelled" in dialogs.reports[-1][1]
    imported = report.count("imported")
    assert window.library.model.rowCount() == imported < 8
    assert not importer.busy()


def test_replace_with_new_version_lists_orphans(qtbot, project, make_window, dialogs, tmp_path):
    from claimdesk.core.claims import CreateClaim
    from claimdesk.ops import claims as claim_ops
    from claimdesk.ops.importing import import_paths

    first = tmp_path / "r.txt"
    first.write_text("Report\n\nThe fund spent 3 billion tenge. It hired 40 engineers.")
    import_paths(project, [first])
    text = project.db.execute("SELECT text FROM documents").fetchone()[0]
    start = text.index("hired 40 engineers")
    claim_ops.apply_command(project, CreateClaim(1, "statistic", start, start + 18))
    window = make_window(project)
    second = tmp_path / "r2.txt"
    second.write_text("Report, revised\n\nThe fund spent 3 billion tenge.")
    dialogs.import_choices.append([str(second)])
    with qtbot.waitSignal(window.project_menu.importer.finished, timeout=30000):
        window.action_registry["file.replace"].trigger()
    assert "1 orphaned" in window.statusBar().currentMessage()
    pane = window.claims_pane
    pane.status_filter.setCurrentIndex(pane.status_filter.findText("⚠ orphaned by a new version"))
    assert window.claims_model.ids == [1]


def test_a_read_only_project_shows_a_banner_and_refuses_edits(qtbot, tmp_path, make_window, monkeypatch):
    import claimdesk.store.project as project_module
    from claimdesk.ops.importing import import_paths

    path = tmp_path / "ro.claimdesk"
    with new_project(path) as project:
        import_paths(project, [SAMPLES / "01-rural-clinics.txt"])
    monkeypatch.setattr(project_module, "_writable", lambda _path: False)
    window = make_window(open_existing(path))
    assert window.read_only_banner.isVisible() and "(read-only)" in window.windowTitle()
    assert not window.action_registry["file.import"].isEnabled()
    window.reader.select_span(0, 10)
    window.reader.setFocus()
    qtbot.keyClick(window.reader, "1")
    assert "read-only" in window.statusBar().currentMessage()
    assert window.project.db.execute("SELECT count(*) FROM claims").fetchone()[0] == 0


def test_file_import_starts_the_parser_while_files_are_chosen_and_stops_it_after(qtbot, project, make_window,
                                                                                 dialogs):
    import os

    window = make_window(project)
    importer = window.project_menu.importer
    started = []

    def choose():  # the file dialog is open: the parser child is already booting
        started.append(importer.standby.pid)
        os.kill(started[0], 0)  # alive
        return [str(SAMPLES / "01-rural-clinics.txt")]

    dialogs.import_paths = choose
    with qtbot.waitSignal(importer.finished, timeout=30000) as blocker:
        window.action_registry["file.import"].trigger()
    assert len(started) == 1 and started[0] is not None and blocker.args[0].results[0].status == "imported"
    assert importer.standby.pid is None  # handed to the import, which closed it (joined: no zombie left)
    assert not os.path.exists(f"/proc/{started[0]}")
    dialogs.import_paths = lambda: []  # cancelled dialog: the child started for it is stopped
    window.action_registry["file.import"].trigger()
    assert importer.standby.pid is None
