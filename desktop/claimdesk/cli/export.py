"""`claimdesk export`: the fact sheet and the data formats."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from claimdesk.cli._common import id_arg
from claimdesk.exports.registry import FORMATS, data_names, fact_sheet_names

ORDER = 130
HELP = f"fact sheet ({', '.join(fact_sheet_names())}) or data ({', '.join(data_names())})"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("project", type=Path)
    parser.add_argument("--format", required=True, choices=tuple(FORMATS),
                        help="; ".join(f"{f.name}: {f.description}" for f in FORMATS.values()))
    parser.add_argument("-o", "--out", type=Path, required=True)
    parser.add_argument("--title", default="Fact sheet")
    parser.add_argument("--with-verdicts", action="store_true", help="also disputed, false and inconclusive claims")
    parser.add_argument("--draft", action="store_true", help="every status, marked DRAFT (internal)")
    parser.add_argument("--kind", help="only claims of this kind")
    parser.add_argument("--doc", type=id_arg, metavar="ID", help="only claims of this document")
    parser.add_argument("--force", action="store_true", help="export claims failing checks, marked")
    parser.add_argument("--timestamp", help="fixed 'generated at' (ISO 8601) for byte-identical output")


def run(args: argparse.Namespace) -> int:
    from claimdesk.ops.exporting import ExportError, ExportUsageError, cli_hint, export
    from claimdesk.core.statuses import VERDICTS, VERIFIED
    from claimdesk.ops.factsheet import ExportOptions
    from claimdesk.ops.projects import open_existing

    statuses = (VERIFIED,) + (VERDICTS if args.with_verdicts else ())
    options = ExportOptions(title=args.title, statuses=statuses, draft=args.draft, kind=args.kind,
                            document_id=args.doc, force=args.force, timestamp=args.timestamp)
    with open_existing(args.project) as project:
        try:
            sheet = export(project, args.format, args.out, options)
        except ExportUsageError as exc:  # an unknown --kind or --doc: a usage error, like argparse's
            print(f"claimdesk export: error: {exc}", file=sys.stderr)
            return 2
        except ExportError as exc:  # nothing to export included: nothing written, exit 1
            print(f"claimdesk: error: {cli_hint(exc)}", file=sys.stderr)
            return 1
    for line in sheet.left_out:
        print(f"left out: {line}", file=sys.stderr)
    print(f"wrote {args.out}: {sheet.count} claims")
    return 0
