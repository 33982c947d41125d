"""Relations through the ops layer and the CLI, on the seeds."""

import json
import subprocess
import sys

import pytest

from claimdesk.core.suggestion_commands import AcceptSuggestion, Batch
from claimdesk.ops import relations as relation_ops
from claimdesk.ops import suggestions as suggestion_ops
from claimdesk.ops.commands import run_command
from claimdesk.ops.importing import import_paths
from claimdesk.ops.projects import new_project


def test_seeds_yield_the_rural_facilities_relation_and_decisions_persist(tmp_path, seeds_dir):
    path = tmp_path / "seeds.claimdesk"
    with new_project(path) as project:
        import_paths(project, [seeds_dir])
        suggestion_ops.suggest_documents(project)
        run_command(project, Batch(tuple(AcceptSuggestion(s.id) for s in suggestion_ops.pending(project))))
        relation_ops.propose_relations(project)
        quotes = {row[0]: row[1] for row in project.db.execute("SELECT id, quote FROM claims")}
        pairs = {(r["kind"], frozenset((quotes[r["first"]][:20], quotes[r["second"]][:20])))
                 for r in relation_ops.list_relations(project)}
        assert ("corroborates", frozenset(("More than 650 medica", "655 primary healthca"))) in pairs
        assert ("corroborates", frozenset(("More than 650 medica", "about 700 medical fa"))) in pairs
        first = relation_ops.list_relations(project)[0]
        relation_ops.decide(project, first["id"], "dismissed", actor="reviewer")
        relation_ops.propose_relations(project)
        kept = [r for r in relation_ops.list_relations(project) if r["id"] == first["id"]]
        assert kept and kept[0]["state"] == "dismissed" and kept[0]["decided_by"] == "reviewer"
        with pytest.raises(LookupError):
            relation_ops.decide(project, 9999, "confirmed")
    result = subprocess.run([sys.executable, "-m", "claimdesk", "relations", str(path), "--jsonl"],
                            capture_output=True, text=True, timeout=120)
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert result.returncode == 0 and any(line["state"] == "dismissed" for line in lines)
