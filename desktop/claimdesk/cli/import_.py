"""`claimdesk import`: import files or folders into a project."""

from __future__ import annotations

import argparse
import signal
import sys
from pathlib import Path
from types import FrameType

from claimdesk.cli._common import NumberArg, terminal_text

ORDER = 20
HELP = "import files or folders into a project"
DESCRIPTION = ("Progress on stderr, one line per file and a summary on stdout. Ctrl+C stops at once: the file in "
               "flight is dropped whole, the files before it stay imported, and one line says how many (exit 130).")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("project", type=Path)
    parser.add_argument("paths", nargs="+", type=Path, metavar="FILE|DIR")
    parser.add_argument("--password", help="password for encrypted PDFs")
    parser.add_argument("--encoding", help="decode text and HTML files with this encoding "
                                           "(re-decodes files already imported)")
    # bounded so the parse timer (milliseconds in a C int) and the read size (bytes in a C size) can hold them
    parser.add_argument("--timeout", type=NumberArg(0, 86_400, above_low=True, of="seconds"), default=120.0,
                        help="seconds allowed per file (default 120, at most 86400: a day)")
    parser.add_argument("--max-file-mb", type=NumberArg(0, 1_000_000, above_low=True, of="megabytes"), default=None,
                        metavar="MB", help="refuse files larger than this (default 200 MB per file)")
    parser.add_argument("--follow-links", action="store_true",
                        help="in folders, also import files that symbolic links lead to outside the folder")


def run(args: argparse.Namespace) -> int:
    from claimdesk.core.worker import ParseLimits, ParserProcess
    from claimdesk.ops.importing import (
        DUPLICATE,
        FAILED,
        IMPORTED,
        NEW_VERSION,
        REIMPORTED,
        SKIPPED,
        ImportOptions,
        import_paths,
    )
    from claimdesk.ops.projects import StorageError, open_existing

    def progress(index: int, total: int, path: Path) -> None:
        if index < total:
            print(f"[{index + 1}/{total}] {path}", file=sys.stderr, flush=True)

    options = ImportOptions(password=args.password, encoding=args.encoding,
                            limits=ParseLimits(seconds=args.timeout), follow_links=args.follow_links)
    if args.max_file_mb is not None:
        options.max_file_mb = args.max_file_mb
    with open_existing(args.project) as project:
        if project.read_only:  # say so before the first file, not as a failure in the middle of the list
            print(f"claimdesk: error: {args.project}: the project is open read-only (a read-only file, folder or "
                  "disk); nothing was imported (save a copy to edit it)", file=sys.stderr)
            return 1
        parser = ParserProcess(options.limits)  # started on the first file that needs parsing
        interrupted = []

        def on_interrupt(signum: int, frame: FrameType | None) -> None:
            # Ctrl+C: stop the parse in flight, keep what is stored
            interrupted.append(signum)
            parser.stop()

        # an inherited SIG_IGN (a background job, nohup) means the caller wants no interrupts
        previous = signal.getsignal(signal.SIGINT)
        if previous is not signal.SIG_IGN:
            signal.signal(signal.SIGINT, on_interrupt)
        try:
            report = import_paths(project, args.paths, options=options, progress=progress,
                                  cancelled=lambda: bool(interrupted), parser=parser)
        except StorageError as exc:  # e.g. another Claimdesk kept the project past the wait
            print(f"claimdesk: error: {exc}; files imported before this one stay imported (run the same "
                  "import again to finish: they count as duplicates)", file=sys.stderr)
            return 1
        finally:
            signal.signal(signal.SIGINT, previous)
            parser.close()
    for result in report.results:
        if result.status in (IMPORTED, REIMPORTED):
            extra = f" ({result.articles} articles)" if result.articles else ""
            print(f"{result.status} {result.path} -> #{result.document_ids[0]} {terminal_text(result.title)}{extra}")
        elif result.status == NEW_VERSION:
            print(f"{result.status} {result.path}: {result.message}")
        elif result.status == DUPLICATE:
            print(f"duplicate {result.path}: {result.message}")
        elif result.status == SKIPPED:
            print(f"skipped {result.path}: {result.message}")
        elif result.status == FAILED:
            print(f"claimdesk: error: {result.path}: {result.message}", file=sys.stderr)
    versions = f"{report.count(NEW_VERSION)} new versions, " if report.count(NEW_VERSION) else ""
    imported = report.count(IMPORTED) + report.count(REIMPORTED)
    print(f"{imported} imported, {versions}{report.count(DUPLICATE)} duplicate, "
          f"{report.count(FAILED)} failed, {report.count(SKIPPED)} skipped")
    if interrupted:
        print(f"claimdesk: interrupted after {report.attempted} of {report.planned} files; {imported} imported, "
              "nothing half-imported", file=sys.stderr)
        return 130
    return 0 if report.ok else 1
