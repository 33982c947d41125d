"""Opening and creating project files (one SQLite file each, e.g. ``budget.claimdesk``).

Before anything is written the file is inspected through a read-only connection: a
file that is not SQLite, is damaged, belongs to another application or was written by
a newer Claimdesk is refused with a clear message and left byte for byte as it was.
An older project is copied to a backup beside it, then migrated.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlite_utils

from claimdesk import __version__
from claimdesk.store.migrations import migrations, step_names
from claimdesk.store.search import refresh_word_forms
from claimdesk.store.search import register_functions as register_search_functions

APPLICATION_ID = 0x436C6D44  # "ClmD" in the SQLite header marks our files
SQLITE_MAGIC = b"SQLite format 3\x00"
SUFFIX = ".claimdesk"


class ProjectError(Exception):
    """A project file cannot be created or opened; the message names file and problem."""


class StorageError(ProjectError):
    """SQLite refused a change (busy, read-only, disk full, I/O); the message says so for
    a user, and the transaction was rolled back, so nothing changed."""


@contextmanager
def storage_errors() -> Iterator[None]:
    """Turns SQLite errors raised inside the block into StorageError with a plain message,
    so layers above the store never handle sqlite3 themselves."""
    try:
        yield
    except sqlite3.Error as exc:
        raise StorageError(_storage_problem(exc)) from None


def _storage_problem(exc: Exception) -> str:
    if is_damage(exc):
        return (f"the project file is damaged ({' '.join(str(exc).split())[:160]}); nothing was changed "
                "(claimdesk recover PROJECT OUT saves what can be read into a new project)")
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return ("the project is busy with another task or another Claimdesk window; nothing was changed, "
                "try again in a moment")
    if "readonly" in text or "read-only" in text or "query_only" in text:
        return "the project is open read-only; nothing was changed (save a copy to edit it)"
    if "full" in text:
        return "the disk is full; nothing was changed (free some space and try again)"
    if "i/o" in text or "disk" in text:
        return f"the disk reported an error ({exc}); nothing was changed"
    return f"the project could not be changed ({exc}); nothing was changed"


class NewerProjectError(ProjectError):
    """The file was written by a newer Claimdesk."""


class DamagedProjectError(ProjectError):
    """The project file is damaged past its header; `claimdesk recover` saves what can be read."""


_DAMAGE_WORDS = ("malformed", "not a database", "could not decode", "corrupt", "file is not a database",
                 "database disk image")


def is_damage(exc: BaseException) -> bool:
    """Whether an error raised while reading a project means its file is damaged (not
    busy, read-only or full): SQLite's own corruption errors and texts that are no longer
    UTF-8 (a flipped bit in a stored text or in the schema)."""
    if isinstance(exc, UnicodeDecodeError):
        return True
    if not isinstance(exc, sqlite3.DatabaseError):
        return False
    text = str(exc).lower()
    return any(word in text for word in _DAMAGE_WORDS)


def damage_message(path: Path, exc: BaseException) -> str:
    detail = "a stored text is not readable UTF-8" if isinstance(exc, UnicodeDecodeError) else " ".join(
        str(exc).split())  # one line: SQLite quotes the damaged statement, newlines and all
    detail = detail if len(detail) <= 160 else detail[:159] + "…"
    return (f"{path}: the project file is damaged ({detail}); run claimdesk recover {path} OUT "
            "to save what can be read into a new project")


def _claimdesk_header(path: Path) -> bool:
    """Whether the header (first 100 bytes, before any damage further in) carries our application id."""
    try:
        with path.open("rb") as handle:
            header = handle.read(100)
    except OSError:
        return False
    return len(header) == 100 and int.from_bytes(header[68:72], "big") == APPLICATION_ID


def schema_version() -> int:
    return len(step_names())


class Project:
    """An open project: the sqlite-utils Database plus where it lives."""

    def __init__(self, path: Path, db: sqlite_utils.Database, read_only: bool = False,
                 snapshot: Path | None = None):
        self.path = path
        self.db = db
        self.read_only = read_only  # the file (or its folder) cannot be written: reading only
        self._snapshot = snapshot  # a private copy read instead of the file (see _read_only_connection)

    def close(self) -> None:
        self.db.conn.close()
        if self._snapshot is not None:
            shutil.rmtree(self._snapshot, ignore_errors=True)
            self._snapshot = None

    def __enter__(self) -> "Project":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def create_project(path: str | Path) -> Project:
    path = Path(path)
    if path.exists():
        raise ProjectError(f"{path}: already exists (open it, or choose another name)")
    if not path.parent.exists():
        raise ProjectError(f"{path}: folder {path.parent} does not exist")
    try:
        db = _connect(path)
    except sqlite3.Error as exc:
        raise ProjectError(f"{path}: cannot create project ({exc})") from None
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    _migrate(db)
    return Project(path, db)


def open_project(path: str | Path) -> Project:
    path = Path(path)
    old_version = inspect_project_file(path)
    if not _writable(path):
        if old_version < schema_version():
            raise ProjectError(f"{path}: read-only and made by an older Claimdesk; it must be upgraded, which "
                               "needs write access (copy it somewhere writable)")
        snapshot = None
        try:
            conn, snapshot = _read_only_connection(path, check_same_thread=False)
            conn.execute("PRAGMA query_only = ON")
            return Project(path, ProjectDatabase(conn), read_only=True, snapshot=snapshot)
        except (sqlite3.Error, OSError) as exc:
            if snapshot is not None:
                shutil.rmtree(snapshot, ignore_errors=True)
            raise ProjectError(f"{path}: cannot open project read-only ({exc})") from None
    if old_version < schema_version():
        backup_project(path, path.with_name(f"{path.name}.v{old_version}.bak"))
    try:
        db = _connect(path)
        _migrate(db)
    except (sqlite3.Error, UnicodeDecodeError) as exc:
        if is_damage(exc):
            raise DamagedProjectError(damage_message(path, exc)) from None
        raise ProjectError(f"{path}: cannot open project ({exc})") from None
    return Project(path, db)


def _writable(path: Path) -> bool:
    """WAL needs the file and its folder (for the -wal and -shm files) to be writable."""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def _read_only_connection(path: Path, *,
                          check_same_thread: bool = True) -> tuple[sqlite3.Connection, Path | None]:
    """A connection that reads the project without writing anything beside it (an
    inspection, a read-only project, a refused or foreign file), and the private folder
    to delete on close when it reads a copy.

    A WAL project read with ``mode=ro`` needs its -shm file: SQLite creates it (and a
    -wal) when the folder allows and leaves both behind, and cannot open the file at all
    in a read-only folder or on a read-only mount. So ``mode=ro`` is used only when both
    side files are already there (another Claimdesk has the project open: its writes are
    read through them). Otherwise, without unfinished writes (no -wal, or an empty one)
    the main file is the whole project and ``immutable=1`` reads it without any side
    file; with unfinished writes in a -wal but no -shm, the file and its -wal are copied
    to a private folder and read there, so those writes are not silently missed."""
    wal = path.with_name(path.name + "-wal")
    shm = path.with_name(path.name + "-shm")
    uri = path.resolve().as_uri()
    if wal.exists() and shm.exists():
        return sqlite3.connect(f"{uri}?mode=ro", uri=True, check_same_thread=check_same_thread), None
    if not (wal.exists() and wal.stat().st_size > 0):
        return sqlite3.connect(f"{uri}?immutable=1", uri=True, check_same_thread=check_same_thread), None
    snapshot = Path(tempfile.mkdtemp(prefix="claimdesk-read-"))
    try:
        shutil.copyfile(path, snapshot / path.name)
        shutil.copyfile(wal, snapshot / wal.name)
        copy = (snapshot / path.name).as_uri()
        return sqlite3.connect(f"{copy}?mode=ro", uri=True, check_same_thread=check_same_thread), snapshot
    except BaseException:
        shutil.rmtree(snapshot, ignore_errors=True)
        raise


def inspect_project_file(path: Path) -> int:
    """The file's schema version; raises ProjectError if it must not be opened."""
    if not path.exists():
        raise ProjectError(f"{path}: no such project file")
    if path.is_dir():
        raise ProjectError(f"{path}: is a folder, not a project file")
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise ProjectError(f"{path}: cannot read ({exc.strerror})") from None
    if header != SQLITE_MAGIC:
        raise ProjectError(f"{path}: not a Claimdesk project (not an SQLite database)")
    app_id = None
    snapshot = None
    try:
        conn, snapshot = _read_only_connection(path)
        try:
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            # every name and statement of the schema must read back: a damaged schema
            # otherwise fails later, in whichever query first touches it
            schema = conn.execute("SELECT type, name, sql FROM sqlite_master").fetchall()
            tables = {name for kind, name, _sql in schema if kind == "table"}
            applied = []
            if "_sqlite_migrations" in tables:
                applied = [row[0] for row in conn.execute(
                    "SELECT name FROM _sqlite_migrations WHERE migration_set = 'claimdesk'")]
        finally:
            conn.close()
    except (sqlite3.DatabaseError, UnicodeDecodeError) as exc:
        if app_id == APPLICATION_ID or (is_damage(exc) and _claimdesk_header(path)):
            raise DamagedProjectError(damage_message(path, exc)) from None
        raise ProjectError(f"{path}: damaged or not a project file ({exc})") from None
    except OSError as exc:
        raise ProjectError(f"{path}: cannot read ({exc.strerror or exc})") from None
    finally:
        if snapshot is not None:
            shutil.rmtree(snapshot, ignore_errors=True)
    if app_id != APPLICATION_ID:
        raise ProjectError(f"{path}: an SQLite database, but not a Claimdesk project")
    unknown = [name for name in applied if name not in step_names()]
    if version > schema_version() or unknown:
        # same schema number, other steps: a newer (or branched) Claimdesk - name the steps, not "8 ... 8"
        found = (f"schema {version}" if version > schema_version() else
                 f"schema steps this version does not know: {', '.join(unknown[:3])}{' …' if len(unknown) > 3 else ''}")
        raise NewerProjectError(
            f"{path}: written by a newer Claimdesk ({found}; this is Claimdesk {__version__} "
            f"with schema {schema_version()}). Update Claimdesk to open it; the file was not changed.")
    return int(version)


def backup_project(path: Path, target: Path) -> Path:
    """A consistent copy through SQLite's backup API (safe while the file is open)."""
    _backup(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True), target)
    return target


def copy_readable(path: Path, target: Path) -> None:
    """A consistent copy of another analyst's project file, read without writing anything
    beside it (no -wal or -shm left next to their file), through SQLite's backup API."""
    source, snapshot = _read_only_connection(path)
    try:
        _backup(source, target)
    finally:
        if snapshot is not None:
            shutil.rmtree(snapshot, ignore_errors=True)


def _backup(source: sqlite3.Connection, target: Path) -> None:
    """Copies ``source`` into a new file at ``target``; closes both connections."""
    try:
        destination = sqlite3.connect(target)
        try:
            source.backup(destination)
        finally:
            destination.close()
    finally:
        source.close()


class ProjectDatabase(sqlite_utils.Database):
    """sqlite-utils' Database whose outermost ``atomic()`` takes the write lock up front.

    A plain (deferred) BEGIN reads first and upgrades to writing later; in WAL mode the
    upgrade fails at once with "database is locked" when another connection (an import
    or the detector in a worker thread) wrote meanwhile, and busy_timeout cannot help.
    BEGIN IMMEDIATE is retried while another writer (this process or another Claimdesk)
    holds the lock, up to ``lock_wait`` seconds; ``on_wait`` (set by the CLI and the GUI)
    is called once when the first try finds the project busy, so a person knows why
    nothing happens. Past the limit it fails with a StorageError. Nested blocks are
    savepoints, as in sqlite-utils.
    """

    lock_wait: float = 5.0  # seconds to wait for another writer; the CLI waits longer
    on_wait: Callable[[], None] | None = None
    _POLL_MS = 10  # short tries: a writer that commits between batches lets a waiter in

    def __init__(self, conn: sqlite3.Connection) -> None:
        # no sqlite-utils plugins: a project's connection is the app's alone, and finding them
        # scans every installed package's entry points (~20 ms of each start)
        super().__init__(conn, execute_plugins=False)

    @contextmanager
    def atomic(self) -> Iterator["ProjectDatabase"]:
        if self.conn.in_transaction:
            with super().atomic():
                yield self
            return
        # every op's changes pass through here: SQLite's refusals (read-only, busy, disk
        # full) leave as one StorageError with a plain message, whichever op ran them
        with storage_errors():
            self._begin_immediate()
            try:
                yield self
            except BaseException:
                self.rollback()
                raise
            else:
                try:
                    self.conn.execute("COMMIT")
                except BaseException:
                    self.rollback()
                    raise

    def _begin_immediate(self) -> None:
        timeout = self.conn.execute("PRAGMA busy_timeout").fetchone()[0]
        self.conn.execute(f"PRAGMA busy_timeout = {self._POLL_MS}")
        deadline, told = time.monotonic() + self.lock_wait, False
        try:
            while True:
                try:
                    self.conn.execute("BEGIN IMMEDIATE")
                    return
                except sqlite3.OperationalError as exc:
                    if not _is_busy(exc) or time.monotonic() >= deadline:
                        raise
                if not told and self.on_wait is not None:
                    self.on_wait()
                told = True
        finally:
            self.conn.execute(f"PRAGMA busy_timeout = {timeout}")


def _is_busy(exc: sqlite3.OperationalError) -> bool:
    text = str(exc).lower()
    return "locked" in text or "busy" in text


def _connect(path: Path) -> sqlite_utils.Database:
    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA busy_timeout = 5000")
    conn.execute("PRAGMA synchronous = NORMAL")
    register_search_functions(conn)  # the word-form index triggers call it on every write
    return ProjectDatabase(conn)


def _migrate(db: sqlite_utils.Database) -> None:
    if migrations.pending(db):
        migrations.apply(db)
        with db.atomic():
            db.execute(f"PRAGMA user_version = {schema_version()}")
            db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('app_version', ?)", [__version__])
    refresh_word_forms(db)


def vacuum_into(project: "Project", target: Path) -> None:
    """A compact, consistent copy of the open project (SQLite's VACUUM INTO)."""
    project.db.execute("VACUUM INTO ?", [str(target)])
