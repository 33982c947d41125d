"""`claimdesk new`: create an empty project file."""

from __future__ import annotations

import argparse
from pathlib import Path

ORDER = 10
HELP = "create an empty project file"
DESCRIPTION = ("Creates PROJECT (name it .claimdesk) with the built-in kinds and review statuses. An existing "
               "file is never overwritten: the command refuses and exits 1.")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("project", type=Path)


def run(args: argparse.Namespace) -> int:
    from claimdesk.ops.projects import new_project

    new_project(args.project).close()
    print(f"created {args.project}")
    return 0
