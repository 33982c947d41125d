"""`claimdesk people`: the officials registry."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ORDER = 70
HELP = "the officials registry: people, aliases, positions, mentions"
DESCRIPTION = ("Brings the registry up to date with the project's official claims (unless the project is "
               "read-only), then lists each person with other spellings of the name, positions held with the date "
               "they were stated, and how many claims mention them.")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("project", type=Path)
    parser.add_argument("--json", action="store_true")


def run(args: argparse.Namespace) -> int:
    from dataclasses import asdict

    from claimdesk.ops.people import list_people, sync
    from claimdesk.ops.projects import open_existing

    with open_existing(args.project) as project:
        if not project.read_only:  # as for relations: list what is there
            sync(project)
        people = list_people(project)
    if args.json:
        json.dump([{**asdict(p), "positions": p.positions} for p in people], sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    for person in people:
        aliases = f" (also {', '.join(person.aliases)})" if person.aliases else ""
        print(f"{person.name}{aliases}")
        for position, as_of in person.positions:
            print(f"    {as_of or '-':<10} {position}")
        proposed = sum(m.state == "proposed" for m in person.mentions)
        print(f"    {len(person.mentions)} mention(s)" + (f", {proposed} proposed" if proposed else ""))
    return 0
