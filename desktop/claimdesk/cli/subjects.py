"""`claimdesk subjects`: what claims are about - subjects, their measures, claims' links to them."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from claimdesk.cli._common import id_arg, id_or_name

if TYPE_CHECKING:  # ops and store load when a command runs, not for --help
    from claimdesk.store.project import Project

ORDER = 80
HELP = "what claims are about: subjects, their measures, claims' links to them"
DESCRIPTION = ("Without an action: each subject (aliases, category, claim count) and its measures (unit class, claim "
               "count, open conflicts). A claim links to at most one measure; its subject is the measure's subject. "
               "SUBJECT and MEASURE are ids or names (a name matches aliases and other spellings).")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from claimdesk.core.subjects_model import SUBJECT_CATEGORIES, UNIT_CLASSES

    parser.add_argument("project", type=Path)
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    actions = parser.add_subparsers(dest="action", metavar="ACTION")
    propose = actions.add_parser("propose", help="propose subjects and measures for claims without a decided link")
    propose.add_argument("--doc", type=id_arg, action="append", metavar="ID", help="only this document (repeatable)")
    link = actions.add_parser("link", help="link a claim to a measure (confirmed); named ones are created if missing")
    link.add_argument("claim", type=id_arg, metavar="CLAIM")
    link.add_argument("--subject", type=id_or_name, metavar="S",
                      help="subject id or name (not needed with a measure id)")
    link.add_argument("--measure", type=id_or_name, metavar="M", required=True, help="measure id or name")
    link.add_argument("--unit-class", choices=UNIT_CLASSES, help="unit class of a new measure")
    link.add_argument("--unit", help="unit of a new measure, e.g. KZT, km")
    link.add_argument("--category", choices=SUBJECT_CATEGORIES, default="programme",
                      help="category of a new subject (default programme)")
    unlink = actions.add_parser("unlink", help="remove a claim's link (proposals leave the claim alone afterwards)")
    unlink.add_argument("claim", type=id_arg, metavar="CLAIM")
    for name, what, second in (("rename-subject", "rename a subject (the old name stays as an alias)", "NAME"),
                               ("add-alias", "add another name of a subject", "ALIAS"),
                               ("split-alias", "make an alias a subject of its own (undoes a merge for it)", "ALIAS"),
                               ("rename-measure", "rename a measure", "NAME")):
        action = actions.add_parser(name, help=what)
        action.add_argument("id", type=id_arg, metavar="ID")
        action.add_argument("name", metavar=second)
    for name, what in (("merge-subjects", "merge OTHER into KEEP: measures, links, documents and names follow"),
                       ("merge-measures", "merge measure OTHER into KEEP: its claims follow")):
        action = actions.add_parser(name, help=what)
        action.add_argument("keep", type=id_arg, metavar="KEEP")
        action.add_argument("other", type=id_arg, metavar="OTHER")


def run(args: argparse.Namespace) -> int:
    from claimdesk.core.claims import ClaimError
    from claimdesk.ops.projects import open_existing

    with open_existing(args.project) as project:
        try:
            if args.action is None:
                return _print_subjects(project, args.json)
            if args.action == "propose":
                return _propose_subjects(project, args.doc)
            return _change_subjects(project, args)
        except ClaimError as exc:  # SubjectError: an unknown id, a refused name or unit class
            print(f"claimdesk: error: {args.project}: {exc}", file=sys.stderr)
            return 1


def _print_subjects(project: Project, as_json: bool) -> int:
    from claimdesk.ops.subjects import list_subjects

    summaries = list_subjects(project)
    if as_json:
        json.dump([{"id": s.subject.id, "name": s.subject.name, "category": s.subject.category,
                    "aliases": list(s.subject.aliases), "claim_count": s.claim_count,
                    "measures": [{"id": m.measure.id, "name": m.measure.name, "unit_class": m.measure.unit_class,
                                  "unit": m.measure.unit, "claim_count": m.claim_count,
                                  "open_conflicts": m.open_conflicts} for m in s.measures]}
                   for s in summaries], sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    for summary in summaries:
        subject = summary.subject
        aliases = f"; also {', '.join(subject.aliases)}" if subject.aliases else ""
        print(f"#{subject.id} {subject.name} ({subject.category}{aliases}): {summary.claim_count} claim(s)")
        for m in summary.measures:
            unit = f", {m.measure.unit}" if m.measure.unit else ""
            conflicts = f", {m.open_conflicts} open conflict(s)" if m.open_conflicts else ""
            print(f"    #{m.measure.id} {m.measure.name} [{m.measure.unit_class}{unit}]: "
                  f"{m.claim_count} claim(s){conflicts}")
    if not summaries:
        print("no subjects yet (claimdesk subjects PROJECT propose, or link a claim)", file=sys.stderr)
    return 0


def _propose_subjects(project: Project, document_ids: list[int] | None) -> int:
    from claimdesk.ops.documents import get_document
    from claimdesk.ops.subject_proposals import propose_subjects

    missing = [i for i in document_ids or [] if get_document(project, i) is None]
    if missing:
        print(f"claimdesk: error: {project.path}: no document #{missing[0]}", file=sys.stderr)
        return 1
    report = propose_subjects(project, document_ids)
    print(f"{report.proposed} claim(s) given a proposed subject and measure in {report.documents} document(s); "
          f"{report.without} figure claim(s) without one (links the analyst confirmed or removed are kept)")
    return 0


def _change_subjects(project: Project, args: argparse.Namespace) -> int:
    from claimdesk.core.subjects_model import LinkClaimMeasure
    from claimdesk.ops import subjects as ops
    from claimdesk.ops.commands import run_command

    if args.action == "link":
        ops.link_claim(project, args.claim, args.subject, args.measure,
                       unit_class=args.unit_class, category=args.category, unit=args.unit)
        linked = ops.link_of(project, args.claim)
        if linked is None:  # link_claim raises when it cannot link; this would be a bug
            raise RuntimeError(f"claim #{args.claim} is not linked after linking it")
        subject, measure, _link = linked
        print(f"claim #{args.claim}: {subject.name} / {measure.name} (subject #{subject.id}, measure #{measure.id})")
    elif args.action == "unlink":
        run_command(project, LinkClaimMeasure(args.claim, None))
        print(f"claim #{args.claim}: no subject (proposals will leave it alone)")
    elif args.action == "rename-subject":
        print(f"subject #{args.id}: {ops.rename_subject(project, args.id, args.name).name}")
    elif args.action == "add-alias":
        print(f"subject #{args.id}: also {', '.join(ops.add_alias(project, args.id, args.name).aliases)}")
    elif args.action == "split-alias":
        subject = ops.split_alias(project, args.id, args.name)
        print(f"subject #{subject.id}: {subject.name} (split from #{args.id})")
    elif args.action == "rename-measure":
        print(f"measure #{args.id}: {ops.rename_measure(project, args.id, args.name).name}")
    elif args.action == "merge-subjects":
        subject = ops.merge_subjects(project, args.keep, args.other)
        print(f"subject #{args.other} merged into #{subject.id} {subject.name}")
    elif args.action == "merge-measures":
        measure = ops.merge_measures(project, args.keep, args.other)
        print(f"measure #{args.other} merged into #{measure.id} {measure.name}")
    return 0
