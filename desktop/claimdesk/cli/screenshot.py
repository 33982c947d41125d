"""`claimdesk screenshot`: render the main window on a project to a PNG."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from claimdesk.cli._common import id_arg, size_arg

ORDER = 170
HELP = "render the main window on a project to a PNG (no display needed)"
DESCRIPTION = ("Opens PROJECT in the main window offscreen, on the document with the most claims (or --document) "
               "with its first claim selected, and saves the window as OUT.png; --measure shows the Subjects "
               "tab's timeline of that measure instead.")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("project", type=Path)
    parser.add_argument("out", type=Path, metavar="OUT.png")
    parser.add_argument("--document", type=id_arg, metavar="ID",
                        help="document to show (default: the one with most claims)")
    parser.add_argument("--size", type=size_arg, default=(1400, 860), metavar="WxH",
                        help="window size (default 1400x860)")
    parser.add_argument("--measure", type=id_arg, metavar="ID", help="show the Subjects tab at this measure's "
                        "timeline (ids: claimdesk subjects P --json)")


def run(args: argparse.Namespace) -> int:
    if args.out.suffix.lower() != ".png":
        print(f"claimdesk: error: {args.out}: the screenshot is written as PNG; name it .png", file=sys.stderr)
        return 2
    if not args.out.parent.is_dir():
        print(f"claimdesk: error: {args.out}: folder {args.out.parent} does not exist", file=sys.stderr)
        return 1
    try:
        from claimdesk.ui.screenshot import render
    except ImportError as exc:
        print(f"claimdesk: cannot start Qt ({exc}); see README for the system libraries it needs", file=sys.stderr)
        return 1
    try:
        render(args.project, args.out, args.document, args.size, args.measure)
    except (LookupError, OSError) as exc:
        print(f"claimdesk: error: {exc}", file=sys.stderr)
        return 1
    print(f"wrote {args.out}")
    return 0
