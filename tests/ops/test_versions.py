"""A new version of a document (same source URL): claims re-anchored, nothing lost."""

from claimdesk.core.claims import CreateClaim
from claimdesk.ops import claims as claim_ops
from claimdesk.ops.importing import NEW_VERSION, import_paths
from claimdesk.ops.verify import verify

PAGE = """<html><head><link rel="canonical" href="https://gov.example/news/1"><title>Roads</title></head>
<body><article><h1>Roads programme</h1>
<p>The akimat has allocated 4.2 billion tenge to repair roads.</p>
<p>By 2027, 45 bridges will be rebuilt in the region.</p>
<p>About 900 people took part in hearings.</p>
</article></body></html>"""


def _claim(project, quote, kind):
    text = project.db.execute("SELECT text FROM documents WHERE id = 1").fetchone()[0]
    start = text.index(quote)
    return claim_ops.apply_command(project, CreateClaim(1, kind, start, start + len(quote))).claim_id


def test_new_version_reanchors_every_claim(project, tmp_path):
    first = tmp_path / "v1.html"
    first.write_text(PAGE)
    import_paths(project, [first])
    funding = _claim(project, "has allocated 4.2 billion tenge", "funding")
    target = _claim(project, "45 bridges will be rebuilt", "target")
    hearings = _claim(project, "About 900 people took part in hearings", "statistic")
    second = tmp_path / "v2.html"
    second.write_text(PAGE.replace("<h1>Roads programme</h1>", "<h1>Roads programme</h1><p>Updated on Friday.</p>")
                      .replace("45 bridges", "48 bridges")
                      .replace("<p>About 900 people took part in hearings.</p>", ""))
    report = import_paths(project, [second])
    assert report.results[0].status == NEW_VERSION and report.results[0].document_ids == [1]
    assert "1 changed, 1 moved, 1 orphaned" in report.results[0].message
    states = {c.id: (c.anchor_state, c.quote) for c in claim_ops.claims_for_document(project, 1)}
    assert states[funding] == ("moved", "has allocated 4.2 billion tenge")
    assert states[target] == ("changed", "48 bridges will be rebuilt")
    assert states[hearings][0] == "orphaned"
    assert project.db.execute("SELECT count(*) FROM originals").fetchone()[0] == 2  # the old one stays
    assert project.db.execute("SELECT count(*) FROM documents").fetchone()[0] == 1
    findings = {(f.check, f.subject) for f in verify(project).findings}
    assert ("orphaned", f"claim #{hearings}") in findings
    assert not [f for f in verify(project).errors]
    history = claim_ops.claim_history(project, target)
    assert history[-1]["action"] == "reanchor" and "changed" in history[-1]["note"]


def test_replace_a_document_explicitly_and_list_its_orphans(project, tmp_path):
    from claimdesk.core.claims import ClaimFilter
    from claimdesk.ops.importing import FAILED, ImportOptions

    first = tmp_path / "report.txt"
    first.write_text("Budget report\n\nThe fund spent 3 billion tenge on roads. It hired 40 engineers.")
    import_paths(project, [first])
    spent = _claim(project, "spent 3 billion tenge", "funding")
    hired = _claim(project, "hired 40 engineers", "statistic")
    second = tmp_path / "report-v2.txt"
    second.write_text("Budget report (revised)\n\nThe fund spent 3 billion tenge on roads and bridges.")
    result = import_paths(project, [second], options=ImportOptions(replace_document=1)).results[0]
    assert result.status == NEW_VERSION
    assert claim_ops.claim_ids(project, ClaimFilter(anchor_state="orphaned")) == [hired]
    assert claim_ops.get_claim(project, spent).anchor_state == "moved"
    missing = import_paths(project, [second], options=ImportOptions(replace_document=99)).results[0]
    assert missing.status == FAILED and "cannot replace document #99" in missing.message
