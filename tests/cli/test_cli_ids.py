"""Ids on the command line: a number SQLite cannot hold is a usage error (exit 2), not a traceback."""

import pytest

from tests.cli.command import claimdesk

HUGE = "99999999999999999999999"


@pytest.mark.parametrize("args", [
    ["review", "{p}", HUGE, "--status", "verified"], ["review", "{p}", "--ids", f"1,{HUGE}", "--status", "verified"],
    ["export", "{p}", "--format", "csv", "-o", "x.csv", "--doc", HUGE], ["suggest", "{p}", "--doc", HUGE],
    ["replace", "{p}", HUGE, "x.txt"], ["claims", "{p}", "--jsonl", "--doc", HUGE],
])
def test_an_id_too_large_for_sqlite_is_a_usage_error(tmp_path, args):
    assert claimdesk("new", "p.claimdesk", cwd=tmp_path).returncode == 0
    result = claimdesk(*[a.format(p="p.claimdesk") for a in args], cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr and "is not" in result.stderr
