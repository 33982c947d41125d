"""`claimdesk suggest`: propose claims for review, and accept them when asked."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from claimdesk.cli._common import id_arg

ORDER = 50
HELP = "propose claims (funding, targets, statistics, officials) for review"
DESCRIPTION = ("Runs the detector over the documents (all, or each --doc) and stores its proposals as pending "
               "suggestions; earlier pending ones of those documents are replaced, accepted and rejected ones are "
               "kept. With --accept every pending suggestion of those documents becomes a claim (one that states "
               "a fact a claim already states is merged into it), document by document, then subjects and "
               "measures are proposed for the new claims. Prints how many of each kind.")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("project", type=Path)
    parser.add_argument("--doc", type=id_arg, action="append", metavar="ID", help="only this document (repeatable)")
    parser.add_argument("--accept", action="store_true", help="accept every pending suggestion of these documents")


def run(args: argparse.Namespace) -> int:
    from collections import Counter

    from claimdesk.ops.documents import get_document
    from claimdesk.ops.projects import open_existing
    from claimdesk.ops.suggestions import accept_pending, pending, suggest_documents

    with open_existing(args.project) as project:
        missing = [i for i in args.doc or [] if get_document(project, i) is None]
        if missing:
            print(f"claimdesk: error: {args.project}: no document #{missing[0]}", file=sys.stderr)
            return 1
        report = suggest_documents(project, args.doc)
        waiting = [s for s in pending(project) if args.doc is None or s.document_id in args.doc]
        by_kind = Counter(s.kind for s in waiting)
        print(f"{report.suggestions} suggestions in {report.documents} documents: "
              + ", ".join(f"{n} {kind}" for kind, n in sorted(by_kind.items())))
        if args.accept and waiting:
            # whole documents in short transactions: another Claimdesk gets its turn between them,
            # and a run that is killed keeps what it committed (running it again accepts the rest)
            accepted = accept_pending(project, args.doc)
            merged = accepted.merged_into
            into = f" ({len(merged)} merged into claims that already stated them)" if merged else ""
            print(f"accepted {accepted.accepted}: {accepted.accepted - len(merged)} new claims{into}")
            from claimdesk.ops.subject_proposals import propose_subjects

            subjects = propose_subjects(project, sorted({s.document_id for s in waiting}))
            print(f"subjects and measures proposed for {subjects.proposed} claims")
    return 0
