"""The first run's sample project, built as a background job (ui/sample_builder.py)."""

from PySide6.QtWidgets import QMainWindow, QProgressBar

from claimdesk.ops import claims as claim_ops
from claimdesk.ops.projects import open_existing
from claimdesk.ui.jobs import running_jobs
from claimdesk.ui.sample_builder import build_sample_project
from tests.ui.conftest import ScriptedDialogs


def _window(qtbot):
    window = QMainWindow()
    qtbot.addWidget(window)
    window.show()
    return window


def test_the_sample_project_is_built_in_the_background_and_handed_over(qtbot, tmp_path):
    window, dialogs, built = _window(qtbot), ScriptedDialogs(), []
    sample = tmp_path / "data" / "Sample project.claimdesk"
    job = build_sample_project(sample, window.statusBar(), dialogs, built.append)
    assert "sample project" in window.statusBar().currentMessage()
    assert window.statusBar().findChild(QProgressBar) is not None and running_jobs() == [job]
    with qtbot.waitSignal(job.finished, timeout=60000):
        job.cancel()  # the build cannot be cancelled: it runs to its end
    assert built == [str(sample)] and dialogs.errors == []
    assert window.statusBar().currentMessage() == ""
    qtbot.waitUntil(lambda: window.statusBar().findChild(QProgressBar) is None)
    with open_existing(sample) as project:
        assert len(claim_ops.claim_ids(project, claim_ops.ClaimFilter())) == 16


def test_a_sample_project_that_cannot_be_built_is_reported(qtbot, tmp_path):
    window, dialogs, built = _window(qtbot), ScriptedDialogs(), []
    blocker = tmp_path / "data"
    blocker.write_text("a file where the folder should be")
    job = build_sample_project(blocker / "Sample project.claimdesk", window.statusBar(), dialogs, built.append)
    with qtbot.waitSignal(job.finished, timeout=60000):
        pass
    assert built == [] and len(dialogs.errors) == 1
    title, message = dialogs.errors[0]
    assert title == "Sample project" and message.startswith("The sample project could not be built: ")
    assert "data" in message and window.statusBar().currentMessage() == ""
