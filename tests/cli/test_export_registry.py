"""Each export format is defined once (exports/registry.py): a format registered there is
offered by `claimdesk export --format`, written by ops.exporting with the data it asks for,
and no other module spells out the list (File ▸ Export's side: tests/ui/test_export_dialog.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import claimdesk
from claimdesk.cli import main
from claimdesk.core.claims import CreateClaim
from claimdesk.exports import registry
from claimdesk.exports.registry import CITED_SOURCES, ExportFormat, RenderError, RenderInput
from claimdesk.ops import claims as claim_ops
from claimdesk.ops.exporting import ExportError, export
from claimdesk.ops.factsheet import ExportOptions
from claimdesk.ops.importing import import_paths
from claimdesk.ops.projects import new_project, open_existing

PACKAGE = Path(claimdesk.__file__).parent


@pytest.fixture
def tally_format(monkeypatch):
    """A format that writes how many claims it got, from which kinds and originals."""
    seen: list[RenderInput] = []

    def render(data: RenderInput) -> bytes:
        seen.append(data)
        return f"{data.sheet.count} claims; kinds {len(data.kinds)}; originals {sorted(data.originals)}".encode()

    monkeypatch.setitem(registry.FORMATS, "tally", ExportFormat("tally", ".tally", "claims counted", False, render,
                                                                 CITED_SOURCES))
    return seen


@pytest.fixture
def project_path(tmp_path):
    path = tmp_path / "p.claimdesk"
    source = tmp_path / "r.txt"
    source.write_text("The akimat allocated 9 billion tenge for schools.")
    with new_project(path) as project:
        [result] = import_paths(project, [source]).results
        claim_ops.apply_command(project, CreateClaim(result.document_ids[0], "funding", 21, 36,
                                                     {"amount": "9000000000", "currency": "KZT"}))
    return path


def test_a_registered_format_is_a_cli_choice_and_ops_writes_it_with_its_sources(tally_format, project_path, tmp_path):
    out = tmp_path / "sheet.tally"
    assert main(["export", str(project_path), "--format", "tally", "-o", str(out), "--draft"]) == 0
    assert out.read_text() == "1 claims; kinds 4; originals [1]"
    [data] = tally_format
    assert data.originals[1].text.startswith("The akimat allocated")  # gathered by ops, not read by the renderer


def test_a_renderer_refusal_is_an_export_error_and_nothing_is_written(monkeypatch, project_path, tmp_path):
    def refuse(data: RenderInput) -> bytes:
        raise RenderError("this format needs something the sheet lacks")

    monkeypatch.setitem(registry.FORMATS, "refuse", ExportFormat("refuse", ".x", "refuses", False, refuse))
    with open_existing(project_path) as project, pytest.raises(ExportError, match="needs something the sheet lacks"):
        export(project, "refuse", tmp_path / "out.x", ExportOptions(draft=True))
    assert list(tmp_path.glob("out.x*")) == [] and list(tmp_path.glob(".out.x*")) == []


def test_no_module_but_the_registry_lists_the_formats():
    # a format name as a string literal outside the registry is a second definition of it
    names = [n for n in registry.FORMATS if n not in ("html", "pdf", "md", "csv", "json")]  # common words
    pattern = re.compile("|".join(re.escape(f'"{n}"') for n in names))
    offenders = [str(p.relative_to(PACKAGE)) for p in PACKAGE.rglob("*.py")
                 if p.name not in ("registry.py", "selftest.py")  # the self-test exports qdpx: a use, not a list
                 and pattern.search(p.read_text())]
    assert offenders == []


def test_a_cited_document_removed_meanwhile_is_a_clear_error(tally_format, project_path, tmp_path, monkeypatch):
    from claimdesk.ops import exporting

    # another Claimdesk deleted the document between reading the sheet and gathering its sources
    monkeypatch.setattr(exporting.documents_repo, "get_document", lambda db, document_id: None)
    with open_existing(project_path) as project, pytest.raises(ExportError, match="#1 was removed while exporting"):
        export(project, "tally", tmp_path / "sheet.tally", ExportOptions(draft=True))
    assert not (tmp_path / "sheet.tally").exists() and tally_format == []
