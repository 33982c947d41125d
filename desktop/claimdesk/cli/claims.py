"""`claimdesk claims`: print claims (or pending suggestions) as JSON lines."""

from __future__ import annotations

import argparse
import json
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


def run(args) -> int:
    from claimdesk.ops.claim_lines import claim_lines
    from claimdesk.ops.projects import open_existing

    with open_existing(args.project) as project:
        for line in claim_lines(project, suggestions=args.suggestions, document_id=args.doc):
            print(json.dumps(line, ensure_ascii=False))
    return 0
