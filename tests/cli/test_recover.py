"""`claimdesk recover DAMAGED OUT`: saves what can be read into a new project that opens,
verifies and searches, says what was lost, and never changes the damaged file."""

from __future__ import annotations

import json
import os

import pytest

from claimdesk.cli import main
from claimdesk.ops.projects import open_existing
from claimdesk.ops.verify import verify
from tests.damage import FLIPPED_WORD, build_small_project, damaged_copies


@pytest.fixture(scope="module")
def damaged(tmp_path_factory):
    folder = tmp_path_factory.mktemp("damaged")
    source = build_small_project(folder / "small.claimdesk")
    with open_existing(source) as project:
        counts = {table: project.db.execute(f"SELECT count(*) FROM [{table}]").fetchone()[0]
                  for table in ("originals", "documents", "claims", "claim_events", "events", "suggestions")}
    return source, counts, damaged_copies(source, folder)


def _recover(path, out, capsys):
    before = path.read_bytes()
    listing = sorted(os.listdir(path.parent))
    code = main(["recover", str(path), str(out)])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    assert path.read_bytes() == before  # the damaged file is only read
    assert sorted(os.listdir(path.parent)) == sorted(listing + ([out.name] if out.parent == path.parent else []))
    return code, captured.out, captured.err


def _claims(path, capsys):
    assert main(["claims", str(path), "--jsonl"]) == 0
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def test_a_damaged_schema_is_repaired_and_everything_saved(damaged, tmp_path, capsys):
    source, counts, copies = damaged
    out = tmp_path / "saved.claimdesk"
    code, printed, _err = _recover(copies["schema"], out, capsys)
    assert code == 0 and "schema repaired: claims" in printed and "lost:" not in printed
    with open_existing(out) as project:
        assert verify(project, check_file=True).errors == []
        for table, count in counts.items():
            expected = count + 1 if table == "events" else count  # + the recovery itself
            assert project.db.execute(f"SELECT count(*) FROM [{table}]").fetchone()[0] == expected, table
    assert len(_claims(out, capsys)) == counts["claims"]
    assert main(["search", str(out), "clinic"]) == 0  # the search index was built through the product
    assert "Government approves rural clinic" in capsys.readouterr().out


def test_flipped_text_is_saved_with_the_damage_named(damaged, tmp_path, capsys):
    source, counts, copies = damaged
    out = tmp_path / "saved.claimdesk"
    code, printed, _err = _recover(copies["data"], out, capsys)
    assert code == 1
    assert "lost: documents:" in printed and "damaged text" in printed
    with open_existing(out) as project:
        saved = project.db.execute("SELECT count(*) FROM claims").fetchone()[0]
        assert saved == counts["claims"]
        report = verify(project, check_file=True)
        assert not any(f.check == "damaged-file" for f in report.findings)  # the new file is sound
        assert any(f.check == "original-hash" for f in report.errors)  # the changed bytes are named
    assert main(["export", str(out), "--format", "csv", "-o", str(tmp_path / "out.csv")]) == 0
    assert FLIPPED_WORD.decode() not in (tmp_path / "out.csv").read_text(encoding="utf-8")


def test_a_zeroed_page_loses_its_rows_and_says_so(damaged, tmp_path, capsys):
    source, counts, copies = damaged
    out = tmp_path / "saved.claimdesk"
    code, printed, _err = _recover(copies["zeroed"], out, capsys)
    assert code == 1 and "lost: claims:" in printed
    with open_existing(out) as project:
        assert verify(project, check_file=True).errors == []
        assert project.db.execute("SELECT count(*) FROM documents").fetchone()[0] == counts["documents"]
        assert project.db.execute("SELECT count(*) FROM suggestions").fetchone()[0] == counts["suggestions"]
    assert main(["docs", str(out)]) == 0


def test_recover_refuses_an_existing_target_and_a_missing_source(damaged, tmp_path, capsys):
    source, _counts, copies = damaged
    assert main(["recover", str(copies["data"]), str(source)]) == 1
    assert "already exists" in capsys.readouterr().err
    assert main(["recover", str(tmp_path / "none.claimdesk"), str(tmp_path / "x.claimdesk")]) == 1
    assert "no such project file" in capsys.readouterr().err
    assert not (tmp_path / "x.claimdesk").exists()


def test_rows_beyond_unreadable_pages_come_from_sqlites_recover(damaged, tmp_path, capsys, monkeypatch):
    """Where the direct read stops (the claims table's root page zeroed), the rows SQLite's
    .recover rebuilds are added; here the shell's result is stood in for by the sound
    project (the installed shell may lack a working .recover), and rows already saved stay once."""
    source, counts, copies = damaged
    from claimdesk.store import salvage

    def sound_rebuild(_copy, rebuilt):
        rebuilt.write_bytes(source.read_bytes())
        return None

    monkeypatch.setattr(salvage, "recover_with_shell", sound_rebuild)
    out = tmp_path / "saved.claimdesk"
    code, printed, _err = _recover(copies["zeroed"], out, capsys)
    assert f"{counts['claims']} of the saved rows found only by SQLite's .recover" in printed
    assert "refused" not in printed  # the claims' links to measures came back with their claims
    assert code == 1  # the direct read could not reach them: said, even though they were found
    with open_existing(out) as project:
        for table, count in counts.items():
            expected = count + 1 if table == "events" else count
            assert project.db.execute(f"SELECT count(*) FROM [{table}]").fetchone()[0] == expected, table
        assert verify(project, check_file=True).errors == []
    assert len(_claims(out, capsys)) == counts["claims"]
