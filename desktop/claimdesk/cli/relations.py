"""`claimdesk relations`: propose and print relations between claims."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

ORDER = 100
HELP = "proposed and decided corroborations, conflicts, revisions, progress and sum mismatches"
DESCRIPTION = ("Proposes relations afresh (decided ones are kept), then prints one JSON object per relation: id, kind "
               "(corroborates, conflicts, revised, progress, parts exceed total), first and second (claim ids), "
               "reason (why, for people), score, state, decided_by, decided_at, proposed_promise (a progress "
               "relation's promise status for the target, which confirming it applies: kept, in the works or broken; "
               "null for the other kinds), measure (id, name, subject, subject_id, "
               "unit_class of the measure both claims share, or null), and first_claim/second_claim: each claim's "
               "line as `claims --jsonl` prints it (quote, status, document_id, document_title, doc, start/end).")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("project", type=Path)
    parser.add_argument("--jsonl", action="store_true", required=True, help="one JSON object per line")


def run(args: argparse.Namespace) -> int:
    from claimdesk.ops.projects import open_existing
    from claimdesk.ops.relations import list_relations, propose_relations

    with open_existing(args.project) as project:
        if not project.read_only:  # a read-only project lists what it holds; proposing would write
            propose_relations(project)
        for relation in list_relations(project):
            print(json.dumps(relation, ensure_ascii=False))
    return 0
