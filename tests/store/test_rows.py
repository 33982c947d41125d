"""Rows are read by column name: a query may select a dataclass's columns in any order."""

from __future__ import annotations

import json

import pytest

from claimdesk.core.kinds import FieldDef, Kind
from claimdesk.store import kinds as kinds_repo
from claimdesk.store.rows import record_reader


def test_columns_are_matched_to_fields_by_name_in_any_order(project):
    [expected, *_] = kinds_repo.list_kinds(project.db)
    cursor = project.db.execute("SELECT position, fields, shortcut, colour, label, name FROM kinds ORDER BY position")
    read = record_reader(cursor, Kind, {"fields": lambda stored: tuple(FieldDef.from_json(f)
                                                                       for f in json.loads(stored))})
    assert read(cursor.fetchone()) == expected


def test_a_query_missing_a_field_says_which(project):
    cursor = project.db.execute("SELECT name, label, colour, shortcut, fields FROM kinds")
    with pytest.raises(KeyError, match="Kind: the query selects no column named position"):
        record_reader(cursor, Kind)
