"""`claimdesk recover`: save what can be read of a damaged project into a new project."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ORDER = 150
HELP = "save what can be read of a damaged project into a new project"
DESCRIPTION = ("Reads the damaged PROJECT (never changing it) with SQLite's own recovery (the sqlite3 shell's "
               ".recover, when installed) or row by row, and writes every readable document, claim, review and "
               "event into the new project OUT; then says what was lost. Exit 1 when something was lost.")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("project", type=Path, metavar="PROJECT")
    parser.add_argument("out", type=Path, metavar="OUT")


def run(args: argparse.Namespace) -> int:
    from claimdesk.ops.recover import recover_project

    report = recover_project(args.project, args.out)
    if report.repaired_schema:
        print(f"schema repaired: {', '.join(report.repaired_schema)}")
    if report.shell_problem:
        print(f"note: SQLite's .recover could not look further ({report.shell_problem})", file=sys.stderr)
    for line in report.losses():
        print(f"lost: {line}")
    saved = ", ".join(f"{t.copied} {t.table}" for t in report.tables if t.copied)
    print(f"wrote {args.out} ({report.method}): {saved or 'nothing could be read'}")
    if not report.complete:
        print("claimdesk: some data was lost (see above); run claimdesk verify on the new project", file=sys.stderr)
    return 0 if report.complete else 1
