"""`claimdesk import-annotations`: read a W3C Web Annotation export into a project."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ORDER = 140
HELP = ("read a W3C Web Annotation export (from another project) into this one; sources must be "
        "imported here first")
DESCRIPTION = ("Reads FILE (claimdesk export --format webanno from another project) and marks its claims here. "
               "Each annotation names its source by SHA-256: that original must already be imported into this "
               "project. An annotation that states a fact a claim here already states is merged into it; one "
               "whose source or span cannot be placed is skipped and listed (exit 1).")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("project", type=Path)
    parser.add_argument("file", type=Path)


def run(args: argparse.Namespace) -> int:
    from claimdesk.core.claims import ClaimError
    from claimdesk.ops.annotation_import import import_annotations
    from claimdesk.ops.projects import open_existing

    merged: list[int] = []
    with open_existing(args.project) as project:
        try:
            created, problems = import_annotations(project, args.file, merged_into=merged)
        except ClaimError as exc:
            print(f"claimdesk: error: {exc}", file=sys.stderr)
            return 1
    for problem in problems:
        print(f"claimdesk: skipped {problem}", file=sys.stderr)
    into = f", {len(merged)} merged into claims that already stated them" if merged else ""
    print(f"{created} claims imported{into}, {len(problems)} skipped")
    return 0 if not problems else 1
