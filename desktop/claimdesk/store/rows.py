"""Small typed helpers for reading what SQLite hands back (rows are plain tuples)."""

from __future__ import annotations

import sqlite3
from typing import Any

Row = tuple[Any, ...]  # one fetched row, read by position where the SELECT names its columns


def inserted_id(cursor: sqlite3.Cursor) -> int:
    """The rowid an INSERT just made (sqlite3 types it Optional: None only for non-INSERTs)."""
    rowid = cursor.lastrowid
    if rowid is None:
        raise RuntimeError("the statement inserted no row")
    return rowid
