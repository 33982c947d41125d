"""A scripted analyst session run in a child process and killed at random moments by
tests/reliability/test_crash_safety.py. After each operation commits, the driver prints
one JSON line saying what is now saved; the parent checks those lines after the kill."""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

from claimdesk.core.claims import ClaimError, CreateClaim, DeleteClaim, EditClaim
from claimdesk.core.suggestion_commands import AcceptSuggestion
from claimdesk.ops import claims as claim_ops
from claimdesk.ops import suggestions as suggestion_ops
from claimdesk.ops.commands import run_command
from claimdesk.ops.importing import import_paths
from claimdesk.ops.projects import open_existing

SENTENCES = ["The akimat allocated {n} billion tenge to repair roads.", "By 2030, {n} schools will be built.",
             "About {n} thousand people live in the district.", "Minister of Energy Almas Sadykov said so."]


def say(**fact) -> None:
    print(json.dumps(fact), flush=True)


def main(project_path: str, work_dir: str, seed: int) -> None:
    rng = random.Random(seed)
    work = Path(work_dir)
    with open_existing(project_path) as project:
        for step in range(10_000):
            action = rng.choice(["import", "create", "edit", "delete", "undo", "suggest"])
            try:
                if action == "import":
                    path = work / f"doc-{seed}-{step}.txt"
                    body = " ".join(rng.choice(SENTENCES).format(n=rng.randint(2, 900)) for _ in range(40))
                    path.write_text(f"Release {seed}-{step}\n\n" + body)
                    result = import_paths(project, [path]).results[0]
                    if result.status == "imported":
                        say(op="import", document=result.document_ids[0], sha=result.path.name)
                    continue
                documents = [r[0] for r in project.db.execute(
                    "SELECT id FROM documents WHERE is_container = 0").fetchall()]
                claims = [c for d in documents[-3:] for c in claim_ops.claims_for_document(project, d)]
                if action == "create" and documents:
                    document = rng.choice(documents)
                    text = project.db.execute("SELECT text FROM documents WHERE id = ?", [document]).fetchone()[0]
                    start = rng.randrange(0, max(1, len(text) - 30))
                    inverse = run_command(project, CreateClaim(document, "statistic", start, start + 20)).result
                    claim = claim_ops.get_claim(project, inverse.claim_id)
                    say(op="create", claim=claim.id, quote=claim.quote)
                elif action == "edit" and claims:
                    claim = rng.choice(claims)
                    note = f"note {seed}-{step}"
                    run_command(project, EditClaim(claim.id, {"note": note}))
                    say(op="edit", claim=claim.id, note=note)
                elif action == "delete" and claims:
                    claim = rng.choice(claims)
                    inverse = run_command(project, DeleteClaim(claim.id)).result
                    say(op="delete", claim=claim.id)
                    if rng.random() < 0.5:  # and undo it, as an analyst would
                        run_command(project, inverse)
                        say(op="restore", claim=claim.id, quote=claim.quote)
                elif action == "suggest" and documents:
                    document = rng.choice(documents)
                    suggestion_ops.suggest_documents(project, [document])
                    pending = suggestion_ops.pending(project, document)
                    if pending:
                        inverse = run_command(project, AcceptSuggestion(pending[0].id)).result
                        claim_id = suggestion_ops.get_suggestion(project, pending[0].id).claim_id
                        say(op="create", claim=claim_id, quote=claim_ops.get_claim(project, claim_id).quote)
            except ClaimError:
                continue


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]))
