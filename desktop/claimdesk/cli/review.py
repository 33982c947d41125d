"""`claimdesk review`: set the review status of one claim or a batch."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from claimdesk.cli._common import blank_reviewer, id_arg, parse_ids

ORDER = 110
HELP = "set the review status of one claim or a batch (the two-person rule applies)"
DESCRIPTION = ("Review one CLAIM, or many with --ids. In a batch each claim is checked and changed on its own: a "
               "claim the rules refuse (e.g. self-review under the two-person rule) or an unknown id is reported on "
               "stderr with the reason and left unchanged, the others are applied; the applied ones are saved "
               "together at the end (an interrupted batch changes nothing). Exit 1 when any id was refused.")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("project", type=Path)
    parser.add_argument("claim", type=id_arg, nargs="?", help="the claim's id (as `claims --jsonl` prints it)")
    parser.add_argument("--ids", metavar="LIST|-",
                        help="claim ids separated by commas or spaces, e.g. 3,4,9; '-' reads them from stdin "
                             "(any mix of commas, spaces and newlines)")
    parser.add_argument("--status", help="new review status, e.g. verified, disputed")
    parser.add_argument("--promise", help="promise status of a target, e.g. kept, broken")
    parser.add_argument("--reviewer", help="who decides (default: $CLAIMDESK_USER, else \"unnamed analyst\")")
    parser.add_argument("--note", default="", help="why; kept in the claim's history")


def run(args: argparse.Namespace) -> int:
    from claimdesk.core.claims import ClaimError
    from claimdesk.ops.batch_review import review_claims
    from claimdesk.ops.projects import open_existing

    changes = {key: value for key, value in (("status", args.status), ("promise_status", args.promise)) if value}
    if not changes:
        print("claimdesk: error: give --status and/or --promise", file=sys.stderr)
        return 2
    if (args.claim is None) == (args.ids is None):
        print("claimdesk: error: give one CLAIM or --ids (one of the two)", file=sys.stderr)
        return 2
    if blank_reviewer(args.reviewer):
        return 2
    if args.ids is None:
        claim_ids = [args.claim]
    else:
        try:
            claim_ids = parse_ids(sys.stdin.read() if args.ids == "-" else args.ids)
        except ValueError as exc:
            print(f"claimdesk: error: --ids: {exc}", file=sys.stderr)
            return 2
        if not claim_ids:
            where = "stdin held none" if args.ids == "-" else "the list is empty"
            print(f"claimdesk: error: no claim ids ({where}); nothing changed", file=sys.stderr)
            return 1 if args.ids == "-" else 2
    with open_existing(args.project) as project:
        try:
            report = review_claims(project, claim_ids, changes, note=args.note, actor=args.reviewer)
        except ClaimError as exc:
            print(f"claimdesk: error: {exc}", file=sys.stderr)
            return 1
    decision = ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in changes.items())
    for outcome in report.outcomes:
        if outcome.applied:
            print(f"claim #{outcome.claim_id}: {decision}")
        elif args.ids is None:
            print(f"claimdesk: error: {outcome.problem}" if outcome.problem != "no such claim"
                  else f"claimdesk: error: no claim #{outcome.claim_id}", file=sys.stderr)
        else:
            named = outcome.problem.startswith(f"claim #{outcome.claim_id}")  # the rule's message names it
            print(f"claimdesk: error: {'' if named else f'claim #{outcome.claim_id}: '}{outcome.problem}",
                  file=sys.stderr)
    if args.ids is not None:
        refused = f"; {len(report.refused)} refused (see above), left unchanged" if report.refused else ""
        print(f"{len(report.applied)} of {len(report.outcomes)} claims set to {decision}{refused}")
    return 1 if report.refused else 0
