"""The window's importer on the job helper: Cancel stops the parser child, so a file in
the middle of a long parse is neither imported nor reported as failed."""

import threading

from claimdesk.core.model import ReaderError
from claimdesk.ui.importer import Importer
from tests.conftest import SAMPLES
from tests.ui.conftest import ScriptedDialogs


class StuckParser:
    """A parser child busy with a file until it is stopped, as a long PDF keeps it."""

    def __init__(self):
        self.parsing, self.stopped = threading.Event(), threading.Event()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stopped.set()

    def parse(self, data, file_name, **options):
        self.parsing.set()
        if not self.stopped.wait(60):
            raise AssertionError("the parser was never stopped")
        raise ReaderError("the parser crashed on this file (exit code -9)")  # what a killed child reports

    def stop(self):
        self.stopped.set()


def test_cancel_stops_the_file_in_flight(qtbot, project, monkeypatch):
    dialogs = ScriptedDialogs()
    importer = Importer(dialogs)
    parser = StuckParser()
    monkeypatch.setattr(importer.standby, "hand_over", lambda options: parser)
    with qtbot.waitSignal(importer.finished, timeout=10000) as blocker:
        importer.start(project.path, [SAMPLES / "01-rural-clinics.txt", SAMPLES / "02-city-roads.md"])
        qtbot.waitUntil(parser.parsing.is_set)
        importer.cancel()
    report = blocker.args[0]
    assert report.cancelled and report.results == [] and not importer.busy()
    assert dialogs.reports[-1][1].endswith("— cancelled") and dialogs.errors == []
