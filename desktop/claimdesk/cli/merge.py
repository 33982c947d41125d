"""`claimdesk merge`: merge other analysts' projects into this one."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from claimdesk.cli._common import NumberArg, counted

if TYPE_CHECKING:  # loaded when the command runs, not for --help
    from claimdesk.ops.project_merge import MergeSource
    from claimdesk.store.project import Project

ORDER = 145
HELP = "merge other analysts' project files into this one (claims, history, review; disagreements kept)"
DESCRIPTION = ("Merges each FROM project into INTO, one after the other. Documents are matched by their original "
               "file's SHA-256 (or one each side held: a document one analyst replaced with a new version is "
               "merged into INTO's version, never added again), claims when they are in one document, of one "
               "kind, and their spans overlap by at least --threshold of their union. A value only FROM has is "
               "filled in; two different values are "
               "kept as a disagreement, never overwritten, and so are two different confirmed measures and a claim "
               "one analyst deleted and the other changed after (never added back, never removed: 'deleted on "
               "one side'); a deletion of a claim the other side never changed since their common history is "
               "simply taken (not added back, or deleted in INTO too: 'deleted as the other analyst did'): "
               "list and resolve them with `claimdesk disagreements "
               "INTO` or in the app (File ▸ Merge another analyst's project…). Before each merge INTO is backed up "
               "beside itself (INTO.before-merge-TIME.bak), and the merge is one transaction. Prints each preview "
               "(new / same / disagreeing claims, and how many claims both hold get a value only FROM had), then "
               "the result. FROM is never changed; an older one is upgraded in a temporary copy, a newer one is "
               "refused. --dry-run plans against a temporary copy of INTO as well, so an older INTO stays as it "
               "is. Exit 0 when every FROM merged (or held nothing new), 1 when one was refused (the ones before "
               "it stay merged; all are checked before the first is merged), 2 for a wrong command line.")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("into", type=Path, metavar="INTO", help="the project to merge into (changed)")
    parser.add_argument("sources", type=Path, nargs="+", metavar="FROM", help="other analysts' projects (read only)")
    parser.add_argument("--dry-run", action="store_true", help="print the previews; change nothing")
    parser.add_argument("--threshold", type=NumberArg(0, 1, above_low=True), default=None,
                        help="span overlap (over their union) that makes two claims one claim (default 0.5)")
    parser.add_argument("--json", action="store_true", help="one JSON object on stdout instead of lines")


def run(args: argparse.Namespace) -> int:
    from claimdesk.core.project_merge import DEFAULT_THRESHOLD, MergeError
    from claimdesk.ops.project_merge import private_copy
    from claimdesk.ops.projects import open_existing

    threshold = args.threshold if args.threshold is not None else DEFAULT_THRESHOLD
    try:  # a dry run plans against a private copy: an older INTO is upgraded there, not in place
        into_copy = private_copy(args.into) if args.dry_run else None
    except MergeError as exc:
        print(f"claimdesk: error: {exc}", file=sys.stderr)
        return 1
    try:
        with into_copy.project if into_copy is not None else open_existing(args.into) as into:
            return _merge_all(into, args, threshold)
    finally:
        if into_copy is not None:
            into_copy.close()


def _merge_all(into: Project, args: argparse.Namespace, threshold: float) -> int:
    from claimdesk.core.project_merge import MergeError
    from claimdesk.ops import merge_disagreements
    from claimdesk.ops.project_merge import open_source

    report = {"into": str(args.into), "threshold": threshold, "dry_run": args.dry_run, "merges": []}
    sources = []
    try:
        for path in args.sources:  # every FROM is checked before anything is merged
            sources.append(open_source(path, into, into_path=args.into))
        for source in sources:
            entry = _merge_one(into, source, threshold, args)
            report["merges"].append(entry)
    except MergeError as exc:
        print(f"claimdesk: error: {exc}", file=sys.stderr)
        if args.json:
            print(json.dumps({**report, "error": str(exc)}, ensure_ascii=False))
        return 1
    finally:
        for source in sources:
            source.close()
    report["open_disagreements"] = len(merge_disagreements.disagreements(into))
    if args.json:
        print(json.dumps(report, ensure_ascii=False))
    elif report["open_disagreements"]:
        open_count = report["open_disagreements"]
        print(f"{counted(open_count, 'disagreement')} {'is' if open_count == 1 else 'are'} open in "
              f"{args.into.name}: list and resolve them "
              f"with claimdesk disagreements {args.into} (or in the app: File ▸ Merge another analyst's project…)")
    return 0


def _merge_one(into: Project, source: MergeSource, threshold: float, args: argparse.Namespace) -> dict[str, Any]:
    from claimdesk.ops.project_merge import merge, preview

    planned = preview(into, source, threshold)
    entry = {"from": str(source.path), "preview": dict(planned.counts.__dict__), "merged": False, "backup": None,
             "unplaced": planned.unplaced}
    if not args.json:
        print(f"{source.path.name}: preview: {planned.counts.line()}")
        for line in planned.unplaced:
            print(f"{source.path.name}: not placed (its document's text here no longer holds it): {line}")
    if args.dry_run:
        return entry
    result = merge(into, source, threshold)
    entry.update(merged=result.changed, backup=str(result.backup) if result.backup else None,
                 result=dict(result.counts.__dict__))
    if not args.json:
        print(result.message(into.path, source.path))
    return entry
