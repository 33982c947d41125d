"""`claimdesk publish`: the project's claims as a read-only SQLite database for readers, with
Datasette's metadata beside it (OUT's name + .metadata.json)."""

from __future__ import annotations

import argparse
import shlex
import sys
from pathlib import Path

from claimdesk.cli._common import counted

ORDER = 147
HELP = "a read-only SQLite database of the claims for readers, and its metadata for Datasette"
DESCRIPTION = ("Writes OUT (SQLite, read-only) with tables claims (quote, typed values, review status, source and "
               "position, subject and measure), sources (URL, SHA-256 of the original), subjects, measures, "
               "relations, a view of open conflicts and full-text search over the claims, and beside it Datasette's "
               "metadata named after it (public/budget.db: public/budget.metadata.json; titles, descriptions, "
               "licence, facets, canned queries such as open conflicts per subject). Publishing again replaces "
               "both; a file there that Claimdesk did not publish is refused (exit 1) unless --force, a Claimdesk "
               "project always. Serve them with the datasette command printed (pip install claimdesk[publish]). "
               "Claims failing an integrity check are left out and listed.")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("project", type=Path)
    parser.add_argument("out", type=Path, help="the database to write, e.g. public/budget.db")
    parser.add_argument("--verified-only", action="store_true", help="only verified claims (default: every status)")
    parser.add_argument("--title", default="", help="the publication's title (default: 'Claims from PROJECT')")
    parser.add_argument("--description", default="", help="what readers are told the data is")
    parser.add_argument("--license", default="", help="the data's licence, e.g. 'CC BY 4.0'")
    parser.add_argument("--license-url", default="", help="where the licence is written")
    parser.add_argument("--timestamp", type=_timestamp, help="fixed 'published at' (ISO 8601)")
    parser.add_argument("--force", action="store_true",
                        help="replace a file at OUT or at its metadata that Claimdesk did not publish")


def _timestamp(text: str) -> str:
    from claimdesk.ops.publishing import PublishError, check_timestamp

    try:
        return check_timestamp(text)
    except PublishError as exc:  # a wrong command line: argparse says so and exits 2
        raise argparse.ArgumentTypeError(str(exc)) from None


def run(args: argparse.Namespace) -> int:
    from claimdesk.ops.exporting import ExportError
    from claimdesk.ops.projects import open_existing
    from claimdesk.ops.publishing import PublishOptions, publish

    options = PublishOptions(verified_only=args.verified_only, title=args.title, description=args.description,
                             license=args.license, license_url=args.license_url, timestamp=args.timestamp,
                             force=args.force)
    with open_existing(args.project) as project:
        try:
            published = publish(project, args.out, options)
        except ExportError as exc:  # nothing to publish, or the target cannot be written: nothing written
            hint = "; publish without --verified-only to include them" if getattr(exc, "hint", None) == "draft" else ""
            print(f"claimdesk: error: {exc}{hint}", file=sys.stderr)
            return 1
    for line in published.left_out:
        print(f"left out: {line}", file=sys.stderr)
    # paths as given, so the command runs from where publish ran
    print(f"wrote {published.database}: {counted(published.claims, 'claim')}, "
          f"{counted(published.sources, 'source')}, {counted(published.relations, 'relation')}; "
          f"{published.metadata} for Datasette "
          f"(datasette {shlex.quote(str(published.database))} -m {shlex.quote(str(published.metadata))})")
    return 0
