"""A project with schema steps this Claimdesk does not know, at the same schema number,
is refused naming the steps - not "schema 8 ... with schema 8" (issue 16)."""

import re

import pytest

from claimdesk.ops.projects import new_project
from claimdesk.store.project import NewerProjectError, open_project, schema_version


def test_unknown_steps_at_the_same_schema_number_are_named(tmp_path):
    path = tmp_path / "p.claimdesk"
    with new_project(path) as project:
        project.db.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
                           "VALUES ('claimdesk', '0009_from_a_branch', '2030-01-01')")
        project.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    with pytest.raises(NewerProjectError) as refused:
        open_project(path)
    message = str(refused.value)
    assert "0009_from_a_branch" in message
    assert len(re.findall(rf"schema {schema_version()}\b", message)) == 1
