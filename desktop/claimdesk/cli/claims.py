"""`claimdesk claims`: print claims (or pending suggestions) as JSON lines."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from claimdesk.cli._common import id_arg

ORDER = 60
HELP = "print claims (or pending suggestions) as JSON lines"
DESCRIPTION = ("One JSON object per claim: id (what review, relations and evidence take), suggestion (false), status, "
               "origin, document_id, document_title, doc (the original's file name), kind, start/end (code points in "
               "the original's text; a digest article's offsets count in its page), quote, fields (decimals as "
               "strings), confidence when the detector proposed it. With --suggestions: pending suggestions, whose "
               "id is the suggestion's id (\"suggestion\": true, status \"pending\"), not a claim id.")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("project", type=Path)
    parser.add_argument("--jsonl", action="store_true", required=True, help="one JSON object per line")
    parser.add_argument("--suggestions", action="store_true",
                        help="pending suggestions instead of claims (id is the suggestion id)")
    parser.add_argument("--doc", type=id_arg, metavar="ID", help="only this document")
    parser.add_argument("--status", help="only claims with this review status (the project's, custom ones too)")


def run(args: argparse.Namespace) -> int:
    from claimdesk.core.review import UnknownStatus
    from claimdesk.ops.claim_lines import claim_lines
    from claimdesk.ops.projects import open_existing

    if args.status is not None and args.suggestions:
        print("claimdesk claims: error: --status filters claims; suggestions have none", file=sys.stderr)
        return 2
    with open_existing(args.project) as project:
        try:
            lines = claim_lines(project, suggestions=args.suggestions, document_id=args.doc, status=args.status)
        except UnknownStatus as exc:  # a usage error, like argparse's
            print(f"claimdesk claims: error: {exc}", file=sys.stderr)
            return 2
        for line in lines:
            print(json.dumps(line, ensure_ascii=False))
    return 0
