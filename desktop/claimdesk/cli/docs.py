"""`claimdesk docs`: list the documents of a project."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from claimdesk.cli._common import terminal_text

ORDER = 30
HELP = "list the documents of a project"
DESCRIPTION = ("One line per document: id, publication date, media type, the encoding it was read with (and how it "
               "was found), title; articles cut from a digest page are indented under it. --json gives every stored "
               "field.")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("project", type=Path)
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")


def run(args: argparse.Namespace) -> int:
    from claimdesk.ops.documents import documents_as_dicts
    from claimdesk.ops.projects import open_existing

    with open_existing(args.project) as project:
        documents = documents_as_dicts(project)
    if args.json:
        json.dump(documents, sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    for d in documents:
        indent = "    " if d["parent_id"] else ""
        encoding = f"{d['encoding']} ({d['encoding_method']})" if d["encoding"] else "-"
        print(f"{indent}#{d['id']:<4} {d['published'] or '-':<16} {d['media_type']:<16.16} "
              f"{encoding:<18} {terminal_text(d['title'][:70])}")
    return 0
