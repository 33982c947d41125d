"""The `claimdesk` command: the GUI by default, headless subcommands on the same ops.

Exit codes: 0 success; 1 the work failed (a file did not import, a project could not
be opened, a claim of a batch was refused); 2 the command line was wrong; 130 stopped by
Ctrl+C.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
from pathlib import Path

from claimdesk import __version__

COMMANDS = ("new", "import", "docs", "search", "suggest", "claims", "people", "subjects", "verify", "relations", "review", "replace", "export", "import-annotations", "recover", "self-test", "screenshot")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="claimdesk",
        description="Mark, verify and cite claims in press releases and news. "
                    "Without a command, opens the desktop app (on PROJECT if given).",
    )
    parser.add_argument("--version", action="version", version=f"claimdesk {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    new = sub.add_parser("new", help="create an empty project file")
    new.add_argument("project", type=Path)

    imp = sub.add_parser("import", help="import files or folders into a project",
                         description="Progress on stderr, one line per file and a summary on stdout. Ctrl+C stops "
                                     "at once: the file in flight is dropped whole, the files before it stay "
                                     "imported, and one line says how many (exit 130).")
    imp.add_argument("project", type=Path)
    imp.add_argument("paths", nargs="+", type=Path, metavar="FILE|DIR")
    imp.add_argument("--password", help="password for encrypted PDFs")
    imp.add_argument("--encoding", help="decode text and HTML files with this encoding "
                                        "(re-decodes files already imported)")
    imp.add_argument("--timeout", type=float, default=120.0, help="seconds allowed per file (default 120)")
    imp.add_argument("--max-file-mb", type=float, default=None, metavar="MB",
                     help="refuse files larger than this (default 200 MB per file)")
    imp.add_argument("--follow-links", action="store_true",
                     help="in folders, also import files that symbolic links lead to outside the folder")

    docs = sub.add_parser("docs", help="list the documents of a project")
    docs.add_argument("project", type=Path)
    docs.add_argument("--json", action="store_true", help="print JSON instead of a table")

    search = sub.add_parser(
        "search", help="full-text search over document texts, by word form",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Finds the documents that hold every word of the query, best first, with a snippet.",
        epilog="""query syntax:
  word           any form of the word: English and Russian by Snowball stems, Kazakh by
                 its case, possessive and plural endings (предусмотрен finds
                 предусмотрено and предусмотренных, мектеп finds мектептерді, funding
                 finds funded); ё = е and the Kazakh letters match their Russian
                 spellings (теңге = тенге, ң=н ғ=г қ=к ү=ұ=у ө=о һ=х і=и ә=а); case never
                 matters
  word*          words beginning with these letters (folded the same way)
  12,4           a word of several parts (also Нур-Султан): the parts side by side,
                 folded, not stemmed
  "exact words"  these words in this order exactly as written: not stemmed and not
                 folded ("теңге" does not find тенге); case and accents are ignored
Words are ANDed; AND, OR, NEAR and punctuation are plain text.""")
    search.add_argument("project", type=Path)
    search.add_argument("query", help="words, word*, \"exact words\" (see below)")
    search.add_argument("--limit", type=int, default=20, help="at most this many documents (default 20)")
    search.add_argument("--json", action="store_true", help="print JSON: document_id, title, snippet, rank")

    sug = sub.add_parser("suggest", help="propose claims (funding, targets, statistics, officials) for review")
    sug.add_argument("project", type=Path)
    sug.add_argument("--doc", type=_id, action="append", metavar="ID", help="only this document (repeatable)")
    sug.add_argument("--accept", action="store_true", help="accept every pending suggestion of these documents")

    claims = sub.add_parser(
        "claims", help="print claims (or pending suggestions) as JSON lines",
        description="One JSON object per claim: id (what review, relations and evidence take), suggestion "
                    "(false), status, origin, document_id, document_title, doc (the original's file name), kind, "
                    "start/end (code points in the original's text; a digest article's offsets count in its page), "
                    "quote, fields (decimals as strings), confidence when the detector proposed it. With "
                    "--suggestions: pending suggestions, whose id is the suggestion's id (\"suggestion\": true, "
                    "status \"pending\"), not a claim id.")
    claims.add_argument("project", type=Path)
    claims.add_argument("--jsonl", action="store_true", required=True, help="one JSON object per line")
    claims.add_argument("--suggestions", action="store_true",
                        help="pending suggestions instead of claims (id is the suggestion id)")
    claims.add_argument("--doc", type=_id, metavar="ID", help="only this document")

    ppl = sub.add_parser("people", help="the officials registry: people, aliases, positions, mentions")
    ppl.add_argument("project", type=Path)
    ppl.add_argument("--json", action="store_true")

    _add_subjects_parser(sub)

    ver = sub.add_parser("verify", help="integrity report: originals' hashes, quotes at their offsets, values, "
                                        "required fields (exit 1 on errors)")
    ver.add_argument("project", type=Path)
    ver.add_argument("--strict", action="store_true", help="warnings fail too")

    rel = sub.add_parser(
        "relations", help="proposed and decided corroborations, conflicts, revisions, progress and sum mismatches",
        description="Proposes relations afresh (decided ones are kept), then prints one JSON object per relation: "
                    "id, kind (corroborates, conflicts, revised, progress, parts exceed total), first and second "
                    "(claim ids), reason (why; a progress relation's reason ends with the promise status that "
                    "confirming it applies to the target), score, state, decided_by, decided_at, measure (id, "
                    "name, subject, subject_id, unit_class of the measure both claims share, or null), and "
                    "first_claim/second_claim: each claim's line as `claims --jsonl` prints it (quote, status, "
                    "document_id, document_title, doc, start/end).")
    rel.add_argument("project", type=Path)
    rel.add_argument("--jsonl", action="store_true", required=True, help="one JSON object per line")

    rev = sub.add_parser(
        "review", help="set the review status of one claim or a batch (the two-person rule applies)",
        description="Review one CLAIM, or many with --ids. In a batch each claim is checked and changed on its "
                    "own: a claim the rules refuse (e.g. self-review under the two-person rule) or an unknown id "
                    "is reported on stderr with the reason and left unchanged, the others are applied; the "
                    "applied ones are saved together at the end (an interrupted batch changes nothing). "
                    "Exit 1 when any id was refused.")
    rev.add_argument("project", type=Path)
    rev.add_argument("claim", type=_id, nargs="?", help="the claim's id (as `claims --jsonl` prints it)")
    rev.add_argument("--ids", metavar="LIST|-",
                     help="claim ids separated by commas or spaces, e.g. 3,4,9; '-' reads them from stdin "
                          "(any mix of commas, spaces and newlines)")
    rev.add_argument("--status", help="new review status, e.g. verified, disputed")
    rev.add_argument("--promise", help="promise status of a target, e.g. kept, broken")
    rev.add_argument("--reviewer", help="who decides (default: $CLAIMDESK_USER, else \"unnamed analyst\")")
    rev.add_argument("--note", default="", help="why; kept in the claim's history")

    rep = sub.add_parser("replace", help="replace a document's text with a new version; claims are re-anchored")
    rep.add_argument("project", type=Path)
    rep.add_argument("document", type=_id, metavar="DOC")
    rep.add_argument("file", type=Path)

    exp = sub.add_parser("export", help="fact sheet (html, pdf, md) or data (csv, json, webanno, claimreview, "
                                        "qdpx, annotated-pdf)")
    exp.add_argument("project", type=Path)
    exp.add_argument("--format", required=True, choices=("html", "pdf", "md", "csv", "json", "webanno",
                                                         "claimreview", "qdpx", "annotated-pdf"))
    exp.add_argument("-o", "--out", type=Path, required=True)
    exp.add_argument("--title", default="Fact sheet")
    exp.add_argument("--with-verdicts", action="store_true", help="also disputed, false and inconclusive claims")
    exp.add_argument("--draft", action="store_true", help="every status, marked DRAFT (internal)")
    exp.add_argument("--kind", help="only claims of this kind")
    exp.add_argument("--doc", type=_id, metavar="ID", help="only claims of this document")
    exp.add_argument("--force", action="store_true", help="export claims failing checks, marked")
    exp.add_argument("--timestamp", help="fixed 'generated at' (ISO 8601) for byte-identical output")

    ann = sub.add_parser("import-annotations", help="read a W3C Web Annotation export (from another project) "
                                                    "into this one; sources must be imported here first")
    ann.add_argument("project", type=Path)
    ann.add_argument("file", type=Path)

    rec = sub.add_parser(
        "recover", help="save what can be read of a damaged project into a new project",
        description="Reads the damaged PROJECT (never changing it) with SQLite's own recovery (the sqlite3 "
                    "shell's .recover, when installed) or row by row, and writes every readable document, claim, "
                    "review and event into the new project OUT; then says what was lost. Exit 1 when something "
                    "was lost.")
    rec.add_argument("project", type=Path, metavar="PROJECT")
    rec.add_argument("out", type=Path, metavar="OUT")

    sub.add_parser("self-test", help="check this installation end to end (import, suggest, verify, export, window)")

    shot = sub.add_parser("screenshot", help="render the main window on a project to a PNG (no display needed)")
    shot.add_argument("project", type=Path)
    shot.add_argument("out", type=Path, metavar="OUT.png")
    shot.add_argument("--document", type=_id, metavar="ID", help="document to show (default: the one with most claims)")
    shot.add_argument("--size", type=_size, default=(1400, 860), metavar="WxH", help="window size (default 1400x860)")
    shot.add_argument("--measure", type=_id, metavar="ID", help="show the Subjects tab at this measure's timeline "
                      "(ids: claimdesk subjects P --json)")
    return parser


def _add_subjects_parser(sub) -> None:
    from claimdesk.core.subjects_model import SUBJECT_CATEGORIES, UNIT_CLASSES

    subj = sub.add_parser(
        "subjects", help="what claims are about: subjects, their measures, claims' links to them",
        description="Without an action: each subject (aliases, category, claim count) and its measures (unit class, "
                    "claim count, open conflicts). A claim links to at most one measure; its subject is the "
                    "measure's subject. SUBJECT and MEASURE are ids or names (a name matches aliases and other "
                    "spellings).")
    subj.add_argument("project", type=Path)
    subj.add_argument("--json", action="store_true", help="print JSON instead of a table")
    actions = subj.add_subparsers(dest="action", metavar="ACTION")
    propose = actions.add_parser("propose", help="propose subjects and measures for claims without a decided link")
    propose.add_argument("--doc", type=_id, action="append", metavar="ID", help="only this document (repeatable)")
    link = actions.add_parser("link", help="link a claim to a measure (confirmed); named ones are created if missing")
    link.add_argument("claim", type=_id, metavar="CLAIM")
    link.add_argument("--subject", metavar="S", help="subject id or name (not needed with a measure id)")
    link.add_argument("--measure", metavar="M", required=True, help="measure id or name")
    link.add_argument("--unit-class", choices=UNIT_CLASSES, help="unit class of a new measure")
    link.add_argument("--unit", help="unit of a new measure, e.g. KZT, km")
    link.add_argument("--category", choices=SUBJECT_CATEGORIES, default="programme",
                      help="category of a new subject (default programme)")
    unlink = actions.add_parser("unlink", help="remove a claim's link (proposals leave the claim alone afterwards)")
    unlink.add_argument("claim", type=_id, metavar="CLAIM")
    for name, what, second in (("rename-subject", "rename a subject (the old name stays as an alias)", "NAME"),
                               ("add-alias", "add another name of a subject", "ALIAS"),
                               ("split-alias", "make an alias a subject of its own (undoes a merge for it)", "ALIAS"),
                               ("rename-measure", "rename a measure", "NAME")):
        action = actions.add_parser(name, help=what)
        action.add_argument("id", type=_id, metavar="ID")
        action.add_argument("name", metavar=second)
    for name, what in (("merge-subjects", "merge OTHER into KEEP: measures, links, documents and names follow"),
                       ("merge-measures", "merge measure OTHER into KEEP: its claims follow")):
        action = actions.add_parser(name, help=what)
        action.add_argument("keep", type=_id, metavar="KEEP")
        action.add_argument("other", type=_id, metavar="OTHER")


MAX_ID = 2**63 - 1  # SQLite's largest integer: a larger "id" is a usage error, not an OverflowError


def _id(text: str) -> int:
    """A document, claim or measure id on the command line."""
    if not (text.isascii() and text.isdigit()) or int(text) > MAX_ID:
        raise argparse.ArgumentTypeError(f"{text!r} is not an id (ids are whole numbers, e.g. 12)")
    return int(text)


def _size(text: str) -> tuple[int, int]:
    try:
        width, height = (int(part) for part in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not WIDTHxHEIGHT, e.g. 1400x860") from None
    if not (200 <= width <= 8000 and 200 <= height <= 8000):
        raise argparse.ArgumentTypeError(f"{text!r}: width and height must be 200–8000 pixels")
    return width, height


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if not argv or (argv[0] not in COMMANDS and not argv[0].startswith("-")):
        if len(argv) > 1:
            print("claimdesk: error: the app takes at most one PROJECT; see claimdesk --help", file=sys.stderr)
            return 2
        return run_gui(argv[0] if argv else None)
    args = build_parser().parse_args(argv)
    if args.command is None:
        return run_gui(None)
    from claimdesk.core.claims import ClaimError
    from claimdesk.ops.projects import ProjectError, wait_for_other_writers

    wait_for_other_writers(_lock_wait_seconds(), _say_waiting_once())
    try:
        return {"new": cmd_new, "import": cmd_import, "docs": cmd_docs, "search": cmd_search,
                "suggest": cmd_suggest, "claims": cmd_claims, "people": cmd_people, "subjects": cmd_subjects, "verify": cmd_verify, "relations": cmd_relations, "review": cmd_review, "replace": cmd_replace, "export": cmd_export, "import-annotations": cmd_import_annotations,
                "recover": cmd_recover, "self-test": cmd_self_test, "screenshot": cmd_screenshot}[args.command](args)
    except (ProjectError, ClaimError) as exc:  # ClaimError: a change refused as a whole (e.g. the project busy)
        print(f"claimdesk: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("claimdesk: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # output piped into `head` and the like
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as exc:  # a damaged file found mid-command: one line that says what to do
        from claimdesk.ops.recover import damage_message, is_damage

        if not is_damage(exc) or getattr(args, "project", None) is None:
            raise
        print(f"claimdesk: error: {damage_message(args.project, exc)}", file=sys.stderr)
        return 1


def _lock_wait_seconds() -> float:
    """How long a change waits for another Claimdesk writing to the same project
    (CLAIMDESK_LOCK_WAIT seconds, default 60), then fails with one message."""
    try:
        return max(0.0, float(os.environ.get("CLAIMDESK_LOCK_WAIT", "60")))
    except ValueError:
        return 60.0


def _say_waiting_once():
    said = []

    def say() -> None:
        if not said:
            print("claimdesk: waiting for another Claimdesk to finish writing to this project …", file=sys.stderr,
                  flush=True)
            said.append(True)
    return say


def cmd_new(args) -> int:
    from claimdesk.ops.projects import new_project

    new_project(args.project).close()
    print(f"created {args.project}")
    return 0


def cmd_import(args) -> int:
    from claimdesk.core.worker import ParseLimits, ParserProcess
    from claimdesk.ops.importing import (DUPLICATE, FAILED, IMPORTED, NEW_VERSION, REIMPORTED, SKIPPED, ImportOptions,
                                         import_paths)
    from claimdesk.ops.projects import StorageError, open_existing

    def progress(index, total, path):
        if index < total:
            print(f"[{index + 1}/{total}] {path}", file=sys.stderr, flush=True)

    options = ImportOptions(password=args.password, encoding=args.encoding,
                            limits=ParseLimits(seconds=args.timeout), follow_links=args.follow_links)
    if args.max_file_mb is not None:
        if args.max_file_mb <= 0:
            print("claimdesk: error: --max-file-mb must be a positive number of megabytes", file=sys.stderr)
            return 2
        options.max_file_mb = args.max_file_mb
    with open_existing(args.project) as project:
        parser = ParserProcess(options.limits)  # started on the first file that needs parsing
        interrupted = []

        def on_interrupt(signum, frame):  # Ctrl+C: stop the parse in flight, keep what is stored
            interrupted.append(signum)
            parser.stop()

        # an inherited SIG_IGN (a background job, nohup) means the caller wants no interrupts
        previous = signal.getsignal(signal.SIGINT)
        if previous is not signal.SIG_IGN:
            signal.signal(signal.SIGINT, on_interrupt)
        try:
            report = import_paths(project, args.paths, options=options, progress=progress,
                                  cancelled=lambda: bool(interrupted), parser=parser)
        except StorageError as exc:  # e.g. another Claimdesk kept the project past the wait
            print(f"claimdesk: error: {exc}; files imported before this one stay imported (run the same "
                  "import again to finish: they count as duplicates)", file=sys.stderr)
            return 1
        finally:
            signal.signal(signal.SIGINT, previous)
            parser.close()
    for result in report.results:
        if result.status in (IMPORTED, REIMPORTED):
            extra = f" ({result.articles} articles)" if result.articles else ""
            print(f"{result.status} {result.path} -> #{result.document_ids[0]} {terminal_text(result.title)}{extra}")
        elif result.status == NEW_VERSION:
            print(f"{result.status} {result.path}: {result.message}")
        elif result.status == DUPLICATE:
            print(f"duplicate {result.path}: {result.message}")
        elif result.status == SKIPPED:
            print(f"skipped {result.path}: {result.message}")
        elif result.status == FAILED:
            print(f"claimdesk: error: {result.path}: {result.message}", file=sys.stderr)
    versions = f"{report.count(NEW_VERSION)} new versions, " if report.count(NEW_VERSION) else ""
    imported = report.count(IMPORTED) + report.count(REIMPORTED)
    print(f"{imported} imported, {versions}{report.count(DUPLICATE)} duplicate, "
          f"{report.count(FAILED)} failed, {report.count(SKIPPED)} skipped")
    if interrupted:
        print(f"claimdesk: interrupted after {report.attempted} of {report.planned} files; {imported} imported, "
              "nothing half-imported", file=sys.stderr)
        return 130
    return 0 if report.ok else 1


def terminal_text(text) -> str:
    """A document's own text for the terminal: control characters (escape sequences)
    dropped, bidi controls shown as [U+202E] so a title cannot reorder the line."""
    from claimdesk.exports.safe import clean

    return clean(text)


def cmd_docs(args) -> int:
    from claimdesk.ops.documents import documents_as_dicts
    from claimdesk.ops.projects import open_existing

    with open_existing(args.project) as project:
        documents = documents_as_dicts(project)
    if args.json:
        json.dump(documents, sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    for d in documents:
        indent = "    " if d["parent_id"] else ""
        encoding = f"{d['encoding']} ({d['encoding_method']})" if d["encoding"] else "-"
        print(f"{indent}#{d['id']:<4} {d['published'] or '-':<16} {d['media_type']:<16.16} "
              f"{encoding:<18} {terminal_text(d['title'][:70])}")
    return 0


def cmd_search(args) -> int:
    from claimdesk.ops.documents import search
    from claimdesk.ops.projects import open_existing

    if not args.query.strip():
        print("claimdesk: error: the query is empty; give words to find (see claimdesk search --help)",
              file=sys.stderr)
        return 2
    with open_existing(args.project) as project:
        hits = search(project, args.query, args.limit)
    if args.json:
        json.dump([hit.__dict__ for hit in hits], sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    for hit in hits:
        print(f"#{hit.document_id} {terminal_text(hit.title)}\n    {terminal_text(' '.join(hit.snippet.split()))}")
    if not hits:
        print("no matches", file=sys.stderr)
    return 0


def cmd_suggest(args) -> int:
    from collections import Counter

    from claimdesk.ops.documents import get_document
    from claimdesk.ops.projects import open_existing
    from claimdesk.ops.suggestions import accept_pending, pending, suggest_documents

    with open_existing(args.project) as project:
        missing = [i for i in args.doc or [] if get_document(project, i) is None]
        if missing:
            print(f"claimdesk: error: {args.project}: no document #{missing[0]}", file=sys.stderr)
            return 1
        report = suggest_documents(project, args.doc)
        waiting = [s for s in pending(project) if args.doc is None or s.document_id in args.doc]
        by_kind = Counter(s.kind for s in waiting)
        print(f"{report.suggestions} suggestions in {report.documents} documents: "
              + ", ".join(f"{n} {kind}" for kind, n in sorted(by_kind.items())))
        if args.accept and waiting:
            # whole documents in short transactions: another Claimdesk gets its turn between them,
            # and a run that is killed keeps what it committed (running it again accepts the rest)
            accepted = accept_pending(project, args.doc)
            merged = accepted.merged_into
            into = f" ({len(merged)} merged into claims that already stated them)" if merged else ""
            print(f"accepted {accepted.accepted}: {accepted.accepted - len(merged)} new claims{into}")
            from claimdesk.ops.subject_proposals import propose_subjects

            subjects = propose_subjects(project, sorted({s.document_id for s in waiting}))
            print(f"subjects and measures proposed for {subjects.proposed} claims")
    return 0


def cmd_claims(args) -> int:
    from claimdesk.ops.claim_lines import claim_lines
    from claimdesk.ops.projects import open_existing

    with open_existing(args.project) as project:
        for line in claim_lines(project, suggestions=args.suggestions, document_id=args.doc):
            print(json.dumps(line, ensure_ascii=False))
    return 0


def cmd_people(args) -> int:
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


def cmd_subjects(args) -> int:
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


def _print_subjects(project, as_json: bool) -> int:
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


def _propose_subjects(project, document_ids) -> int:
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


def _change_subjects(project, args) -> int:
    from claimdesk.core.subjects_model import LinkClaimMeasure
    from claimdesk.ops import subjects as ops
    from claimdesk.ops.commands import run_command

    if args.action == "link":
        ops.link_claim(project, args.claim, _id_or_name(args.subject), _id_or_name(args.measure),
                       unit_class=args.unit_class, category=args.category, unit=args.unit)
        subject, measure, _link = ops.link_of(project, args.claim)
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


def _id_or_name(text: str | None) -> int | str | None:
    """An id when the argument is a whole number, else a name."""
    return int(text) if text is not None and text.strip().isdigit() and text.isascii() else text


def cmd_verify(args) -> int:
    from claimdesk.ops.projects import open_existing
    from claimdesk.ops.verify import verify

    with open_existing(args.project) as project:
        report = verify(project, check_file=True)
    for finding in report.findings:
        print(f"{finding.severity}: {finding.subject}: {finding.check}: {finding.message}")
    print(f"{report.originals} originals and {report.claims} claims checked: "
          f"{len(report.errors)} errors, {len(report.warnings)} warnings")
    failed = report.errors or (args.strict and report.warnings)
    return 1 if failed else 0


def cmd_relations(args) -> int:
    from claimdesk.ops.projects import open_existing
    from claimdesk.ops.relations import list_relations, propose_relations

    with open_existing(args.project) as project:
        if not project.read_only:  # a read-only project lists what it holds; proposing would write
            propose_relations(project)
        for relation in list_relations(project):
            print(json.dumps(relation, ensure_ascii=False))
    return 0


def cmd_review(args) -> int:
    from claimdesk.core.claims import ClaimError
    from claimdesk.ops.batch_review import review_claims
    from claimdesk.ops.projects import open_existing

    changes = {key: value for key, value in (("status", args.status), ("promise_status", args.promise)) if value}
    if not changes:
        print("claimdesk: error: give --status and/or --promise", file=sys.stderr)
        return 2
    if (args.claim is None) == (args.ids is None):
        print("claimdesk: error: give one CLAIM or --ids (one of the two)", file=sys.stderr)
        return 2
    if args.reviewer is not None and not args.reviewer.strip():
        print("claimdesk: error: --reviewer is blank; give the reviewer's name (or leave it out to use "
              "$CLAIMDESK_USER, else \"unnamed analyst\")", file=sys.stderr)
        return 2
    if args.ids is None:
        claim_ids = [args.claim]
    else:
        try:
            claim_ids = parse_ids(sys.stdin.read() if args.ids == "-" else args.ids)
        except ValueError as exc:
            print(f"claimdesk: error: --ids: {exc}", file=sys.stderr)
            return 2
        if not claim_ids:
            where = "stdin held none" if args.ids == "-" else "the list is empty"
            print(f"claimdesk: error: no claim ids ({where}); nothing changed", file=sys.stderr)
            return 1 if args.ids == "-" else 2
    with open_existing(args.project) as project:
        try:
            report = review_claims(project, claim_ids, changes, note=args.note, actor=args.reviewer)
        except ClaimError as exc:
            print(f"claimdesk: error: {exc}", file=sys.stderr)
            return 1
    decision = ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in changes.items())
    for outcome in report.outcomes:
        if outcome.applied:
            print(f"claim #{outcome.claim_id}: {decision}")
        elif args.ids is None:
            print(f"claimdesk: error: {outcome.problem}" if outcome.problem != "no such claim"
                  else f"claimdesk: error: no claim #{outcome.claim_id}", file=sys.stderr)
        else:
            named = outcome.problem.startswith(f"claim #{outcome.claim_id}")  # the rule's message names it
            print(f"claimdesk: error: {'' if named else f'claim #{outcome.claim_id}: '}{outcome.problem}",
                  file=sys.stderr)
    if args.ids is not None:
        refused = f"; {len(report.refused)} refused (see above), left unchanged" if report.refused else ""
        print(f"{len(report.applied)} of {len(report.outcomes)} claims set to {decision}{refused}")
    return 1 if report.refused else 0


def parse_ids(text: str) -> list[int]:
    """Claim ids from '3,4,9', '3 4 9' or lines of them; a token that is not an id is an error."""
    ids = []
    for token in text.replace(",", " ").split():
        if not token.isdigit() or not token.isascii():
            raise ValueError(f"{token!r} is not a claim id (ids are whole numbers, e.g. 3,4,9)")
        if int(token) > MAX_ID:
            raise ValueError(f"{token} is not a claim id (too large)")
        ids.append(int(token))
    return ids


def cmd_replace(args) -> int:
    from claimdesk.ops.importing import NEW_VERSION, ImportOptions, import_paths
    from claimdesk.ops.projects import open_existing

    with open_existing(args.project) as project:
        report = import_paths(project, [args.file], options=ImportOptions(replace_document=args.document))
    result = report.results[0]
    if result.status != NEW_VERSION:
        print(f"claimdesk: error: {args.file}: {result.message or result.status}", file=sys.stderr)
        return 1
    print(f"{args.file}: {result.message}")
    return 0


def cmd_export(args) -> int:
    from claimdesk.ops.exporting import ExportError, ExportUsageError, cli_hint, export
    from claimdesk.ops.factsheet import VERDICTS, ExportOptions
    from claimdesk.ops.projects import open_existing

    statuses = ("verified",) + (VERDICTS if args.with_verdicts else ())
    options = ExportOptions(title=args.title, statuses=statuses, draft=args.draft, kind=args.kind,
                            document_id=args.doc, force=args.force, timestamp=args.timestamp)
    with open_existing(args.project) as project:
        try:
            sheet = export(project, args.format, args.out, options)
        except ExportUsageError as exc:  # an unknown --kind or --doc: a usage error, like argparse's
            print(f"claimdesk export: error: {exc}", file=sys.stderr)
            return 2
        except ExportError as exc:  # nothing to export included: nothing written, exit 1
            print(f"claimdesk: error: {cli_hint(exc)}", file=sys.stderr)
            return 1
    for line in sheet.left_out:
        print(f"left out: {line}", file=sys.stderr)
    print(f"wrote {args.out}: {sheet.count} claims")
    return 0


def cmd_import_annotations(args) -> int:
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


def cmd_recover(args) -> int:
    from claimdesk.ops.recover import recover_project

    report = recover_project(args.project, args.out)
    if report.repaired_schema:
        print(f"schema repaired: {', '.join(report.repaired_schema)}")
    if report.shell_problem:
        print(f"note: SQLite's .recover could not look further ({report.shell_problem})", file=sys.stderr)
    for line in report.losses():
        print(f"lost: {line}")
    saved = ", ".join(f"{t.copied} {t.table}" for t in report.tables if t.copied)
    print(f"wrote {args.out} ({report.method}): {saved or 'nothing could be read'}")
    if not report.complete:
        print("claimdesk: some data was lost (see above); run claimdesk verify on the new project", file=sys.stderr)
    return 0 if report.complete else 1


def cmd_self_test(args) -> int:
    from claimdesk.selftest import run_self_test

    return run_self_test()


def cmd_screenshot(args) -> int:
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


def display_problem() -> str | None:
    """Why no window can be shown here, or None when one can."""
    if os.environ.get("QT_QPA_PLATFORM"):
        return None
    if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        return "no display available (DISPLAY and WAYLAND_DISPLAY are unset)"
    return None


def run_gui(project: str | None) -> int:
    problem = display_problem()
    if problem:
        print(f"claimdesk: cannot open the app: {problem}; the subcommands work without one "
              "(see claimdesk --help)", file=sys.stderr)
        return 1
    try:
        from claimdesk.ui.app import run
    except ImportError as exc:
        print(f"claimdesk: cannot start Qt ({exc}); see README for the system libraries it needs", file=sys.stderr)
        return 1
    return run(Path(project) if project else None)
