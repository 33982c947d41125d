"""The HTML fact sheet in a real browser: it renders, is not blank, makes no network
request and logs no console error."""

import shutil
import subprocess

import pytest

from claimdesk.core.claims import EditClaim
from claimdesk.ops import claims as claim_ops
from claimdesk.ops.commands import run_command
from claimdesk.ops.exporting import export
from claimdesk.ops.factsheet import ExportOptions
from claimdesk.ops.samples import ensure_sample_project
from claimdesk.paths import sample_claims_file
from tests.conftest import SAMPLES

BROWSER = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.skipif(BROWSER is None, reason="chromium is not installed (make test installs it where it can)")
def test_fact_sheet_renders_in_headless_chromium(tmp_path):
    import pymupdf

    with ensure_sample_project(tmp_path / "s.claimdesk", SAMPLES, sample_claims_file()) as project:
        for claim_id in claim_ops.claim_ids(project, claim_ops.ClaimFilter()):
            run_command(project, EditClaim(claim_id, {"status": "verified"}), actor="reviewer")
        html = tmp_path / "sheet.html"
        export(project, "html", html, ExportOptions(title="Sample fact sheet", timestamp="2026-11-28T12:00:00Z"))
    shot = tmp_path / "sheet.png"
    result = subprocess.run(
        [BROWSER, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--enable-logging=stderr", "--v=0",
         "--host-resolver-rules=MAP * ~NOTFOUND", f"--screenshot={shot}", "--window-size=1200,1600",
         html.as_uri()], capture_output=True, text=True, timeout=120)
    assert shot.exists(), result.stderr[-2000:]
    log = result.stderr
    assert "CONSOLE" not in log and "Uncaught" not in log, log[-2000:]
    assert "http://" not in log and "https://" not in log.replace("https://www.w3.org", ""), log[-2000:]
    pixmap = pymupdf.Pixmap(str(shot))
    samples = pixmap.samples
    colours = {samples[i:i + 3] for i in range(0, len(samples), 3 * 997)}
    assert len(colours) > 5, "the screenshot is blank"
