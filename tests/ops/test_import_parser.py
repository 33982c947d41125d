"""The parser child the window boots before the files are chosen (ops.import_parser)."""

import os

from claimdesk.core.worker import ParseLimits
from claimdesk.ops.import_parser import StandbyParser
from claimdesk.ops.importing import IMPORTED, ImportOptions, import_paths
from tests.conftest import SAMPLES


def _alive(pid: int) -> bool:
    return os.path.exists(f"/proc/{pid}")


def test_the_booted_child_imports_and_is_gone_afterwards(project):
    standby = StandbyParser()
    standby.boot()
    booted = standby.pid
    parser = standby.hand_over(ImportOptions())
    assert parser.pid == booted and standby.pid is None
    with parser:
        report = import_paths(project, [SAMPLES / "01-rural-clinics.txt"], parser=parser)
    assert [r.status for r in report.results] == [IMPORTED]
    assert not _alive(booted)


def test_an_import_with_its_own_limits_gets_its_own_child_and_the_booted_one_waits(project):
    standby = StandbyParser()
    standby.boot()
    booted = standby.pid
    try:
        limits = ParseLimits(seconds=30)
        with standby.hand_over(ImportOptions(limits=limits)) as parser:
            assert parser.limits == limits and parser.pid != booted
            report = import_paths(project, [SAMPLES / "01-rural-clinics.txt"], parser=parser)
            assert report.results[0].status == IMPORTED
        assert standby.pid == booted and _alive(booted)
    finally:
        standby.close()
    assert standby.pid is None and not _alive(booted)


def test_without_a_booted_child_the_import_gets_a_fresh_one():
    standby = StandbyParser()
    with standby.hand_over(ImportOptions()) as parser:
        assert parser.pid is not None and _alive(parser.pid)
        pid = parser.pid
    assert not _alive(pid)
