"""What is left of a damaged project file: SQLite's integrity check, stored texts that no
longer decode, and a row-by-row salvage of whatever can be read into a new project.

The salvage reads a private copy of the damaged file and copies each table of the
project's model row by row, parents before children (then, where pages could not be
followed, the rows the sqlite3 shell's ``.recover`` rebuilt from the copy), through the new
project's own connection, so its triggers fill the search indexes as for any other write.
A row that cannot be read, or whose parent was lost, is counted as lost; a text whose bytes
are no longer UTF-8 keeps its readable characters with U+FFFD in place of the damaged bytes.
"""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import sqlite_utils

from claimdesk.store.rows import Row

META_KEYS_KEPT = ("two_person_rule", "statuses")  # settings; versions and index state are the new file's own
_MAX_ROWID = 1 << 62


@dataclass
class TableSalvage:
    table: str
    copied: int = 0
    lost: int = 0  # rows read but refused (their parent lost), or rows known to be unreadable
    damaged_texts: int = 0  # copied with U+FFFD where bytes were no longer UTF-8
    unreadable: bool = False  # some part of the table could not be read at all (how many rows: unknown)
    recovered: int = 0  # of ``copied``, rows only SQLite's .recover could reach
    note: str = ""


@dataclass
class DamageCheck:
    problems: list[str] = field(default_factory=list)  # integrity_check lines, then undecodable texts
    readable_rows: dict[str, int] = field(default_factory=dict)


def private_copy(path: Path, folder: Path) -> Path:
    """The damaged file (and a -wal of its recent writes) copied into ``folder``: the
    salvage may repair the copy's schema and never writes beside the original."""
    copy = folder / "damaged.sqlite"
    shutil.copyfile(path, copy)
    wal = path.with_name(path.name + "-wal")
    if wal.exists() and wal.stat().st_size > 0:
        shutil.copyfile(wal, folder / "damaged.sqlite-wal")
    return copy


def repair_schema(copy: Path, model: sqlite_utils.Database) -> list[str]:
    """Puts back the statements of ``model`` (a new project: the same schema) where the
    copy's schema has a few flipped bytes, which otherwise make SQLite refuse the whole
    file or Python refuse its names; returns the names repaired."""
    wanted = [(kind, name, tbl, sql.encode()) for kind, name, tbl, sql in model.conn.execute(
        "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE sql IS NOT NULL")]
    conn = sqlite3.connect(copy, isolation_level=None)
    conn.text_factory = bytes
    repaired = []
    try:
        conn.execute("PRAGMA writable_schema = ON")  # first: lets SQLite load a schema it cannot parse
        rows = conn.execute("SELECT rowid, type, name, sql FROM sqlite_master WHERE sql IS NOT NULL").fetchall()
        for rowid, kind, name, sql in rows:
            if any(kind.decode() == k and name == n.encode() and sql == s for k, n, _t, s in wanted):
                continue
            close = [(sum(a != b for a, b in zip(sql, s)), k, n, t, s) for k, n, t, s in wanted
                     if len(s) == len(sql) and k.encode() == kind]
            best = min(close, default=None)
            if best is None or best[0] > 4:
                continue
            _diff, k, n, t, s = best
            conn.execute("UPDATE sqlite_master SET name = ?, tbl_name = ?, sql = ? WHERE rowid = ?",
                         [n, t, s.decode(), rowid])
            repaired.append(n)
        conn.execute("PRAGMA writable_schema = OFF")
    except sqlite3.DatabaseError:
        pass  # a schema SQLite cannot even list: the salvage reports what it cannot read
    finally:
        conn.close()
    return repaired


def check_damage(db: sqlite_utils.Database, limit: int = 50) -> DamageCheck:
    """SQLite's integrity_check plus a UTF-8 check of every stored text of the model's tables."""
    check = DamageCheck()
    conn = db.conn
    try:
        lines = [row[0] for row in conn.execute(f"PRAGMA integrity_check({limit})")]
    except (sqlite3.DatabaseError, UnicodeDecodeError) as exc:
        lines = [f"integrity check stopped: {exc}"]
    check.problems += [line if isinstance(line, str) else line.decode("utf-8", "replace")
                       for line in lines if line != "ok"]
    for table in model_tables(conn):
        rows = 0
        columns = _columns(conn, table)
        casts = ", ".join(f"CAST([{name}] AS BLOB), typeof([{name}])" for name in columns)
        try:
            for row in conn.execute(f"SELECT rowid, {casts} FROM [{table}]"):
                rows += 1
                for index, name in enumerate(columns):
                    value, kind = row[1 + 2 * index], row[2 + 2 * index]
                    if kind == "text" and value is not None and not _decodes(value):
                        if len(check.problems) < limit * 2:
                            check.problems.append(f"{table} row {row[0]}: {name} is not readable text")
        except (sqlite3.DatabaseError, UnicodeDecodeError) as exc:
            check.problems.append(f"{table}: rows after the first {rows} cannot be read ({exc})")
        check.readable_rows[table] = rows
    return check


def recover_with_shell(source: Path, target: Path) -> str | None:
    """Rebuilds ``source`` into a new plain database at ``target`` with the sqlite3 shell's
    ``.recover`` (SQLite's own recovery, which also walks pages the damaged b-trees no
    longer reach); None when done, else why not (no shell, or it failed)."""
    shell = shutil.which("sqlite3")
    if shell is None:
        return "the sqlite3 shell is not installed"
    try:
        dump = subprocess.run([shell, "-readonly", str(source), ".recover"], capture_output=True, timeout=3600)
        if dump.returncode != 0 or not dump.stdout:
            return f"sqlite3 .recover failed ({dump.stderr.decode('utf-8', 'replace').strip()[:200]})"
        # the project's triggers call a function only Claimdesk defines: the rebuilt copy is
        # raw material for the salvage below, so statements that fail there are skipped
        load = subprocess.run([shell, str(target)], input=dump.stdout, capture_output=True, timeout=3600)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"sqlite3 .recover failed ({exc})"
    if not target.exists() or load.returncode not in (0, 1):
        return f"sqlite3 could not load the recovered rows ({load.stderr.decode('utf-8', 'replace')[:200]})"
    return None


def open_plain(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    conn.text_factory = bytes
    return conn


def model_tables(conn: sqlite3.Connection) -> list[str]:
    """The project's own tables (not SQLite's, not the migrations log, not full-text indexes)."""
    rows = [(_text(kind), _text(name), _text(sql or b"")) for kind, name, sql in
            conn.execute("SELECT type, name, sql FROM sqlite_master WHERE type = 'table'")]
    virtual = [name for _kind, name, sql in rows if sql.upper().startswith("CREATE VIRTUAL")]
    return [name for _kind, name, _sql in rows
            if not name.startswith(("sqlite_", "_sqlite_")) and name not in virtual
            and not any(name.startswith(f"{v}_") for v in virtual) and name != "lost_and_found"]


def copy_order(target: sqlite_utils.Database) -> list[str]:
    """The target's model tables, each after the tables its foreign keys point to."""
    tables = model_tables(target.conn)
    parents = {t: {fk.other_table for fk in target.table(t).foreign_keys if fk.other_table != t} for t in tables}
    ordered: list[str] = []
    while len(ordered) < len(tables):
        ready = [t for t in tables if t not in ordered and parents[t] <= set(ordered)]
        ordered += ready or [t for t in tables if t not in ordered]  # a cycle: keep going, FKs will tell
    return ordered


def salvage_into(source: sqlite3.Connection, target: sqlite_utils.Database) -> list[TableSalvage]:
    """Copies every readable row of the model's tables from ``source`` into ``target``
    (a new, empty project open for writing), inside the caller's transaction."""
    try:
        available = set(model_tables(source))
    except (sqlite3.DatabaseError, UnicodeDecodeError):
        available = set()
    results = []
    for table in copy_order(target):
        result = TableSalvage(table)
        results.append(result)
        if table not in available:
            result.unreadable = True
            result.note = "not found in the damaged file"
            continue
        _copy_table(source, target, table, result)
    return results


def add_unreached(rebuilt: sqlite3.Connection, target: sqlite_utils.Database,
                  results: list[TableSalvage]) -> int:
    """Adds the rows of tables the direct read could not wholly reach (or whose rows lost
    their parents) that SQLite's ``.recover`` found (``rebuilt``), keeping rows already
    copied; returns how many rows
    ``.recover`` put in lost_and_found (pages no table claims any more: not restored)."""
    available = set(model_tables(rebuilt))
    for result in results:
        if (result.unreadable or result.lost) and result.table in available:  # lost: a parent may be back
            _copy_table(rebuilt, target, result.table, result, adding=True)
    try:
        return int(rebuilt.execute("SELECT count(*) FROM lost_and_found").fetchone()[0])
    except sqlite3.DatabaseError:
        return 0


def _copy_table(source: sqlite3.Connection, target: sqlite_utils.Database, table: str, result: TableSalvage,
                adding: bool = False) -> None:
    wanted = _columns(target.conn, table)
    try:
        found = [_text(name) for name in _columns(source, table)]
    except (sqlite3.DatabaseError, UnicodeDecodeError) as exc:
        result.unreadable, result.note = True, f"its columns cannot be read ({exc})"
        return
    if found == wanted or len(found) != len(wanted):
        pairs = [(name, name) for name in wanted if name in found]
    else:  # same shape, damaged names (a flipped bit in the schema): copy by position
        pairs = list(zip(found, wanted))
        result.note = "column names damaged; copied by position"
    if not pairs:
        result.unreadable, result.note = True, "no column of it can be matched"
        return
    if adding and not any(row[5] for row in target.conn.execute(f"PRAGMA table_info([{table}])")):
        return  # without a key a row already copied cannot be told from a new one
    select = ", ".join(f"[{name}], typeof([{name}])" for name, _ in pairs)
    verb = "INSERT OR IGNORE" if adding else "INSERT OR REPLACE" if table in ("kinds", "meta") else "INSERT"
    insert = (f"{verb} INTO [{table}] ({', '.join(f'[{name}]' for _, name in pairs)}) "
              f"VALUES ({', '.join('?' for _ in pairs)})")
    for row in _rows(source, table, select, result):
        values, damaged = [], False
        for value, kind in zip(row[0::2], row[1::2]):
            if kind == b"text" and isinstance(value, bytes):  # read as bytes so damage cannot stop the read
                if not _decodes(value):
                    damaged = True
                value = value.decode("utf-8", "replace")
            values.append(value)
        if table == "meta" and values and values[0] not in META_KEYS_KEPT:
            continue
        try:
            target.execute("SAVEPOINT salvage_row")
            added = target.execute(insert, values).rowcount
            target.execute("RELEASE salvage_row")
        except sqlite3.DatabaseError:
            target.execute("ROLLBACK TO salvage_row")
            target.execute("RELEASE salvage_row")
            result.lost += not adding  # the direct read already counted what it could not store
            continue
        if adding and added != 1:
            continue
        result.copied += 1
        result.recovered += adding
        if adding and result.lost:
            result.lost -= 1  # a row refused before, its parent found since
        result.damaged_texts += damaged


def _rows(source: sqlite3.Connection, table: str, select: str, result: TableSalvage) -> Iterator[Row]:
    """Rows in rowid order; a range that cannot be read is skipped by seeking past it in
    growing steps, so one damaged page does not hide the rows after it."""
    last, step = 0, 1
    query = f"SELECT rowid, {select} FROM [{table}] WHERE rowid > ? ORDER BY rowid LIMIT 256"
    while last < _MAX_ROWID:
        try:
            batch = source.execute(query, [last]).fetchall()
        except (sqlite3.DatabaseError, UnicodeDecodeError):
            result.unreadable = True
            last, step = last + step, step * 2
            continue
        if not batch:
            return
        step = 1
        for row in batch:
            yield row[1:]
        last = batch[-1][0]


def _columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return [row[1] for row in conn.execute(f"PRAGMA table_info([{table}])")]


def _decodes(value: bytes) -> bool:
    try:
        value.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _text(value: str | bytes) -> str:
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else value
