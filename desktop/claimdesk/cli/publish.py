"""`claimdesk publish`: the project's claims as a read-only SQLite database for readers, with
Datasette's metadata.json beside it."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ORDER = 147
HELP = "a read-only SQLite database of the claims for readers, and metadata.json for Datasette"
DESCRIPTION = ("Writes OUT (SQLite, read-only) with tables claims (quote, typed values, review status, source and "
               "position, subject and measure), sources (URL, SHA-256 of the original), subjects, measures, "
               "relations, a view of open conflicts and full-text search over the claims, and metadata.json beside "
               "it (titles, descriptions, licence, facets, canned queries such as open conflicts per subject); both "
               "replace what was there. Serve them with `datasette OUT -m metadata.json` "
               "(pip install claimdesk[publish]). Claims failing an integrity check are left out and listed.")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("project", type=Path)
    parser.add_argument("out", type=Path, help="the database to write, e.g. public/budget.db")
    parser.add_argument("--verified-only", action="store_true", help="only verified claims (default: every status)")
    parser.add_argument("--title", default="", help="the publication's title (default: 'Claims from PROJECT')")
    parser.add_argument("--description", default="", help="what readers are told the data is")
    parser.add_argument("--license", default="", help="the data's licence, e.g. 'CC BY 4.0'")
    parser.add_argument("--license-url", default="", help="where the licence is written")
    parser.add_argument("--timestamp", help="fixed 'published at' (ISO 8601)")


def run(args: argparse.Namespace) -> int:
    from claimdesk.ops.exporting import ExportError
    from claimdesk.ops.projects import open_existing
    from claimdesk.ops.publishing import PublishOptions, publish

    options = PublishOptions(verified_only=args.verified_only, title=args.title, description=args.description,
                             license=args.license, license_url=args.license_url, timestamp=args.timestamp)
    with open_existing(args.project) as project:
        try:
            published = publish(project, args.out, options)
        except ExportError as exc:  # nothing to publish, or the target cannot be written: nothing written
            hint = "; publish without --verified-only to include them" if getattr(exc, "hint", None) == "draft" else ""
            print(f"claimdesk: error: {exc}{hint}", file=sys.stderr)
            return 1
    for line in published.left_out:
        print(f"left out: {line}", file=sys.stderr)
    print(f"wrote {published.database}: {published.claims} claims, {published.sources} sources, "
          f"{published.relations} relations; {published.metadata} for Datasette "
          f"(datasette {published.database.name} -m {published.metadata.name})")
    return 0
