"""`claimdesk replace`: replace a document's text with a new version."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from claimdesk.cli._common import id_arg

ORDER = 120
HELP = "replace a document's text with a new version; claims are re-anchored"
DESCRIPTION = ("Imports FILE as the new version of document DOC. Each claim is found again in the new text by its "
               "quote and context: moved, changed or orphaned (listed by verify); the old original stays stored, "
               "so exports can still cite it.")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("project", type=Path)
    parser.add_argument("document", type=id_arg, metavar="DOC")
    parser.add_argument("file", type=Path)


def run(args: argparse.Namespace) -> int:
    from claimdesk.ops.importing import NEW_VERSION, ImportOptions, import_paths
    from claimdesk.ops.projects import open_existing

    with open_existing(args.project) as project:
        report = import_paths(project, [args.file], options=ImportOptions(replace_document=args.document))
    result = report.results[0]
    if result.status != NEW_VERSION:
        print(f"claimdesk: error: {args.file}: {result.message or result.status}", file=sys.stderr)
        return 1
    print(f"{args.file}: {result.message}")
    return 0
