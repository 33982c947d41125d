"""`claimdesk verify`: the integrity report."""

from __future__ import annotations

import argparse
from pathlib import Path

from claimdesk.cli._common import counted

ORDER = 90
HELP = ("integrity report: originals' hashes, quotes at their offsets, values, required fields "
        "(exit 1 on errors)")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("project", type=Path)
    parser.add_argument("--strict", action="store_true", help="warnings fail too")


def run(args: argparse.Namespace) -> int:
    from claimdesk.ops.projects import open_existing
    from claimdesk.ops.verify import verify

    with open_existing(args.project) as project:
        report = verify(project, check_file=True)
    for finding in report.findings:
        print(f"{finding.severity}: {finding.subject}: {finding.check}: {finding.message}")
    print(f"{report.originals} originals and {report.claims} claims checked: "
          f"{counted(len(report.errors), 'error')}, {counted(len(report.warnings), 'warning')}")
    failed = report.errors or (args.strict and report.warnings)
    return 1 if failed else 0
