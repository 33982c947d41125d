"""Importing files: the action behind File ▸ Import and `claimdesk import`.

Each file is read, hashed, parsed in the worker process and stored in one transaction
with its event, so a bad file or a kill mid-import leaves nothing of that file behind
while the rest of the batch goes on. Identical bytes are reported as a duplicate; with
an encoding override they are decoded again instead (while no claim depends on them).
"""

from __future__ import annotations

import codecs
import datetime as dt
import hashlib
import os
import stat
from collections.abc import Callable, Iterable
from contextlib import nullcontext
from dataclasses import dataclass, field, replace
from pathlib import Path

from claimdesk.core.language import detect_languages
from claimdesk.core.model import ParsedDocument, PasswordRequired, ReaderError
from claimdesk.core.normalize import sha256_hex
from claimdesk.core.readers import SUPPORTED_SUFFIXES
from claimdesk.core.worker import ParseLimits, ParserProcess
from claimdesk.ops.changes import Changes
from claimdesk.ops.versions import apply_new_version
from claimdesk.store import documents as repo
from claimdesk.store import events
from claimdesk.store.project import Project

IMPORTED, DUPLICATE, REIMPORTED, FAILED, SKIPPED = "imported", "duplicate", "reimported", "failed", "skipped"
DEFAULT_MAX_FILE_MB = 200  # per file; the bytes are kept whole (stored as the original), so they must fit
NEW_VERSION = "new version"


@dataclass
class ImportOptions:
    password: str | None = None
    encoding: str | None = None  # override the detected encoding of text and HTML files
    replace_document: int | None = None  # the file is a new version of this document
    limits: ParseLimits = field(default_factory=ParseLimits)
    max_file_mb: float = DEFAULT_MAX_FILE_MB  # larger files are refused before a byte is read
    follow_links: bool = False  # folder walks follow links that lead out of the folder


@dataclass
class FileResult:
    path: Path
    status: str
    message: str = ""
    document_ids: list[int] = field(default_factory=list)
    title: str = ""
    articles: int = 0
    needs_password: bool = False  # an encrypted PDF: retry with a password


@dataclass
class ImportReport:
    results: list[FileResult] = field(default_factory=list)
    cancelled: bool = False
    planned: int = 0  # files to import (supported types and files named explicitly)

    @property
    def attempted(self) -> int:
        """Files of the plan that were dealt with (imported, duplicate, failed...)."""
        return sum(1 for r in self.results if r.status != SKIPPED)

    @property
    def failed(self) -> list[FileResult]:
        return [r for r in self.results if r.status == FAILED]

    @property
    def ok(self) -> bool:
        return not self.failed and not self.cancelled

    def count(self, status: str) -> int:
        return sum(1 for r in self.results if r.status == status)

    @property
    def changes(self) -> Changes:
        """Documents added (a digest: its page and articles), and documents given a new version
        (their claims re-anchored, some orphaned)."""
        added = frozenset(i for r in self.results if r.status in (IMPORTED, REIMPORTED) for i in r.document_ids)
        replaced = frozenset(i for r in self.results if r.status == NEW_VERSION for i in r.document_ids)
        return Changes(documents=added | replaced, new_documents=added, document_list=bool(added or replaced),
                       structural=bool(replaced))


Progress = Callable[[int, int, Path], None]


def collect_files(paths: Iterable[str | Path], *, follow_links: bool = False) -> tuple[list[Path], list[FileResult]]:
    """Files to import in a stable order; folders are walked for supported types.

    In a folder only regular files are taken (a FIFO would block the read for ever, a
    device never ends), and a link is followed only while it stays inside the folder,
    unless ``follow_links``: a shared folder's ``leak.txt -> /etc/passwd`` is not imported.
    """
    files: list[Path] = []
    skipped: list[FileResult] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            root_real = os.path.realpath(path)
            seen_dirs = {root_real}
            for root, dirs, names in os.walk(path, followlinks=follow_links):
                kept_dirs = []
                for d in sorted(d for d in dirs if not d.startswith(".")):
                    real = os.path.realpath(os.path.join(root, d))
                    if os.path.islink(os.path.join(root, d)) and not (follow_links or _inside(real, root_real)):
                        skipped.append(FileResult(Path(root) / d, SKIPPED, _OUTSIDE_LINK))
                    elif real not in seen_dirs:  # a link loop is walked once
                        seen_dirs.add(real)
                        kept_dirs.append(d)
                dirs[:] = kept_dirs
                for name in sorted(names):
                    child = Path(root) / name
                    if name.startswith("."):
                        continue
                    if child.suffix.lower() not in SUPPORTED_SUFFIXES:
                        skipped.append(FileResult(child, SKIPPED, "not a supported file type"))
                    elif child.is_symlink() and not (follow_links or _inside(os.path.realpath(child), root_real)):
                        skipped.append(FileResult(child, SKIPPED, _OUTSIDE_LINK))
                    elif not child.is_file():  # follows an allowed link; false for FIFOs, devices, broken links
                        skipped.append(FileResult(child, SKIPPED, "not a regular file"))
                    else:
                        files.append(child)
        else:
            files.append(path)  # named explicitly: always tried, so a problem is reported
    return files, skipped


_OUTSIDE_LINK = "a link to outside the imported folder (not followed; use --follow-links to import it)"


def _inside(real: str, root_real: str) -> bool:
    return real == root_real or real.startswith(root_real.rstrip(os.sep) + os.sep)


def read_regular_file(path: Path, max_bytes: int) -> bytes:
    """The bytes of a regular file of at most ``max_bytes``, read in one bounded buffer.
    Opened without blocking and checked on the open descriptor, so a FIFO or a device
    named like a text file (or swapped in after the walk) is refused, never read."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError(path)
        if not stat.S_ISREG(info.st_mode):
            raise _NotImportable("not a regular file (a pipe, device or socket cannot be imported)")
        if info.st_size > max_bytes:
            raise _NotImportable(f"too large: {info.st_size / 1e6:,.0f} MB, the limit is {max_bytes / 1e6:,.0f} MB "
                                 "per file (--max-file-mb)")
        with os.fdopen(fd, "rb", closefd=False) as handle:
            data = handle.read(max_bytes + 1)  # the file may have grown since fstat
    finally:
        os.close(fd)
    if len(data) > max_bytes:
        raise _NotImportable(f"too large: more than {max_bytes / 1e6:,.0f} MB, the limit per file (--max-file-mb)")
    return data


class _NotImportable(Exception):
    pass


def import_paths(project: Project, paths: Iterable[str | Path], *, options: ImportOptions | None = None,
                 progress: Progress | None = None, cancelled: Callable[[], bool] | None = None,
                 parser: ParserProcess | None = None) -> ImportReport:
    """Import files and folders. ``parser``: a child already started by the caller (who
    also closes it); without one the batch starts and closes its own. ``cancelled`` is
    asked before each file and after a failed one: a caller that stops the parser to
    cancel (the CLI on Ctrl+C) gets the file in flight neither imported nor failed."""
    options = options or ImportOptions()
    files, skipped = collect_files(paths, follow_links=options.follow_links)
    report = ImportReport(results=list(skipped), planned=len(files))
    if not files:
        if progress:
            progress(0, 0, Path())
        return report
    # the caller's child, else one of the batch's own
    with (nullcontext(parser) if parser is not None else ParserProcess(options.limits)) as child:
        for index, path in enumerate(files):
            if cancelled and cancelled():
                report.cancelled = True
                break
            if progress:
                progress(index, len(files), path)
            result = import_file(project, path, child, options)
            if result.status == FAILED and cancelled and cancelled():
                report.cancelled = True  # stopped mid-parse, so it did not fail: it was not tried to the end
                break
            report.results.append(result)
    if progress and not report.cancelled:
        progress(len(files), len(files), Path())
    return report


def import_file(project: Project, path: Path, parser: ParserProcess, options: ImportOptions) -> FileResult:
    try:
        data = read_regular_file(path, int(options.max_file_mb * 1_000_000))
        retrieved = dt.date.fromtimestamp(path.stat().st_mtime).isoformat()
    except _NotImportable as exc:
        return FileResult(path, FAILED, str(exc))
    except FileNotFoundError:
        return FileResult(path, FAILED, "no such file")
    except IsADirectoryError:
        return FileResult(path, FAILED, "is a folder")
    except OSError as exc:
        return FileResult(path, FAILED, f"cannot read ({exc.strerror or exc})")
    sha = sha256_hex(data)
    existing = repo.documents_with_original(project.db, sha)
    if options.replace_document is not None:
        target = repo.get_document(project.db, options.replace_document)
        if target is None or target.is_container:
            return FileResult(path, FAILED, f"cannot replace document #{options.replace_document} with it: "
                              "only a stored plain document (not a digest page) can get a new version")
        if target.original_sha256 == sha:
            return FileResult(path, DUPLICATE, f"same bytes as document #{target.id}", [target.id])
        existing = []  # the same bytes elsewhere do not stop an explicit replacement
    if existing and not _asks_for_another_encoding(existing[0].encoding, options.encoding):
        first = existing[0]
        return FileResult(path, DUPLICATE, f"same bytes as document #{first.id} ({first.file_name})",
                          [first.id], first.title)
    try:
        parsed = parser.parse(data, path.name, password=options.password, encoding=options.encoding)
    except PasswordRequired as exc:
        return FileResult(path, FAILED, str(exc), needs_password=True)
    except ReaderError as exc:
        return FileResult(path, FAILED, str(exc))
    if options.replace_document is not None:
        previous = repo.get_document(project.db, options.replace_document)
        if parsed.articles:
            return FileResult(path, FAILED, "this file is a digest page; a digest cannot replace a single document")
    else:
        previous = _earlier_version(project, parsed, existing)
    if previous is not None:
        with project.db.atomic():
            if (taken := _imported_meanwhile(project, path, sha, existing, options)) is not None:
                return taken
            version = apply_new_version(project, previous.id, parsed, data, path.name, retrieved)
        outcomes = ", ".join(f"{n} {state}" for state, n in sorted(version.outcomes.items())) or "no claims"
        return FileResult(path, NEW_VERSION, f"new version of #{previous.id} ({outcomes})", [previous.id],
                          parsed.title)
    original = FileOriginal(path, sha, len(data))
    del data  # stored from the file again, a piece at a time: not kept beside the text (bounded memory)
    parsed, utf8_text = _text_as_utf8(parsed)
    try:
        with project.db.atomic():
            if (taken := _imported_meanwhile(project, path, sha, existing, options)) is not None:
                return taken
            replaced = _remove_for_reimport(project, existing)
            ids = store_parsed(project, parsed, original, path.name, retrieved, utf8_text=utf8_text)
            events.record_event(project.db, "document.reimport" if replaced else "document.import", path.name,
                                {"sha256": sha, "documents": ids, "replaced": replaced,
                                 "encoding": parsed.encoding})
    except ReaderError as exc:
        return FileResult(path, FAILED, str(exc))
    status = REIMPORTED if existing else IMPORTED
    return FileResult(path, status, "", ids, parsed.title, len(parsed.articles))


def _imported_meanwhile(project: Project, path: Path, sha: str, existing,
                        options: ImportOptions) -> FileResult | None:
    """Inside the write transaction: the same bytes stored by another Claimdesk (or window)
    while this file was parsed make it a duplicate. The first look, before parsing, only
    spares the parse; this one decides, under the write lock, so two imports of one folder
    at once store each file once."""
    if options.replace_document is not None:
        target = repo.get_document(project.db, options.replace_document)
        return (FileResult(path, DUPLICATE, f"same bytes as document #{target.id}", [target.id])
                if target is not None and target.original_sha256 == sha else None)
    now = repo.documents_with_original(project.db, sha)
    if not now or [d.id for d in now] == [d.id for d in existing]:
        return None
    first = now[0]
    return FileResult(path, DUPLICATE, f"same bytes as document #{first.id} ({first.file_name}), stored meanwhile",
                      [first.id], first.title)


def _earlier_version(project: Project, parsed: ParsedDocument, existing):
    """A stored document with the same source URL and other bytes: this file is its new version."""
    if existing or not parsed.source_url or parsed.articles:
        return None
    previous = repo.top_level_with_source_url(project.db, parsed.source_url)
    return previous if previous is not None and not previous.is_container else None


def _asks_for_another_encoding(stored: str, requested: str | None) -> bool:
    if not (stored and requested):
        return False  # binary formats have no encoding to override
    try:
        return codecs.lookup(requested).name != codecs.lookup(stored).name
    except LookupError:
        return True  # let the reader report the unknown name


def _remove_for_reimport(project: Project, existing) -> list[int]:
    if not existing:
        return []
    ids = [d.id for d in existing]
    if repo.count_claims_in_trees(project.db, ids):
        raise ReaderError("cannot decode again with another encoding: claims are already marked in it")
    for document_id in ids:
        repo.delete_document_tree(project.db, document_id)
    return ids


class FileOriginal:
    """A file's bytes to be stored as an original, read again from the file in pieces when
    they are written, so an import never holds them beside the parsed text. They must be
    the bytes that were parsed: a file changed since is refused (inside the transaction)."""

    PIECE = 1 << 20

    def __init__(self, path: Path, sha256: str, size: int):
        self.path, self.sha256, self.size = path, sha256, size

    def pieces(self):
        digest, read = hashlib.sha256(), 0
        try:
            fd = os.open(self.path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
            with os.fdopen(fd, "rb") as handle:
                if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                    raise ReaderError(_CHANGED)
                while piece := handle.read(min(self.PIECE, self.size - read + 1)):
                    read += len(piece)
                    if read > self.size:
                        raise ReaderError(_CHANGED)
                    digest.update(piece)
                    if read == self.size and digest.hexdigest() != self.sha256:
                        raise ReaderError(_CHANGED)
                    yield piece
        except OSError as exc:
            raise ReaderError(f"cannot read it again to store it ({exc.strerror or exc})") from None
        if read != self.size:
            raise ReaderError(_CHANGED)


_CHANGED = "the file changed while it was being imported; nothing was stored (import it again)"


_LONG_TEXT_CHARS = 1_000_000


def _text_as_utf8(parsed: ParsedDocument) -> tuple[ParsedDocument, bytes | None]:
    """A long plain text as UTF-8 bytes, and the parsed file without its str: Python holds a
    text of any non-Latin-1 letter at two bytes a letter, and binding a str keeps a UTF-8
    copy inside it as well, beside SQLite's copies of the row."""
    if parsed.articles or len(parsed.text) <= _LONG_TEXT_CHARS:
        return parsed, None
    return replace(parsed, text=""), parsed.text.encode("utf-8")


def store_parsed(project: Project, parsed: ParsedDocument, data: bytes | FileOriginal, file_name: str,
                 retrieved: str, *, utf8_text: bytes | None = None) -> list[int]:
    """Inserts a parsed file (and its digest articles); call inside a transaction. ``data``
    is the file's bytes, or a FileOriginal that reads them again while they are stored;
    ``utf8_text``, the text of a file without articles when the caller let go of its str."""
    db = project.db
    imported_at = events.now_iso()
    if isinstance(data, FileOriginal):
        original = data.sha256
        repo.insert_original_pieces(db, original, data.size, data.pieces(), parsed.media_type, file_name)
    else:
        original = sha256_hex(data)
        repo.insert_original(db, original, data, parsed.media_type, file_name)
    common = dict(original_sha256=original, file_name=file_name, publisher=parsed.publisher,
                  source_url=parsed.source_url, retrieved=retrieved, imported_at=imported_at,
                  media_type=parsed.media_type, encoding=parsed.encoding,
                  encoding_method=parsed.encoding_method)
    parent = repo.insert_document(
        db, parent_id=None, parent_offset=None, ordinal=0, is_container=bool(parsed.articles),
        title=parsed.title, published=parsed.published, languages=parsed.languages,
        text=parsed.text if utf8_text is None else utf8_text, text_sha256=sha256_hex(
            parsed.text if utf8_text is None else utf8_text), boilerplate=parsed.boilerplate,
        metadata=parsed.metadata, **common)
    if parsed.pages:
        repo.insert_pages(db, parent, parsed.pages)
    ids = [parent]
    for ordinal, article in enumerate(parsed.articles, 1):
        text = parsed.text[article.start:article.end]
        ids.append(repo.insert_document(
            db, parent_id=parent, parent_offset=article.start, ordinal=ordinal, is_container=False,
            title=article.title, published=article.published or parsed.published,
            languages=detect_languages(text), text=text, text_sha256=sha256_hex(text),
            boilerplate=article.boilerplate, metadata={}, **common))
    return ids
