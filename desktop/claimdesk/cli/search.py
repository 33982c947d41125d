"""`claimdesk search`: full-text search over document texts, by word form."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from claimdesk.cli._common import MAX_ID, NumberArg, terminal_text

ORDER = 40
HELP = "full-text search over document texts, by word form"
DESCRIPTION = "Finds the documents that hold every word of the query, best first, with a snippet."
RAW_DESCRIPTION = True
EPILOG = """query syntax:
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
Words are ANDed; AND, OR, NEAR and punctuation are plain text."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("project", type=Path)
    parser.add_argument("query", help="words, word*, \"exact words\" (see below)")
    parser.add_argument("--limit", type=NumberArg(1, MAX_ID, whole=True), default=20,
                        help="at most this many documents (default 20)")
    parser.add_argument("--json", action="store_true", help="print JSON: document_id, title, snippet, rank")


def run(args: argparse.Namespace) -> int:
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
