"""`claimdesk agreement`: how far two analysts agree - two authors of one project, or this
project and another analyst's file."""

from __future__ import annotations

import argparse
import json
import sys
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING

from claimdesk.cli._common import terminal_text

if TYPE_CHECKING:  # loaded when the command runs, not for --help
    from claimdesk.core.agreement import AgreementReport, Mark

ORDER = 146
HELP = "agreement between two analysts: span alpha and value agreement per kind, and the disagreements"
DESCRIPTION = ("Compares two analysts' claims per kind: span agreement is Krippendorff's alpha (nominal) over the "
               "characters of the texts both marked, each inside a claim of the kind or not; value agreement is the "
               "share of matched claims (same text and kind, overlapping spans) whose fields all agree. Then every "
               "disagreement: a claim only one marked, another kind, another span, other values, and a 'status' "
               "disagreement where both reviewed a matched claim to different verdicts (verified, disputed ...; "
               "statuses count in neither figure). Between two authors of PROJECT (after a merge, each as they "
               "marked it: values a merge filled in or a resolution took are not theirs; without --between, its "
               "only two authors), or PROJECT and --with OTHER (texts matched by their original's SHA-256 and "
               "article). Reads only: an older PROJECT or OTHER is read from an upgraded private copy. Nothing in "
               "common to compare: one line, exit 1. "
               "--json prints one object: kinds (span_alpha, observed, characters, claims, matched, same_span, "
               "same_values, value_agreement, fields), disagreements (positions count code points in the text of "
               "the original named by sha256), skipped.")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("project", type=Path)
    who = parser.add_mutually_exclusive_group()
    who.add_argument("--between", nargs=2, metavar=("A", "B"), help="the two authors to compare")
    who.add_argument("--with", dest="other", type=Path, metavar="OTHER",
                     help="another analyst's project file to compare with")
    parser.add_argument("--kind", help="only claims of this kind")
    parser.add_argument("--json", action="store_true", help="one JSON object instead of the table")


def run(args: argparse.Namespace) -> int:
    from claimdesk.ops import agreement

    with agreement.open_for_reading(args.project) as project:
        try:
            if args.other is not None:
                report = agreement.between_files(project, args.other, args.kind)
            else:
                first, second = args.between or (None, None)
                report = agreement.between_authors(project, first, second, args.kind)
        except agreement.AgreementError as exc:  # authors or kind the project does not hold: a usage error
            print(f"claimdesk agreement: error: {exc}", file=sys.stderr)
            return 2
    empty = agreement.nothing_compared(report)
    if empty is not None:  # an empty table would look like agreement on nothing
        print(f"claimdesk agreement: {empty}", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps(agreement.report_as_dict(report), ensure_ascii=False, indent=2))
        return 0
    for line in table(report):
        print(line)
    return 0


def table(report: AgreementReport) -> list[str]:
    """The report for a terminal: one line per kind, then one per disagreement (positions
    count code points in the original's text, as the exports do)."""
    from claimdesk.core.agreement import KIND, ONLY_FIRST, ONLY_SECOND, SPAN, STATUS, VALUES, figure_text

    characters = sum(text.length for text in report.texts)
    lines = [f"Agreement between {terminal_text(report.first)} and {terminal_text(report.second)}: "
             f"{len(report.texts)} document(s), {characters} characters"]
    lines += [f"  not compared: {terminal_text(why)}" for why in report.skipped]
    claims = f"claims ({terminal_text(report.first)} / {terminal_text(report.second)})"
    header = ("kind", "span alpha", "characters agreeing", claims, "matched", "same span", "same values")
    rows = [(k.kind, figure_text(k.span_alpha, 3, undefined="undefined"), _percent(k.observed),
             f"{k.first_claims} / {k.second_claims}", str(k.matched), str(k.same_span),
             f"{k.same_values} ({_percent(k.value_agreement)})" if k.matched else "-") for k in report.kinds]
    widths = [max(len(row[n]) for row in [header, *rows]) for n in range(len(header))]
    lines += ["  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip() for row in [header, *rows]]
    texts = {text.key: text for text in report.texts}
    lines.append(f"Disagreements ({len(report.disagreements)}):")
    for d in report.disagreements:
        text = texts[d.key]
        words = {ONLY_FIRST: f"only {report.first}", ONLY_SECOND: f"only {report.second}", KIND: "kind",
                 SPAN: "span", VALUES: "values: " + ", ".join(d.fields),
                 STATUS: f"status: {d.first.status if d.first else ''} / {d.second.status if d.second else ''}"}
        sides = [_side(name, mark, text.offset) for name, mark in ((report.first, d.first), (report.second, d.second))
                 if mark is not None]
        lines.append(terminal_text(f"  «{text.title}» {d.kind}, {'; '.join(words[a] for a in d.about)}: "
                                   + " | ".join(sides)))
    return lines


def _side(name: str, mark: Mark, offset: int) -> str:
    values = " ".join(f"{field}={value}" for field, value in sorted(mark.fields.items()) if value not in ("", None))
    return (f"{name} #{mark.claim_id} {mark.kind} “{mark.quote}” ({mark.start + offset}-{mark.end + offset})"
            + (f" {values}" if values else ""))


def _percent(value: Fraction | None) -> str:
    from claimdesk.core.agreement import figure_text

    return figure_text(value, 1, 100, " %")
