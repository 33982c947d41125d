"""`claimdesk claims --status`: a status the user added filters like a built-in one; an
unknown one is a usage error naming the project's statuses."""

from __future__ import annotations

import json

from tests.cli.command import claimdesk
from tests.statuses import add_two_claims


def test_the_cli_filters_by_a_custom_status(project, tmp_path):
    first, _ = add_two_claims(project, tmp_path)
    path = project.path
    result = claimdesk("claims", path, "--jsonl", "--status", "needs source", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == [first]
    unknown = claimdesk("claims", path, "--jsonl", "--status", "needs a source", cwd=tmp_path)
    assert unknown.returncode == 2 and "needs source" in unknown.stderr and unknown.stdout == ""
