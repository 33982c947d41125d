"""`claimdesk disagreements`: list the disagreements a project merge left open, and resolve one."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from claimdesk.cli._common import blank_reviewer, id_arg

if TYPE_CHECKING:  # loaded when the command runs, not for --help
    from claimdesk.store.project import Project

ORDER = 145.5  # after merge, before agreement
RESOLVED_AS = {"kept": "kept", "other": "taken", "both": "both kept"}  # as the options say it (--json: stored value)
HELP = "list the disagreements a merge left open, or resolve one (keep, take the other analyst's, keep both)"
DESCRIPTION = ("Lists the open disagreements that `claimdesk merge` stored: for each, its id, the claim, what differs "
               "(a field, the span, the status, the confirmed measure, a claim one analyst deleted and the other "
               "kept, ...), this project's value and who set it, the other analyst's value and who set it, and the "
               "file it came from. A span's positions count code points in the "
               "original's text, as `claims --jsonl` gives them. --all lists resolved ones too. With --resolve ID, "
               "settles one: --keep keeps this project's value, --take takes the other analyst's (an edit of the "
               "claim: field rules and the two-person rule apply, and the claim's history names the "
               "disagreement; for a deletion it restores the other analyst's claim, or deletes it here), --both keeps "
               "both as they are (the difference stays on record; refused for a deletion: a claim cannot be both "
               "deleted and kept, unless this project has restored the claim since the merge: then --keep is "
               "refused, as there is no deletion left to keep). A disagreement whose claim and history are gone "
               "from the project (e.g. after `claimdesk recover`) is listed as unavailable and cannot be resolved. "
               "The app lists them "
               "under File ▸ Merge another analyst's project…. Exit 0 when listed or resolved, 1 when the "
               "resolution was refused (no such disagreement, already resolved, a rule), 2 for a wrong command "
               "line.")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("project", type=Path)
    parser.add_argument("--json", action="store_true", help="one JSON object per disagreement, one per line")
    parser.add_argument("--all", action="store_true", help="resolved disagreements too")
    parser.add_argument("--resolve", type=id_arg, metavar="ID", help="the disagreement to resolve (ids as listed)")
    choice = parser.add_mutually_exclusive_group()
    choice.add_argument("--keep", dest="choice", action="store_const", const="kept",
                        help="keep this project's value")
    choice.add_argument("--take", dest="choice", action="store_const", const="other",
                        help="take the other analyst's value")
    choice.add_argument("--both", dest="choice", action="store_const", const="both",
                        help="keep both as they are (the difference stays on record)")
    parser.add_argument("--reviewer", help="who resolves (default: $CLAIMDESK_USER, else \"unnamed analyst\")")


def run(args: argparse.Namespace) -> int:
    if args.resolve is None and args.choice is not None:
        print("claimdesk: error: --keep, --take and --both go with --resolve ID", file=sys.stderr)
        return 2
    if args.resolve is not None and args.choice is None:
        print("claimdesk: error: --resolve ID needs one of --keep, --take or --both", file=sys.stderr)
        return 2
    if blank_reviewer(args.reviewer):
        return 2
    from claimdesk.ops.projects import open_existing

    with open_existing(args.project) as project:
        if args.resolve is not None:
            return _resolve(project, args)
        return _list(project, args)


def _list(project: Project, args: argparse.Namespace) -> int:
    from claimdesk.ops.merge_disagreements import disagreement_line, disagreements, what_differs

    items = disagreements(project, None if args.all else "open")
    if args.json:
        for item in items:
            extra = {"unavailable": True} if not item.available else {"live_again": True} if item.live_again else {}
            print(json.dumps({**disagreement_line(item), "quote": item.quote,
                              "document_title": item.document_title, **extra}, ensure_ascii=False))
        return 0
    for item in items:
        resolved = RESOLVED_AS.get(item.resolution or "", item.resolution)
        state = "" if item.state == "open" else f" [resolved: {resolved}]"
        claim = f"“{item.quote}” ({item.document_title})" if item.available else item.document_title
        print(f"#{item.id} claim #{item.claim_id} {claim}: "
              f"{what_differs(item.attribute)} {item.kept_text} ({item.kept_author}) vs "
              f"{item.other_text} ({item.other_author}, from {item.source}){state}")
    open_count = sum(item.state == "open" for item in items)
    print(f"{open_count} open disagreement{'' if open_count == 1 else 's'} in {args.project.name}"
          + ("; resolve one with --resolve ID --keep|--take|--both" if open_count else ""))
    return 0


def _resolve(project: Project, args: argparse.Namespace) -> int:
    from claimdesk.core.claims import ClaimError
    from claimdesk.core.project_merge import RESOLUTIONS, ResolveDisagreement
    from claimdesk.ops.merge_disagreements import apply_command

    try:
        apply_command(project, ResolveDisagreement(args.resolve, args.choice), actor=args.reviewer)
    except ClaimError as exc:
        print(f"claimdesk: error: {args.project.name}: {exc}; nothing was changed", file=sys.stderr)
        return 1
    print(f"disagreement #{args.resolve}: {RESOLUTIONS[args.choice]}")
    return 0
