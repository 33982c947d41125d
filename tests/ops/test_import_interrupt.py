"""An import cancelled by stopping the parser mid-file: that file is neither failed nor imported."""

from claimdesk.core.worker import ParseFailed, ParserProcess
from claimdesk.ops.importing import FAILED, IMPORTED, import_paths


class StoppedOnSecondFile(ParserProcess):
    """Parses like the real child until the second file, where Ctrl+C stops it mid-parse."""

    def __init__(self, stop_flag: list):
        super().__init__()
        self.stop_flag = stop_flag
        self.calls = 0

    def parse(self, data, file_name, **options):
        self.calls += 1
        if self.calls == 2:
            self.stop_flag.append(True)  # what the CLI's SIGINT handler does, then stop()
            raise ParseFailed("the parser crashed on this file (exit code -9)")
        return super().parse(data, file_name, **options)


def test_the_file_in_flight_is_not_reported_failed_and_the_count_is_whole(project, tmp_path):
    for number in range(4):
        (tmp_path / f"r{number}.txt").write_text(f"Release {number}\n\nText of release {number}.", encoding="utf-8")
    (tmp_path / "notes.xyz").write_text("not importable")
    stopped = []
    parser = StoppedOnSecondFile(stopped)
    try:
        report = import_paths(project, [tmp_path], cancelled=lambda: bool(stopped), parser=parser)
    finally:
        parser.close()
    assert report.cancelled and report.planned == 4 and report.attempted == 1
    assert [r.status for r in report.results if r.status in (IMPORTED, FAILED)] == [IMPORTED]
    assert project.db.execute("SELECT count(*) FROM documents").fetchone()[0] == 1


def test_a_failure_without_cancelling_is_still_a_failure(project, tmp_path):
    (tmp_path / "zero.txt").write_bytes(b"")
    report = import_paths(project, [tmp_path / "zero.txt"], cancelled=lambda: False)
    assert [r.status for r in report.results] == [FAILED] and not report.cancelled
