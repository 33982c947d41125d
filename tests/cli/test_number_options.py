"""Number options on the command line: a value outside the option's range (too large for SQLite,
a timer or a buffer, zero, negative, inf, nan) is a usage error - exit 2 and one line naming the
option and the range - never a traceback; values in range still work."""

from __future__ import annotations

import json

import pytest

from claimdesk import cli
from tests.cli.command import claimdesk

HUGE = "1" + "0" * 30  # 10**30: more than SQLite's 64-bit integers
ID = "is not an id (ids are whole numbers up to 9223372036854775807, e.g. 12)"

# (command line before the value, option, values it must refuse, the range its message states)
OPTIONS = [
    (["search", "p.claimdesk", "words"], "--limit", [HUGE, "-1", "0", "2.5", "inf", "+3", "٣"],
     "is not a whole number from 1 to 9223372036854775807"),
    (["import", "p.claimdesk", "a.txt"], "--timeout", ["inf", "nan", "1e400", "-1", "0", "86401"],
     "is not a number of seconds above 0 and at most 86400"),
    (["import", "p.claimdesk", "a.txt"], "--max-file-mb", ["inf", "nan", "1e300", "-5", "0"],
     "is not a number of megabytes above 0 and at most 1000000"),
    (["merge", "p.claimdesk", "q.claimdesk"], "--threshold", ["nan", "inf", "0", "1.5", "half"],
     "is not a number above 0 and at most 1"),
    (["subjects", "p.claimdesk", "link", "1", "--measure", "m"], "--subject", [HUGE], ID),
    (["subjects", "p.claimdesk", "link", "1"], "--measure", [HUGE], ID),
]


@pytest.mark.parametrize(("before", "option", "value", "stated"),
                         [(before, option, value, stated) for before, option, values, stated in OPTIONS
                          for value in values])
def test_a_number_out_of_range_is_a_usage_error_naming_the_option(tmp_path, monkeypatch, capsys,
                                                                  before, option, value, stated):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SystemExit) as stopped:
        cli.main([*before, f"{option}={value}"])
    assert stopped.value.code == 2
    last_line = capsys.readouterr().err.strip().splitlines()[-1]
    assert last_line.endswith(f"error: argument {option}: {value!r} {stated}")
    assert list(tmp_path.iterdir()) == []  # refused before anything was opened or made


def test_a_huge_limit_is_refused_end_to_end_and_a_small_one_limits(tmp_path):
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(f"Release {name}\n\nThe fund allocated 2 billion tenge.", encoding="utf-8")
    assert claimdesk("new", "p.claimdesk", cwd=tmp_path).returncode == 0
    assert claimdesk("import", "p.claimdesk", "a.txt", "b.txt", "--timeout", "60", "--max-file-mb", "0.5",
                     cwd=tmp_path).returncode == 0
    refused = claimdesk("search", "p.claimdesk", "fund", "--limit", HUGE, cwd=tmp_path)
    assert refused.returncode == 2 and "Traceback" not in refused.stderr
    assert "argument --limit" in refused.stderr and "from 1 to" in refused.stderr
    one = claimdesk("search", "p.claimdesk", "fund", "--limit", "1", "--json", cwd=tmp_path)
    every = claimdesk("search", "p.claimdesk", "fund", "--limit", str(2**63 - 1), "--json", cwd=tmp_path)
    assert one.returncode == 0 and every.returncode == 0, one.stderr + every.stderr
    assert len(json.loads(one.stdout)) == 1 and len(json.loads(every.stdout)) == 2
