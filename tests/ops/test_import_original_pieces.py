"""An import stores the file's bytes read again in pieces (not kept in memory beside the
parsed text, issue 16), and refuses a file that changed between the parse and the store."""

from __future__ import annotations

import pytest

from claimdesk.core.worker import ParserProcess
from claimdesk.ops.importing import FAILED, IMPORTED, FileOriginal, import_paths


def _stored(project):
    return (project.db.execute("SELECT count(*) FROM documents").fetchone()[0],
            project.db.execute("SELECT count(*) FROM originals").fetchone()[0])


def test_the_original_is_stored_byte_for_byte(project, tmp_path, monkeypatch):
    monkeypatch.setattr(FileOriginal, "PIECE", 7)  # many pieces, the last one short
    source = tmp_path / "release.txt"
    source.write_bytes("Акимат выделил 12 млрд тенге.\r\n".encode() * 5)
    [result] = import_paths(project, [source]).results
    assert result.status == IMPORTED
    assert project.db.execute("SELECT content, size FROM originals").fetchone() == (
        source.read_bytes(), source.stat().st_size)


@pytest.mark.parametrize("change", [
    lambda path: path.write_bytes(path.read_bytes() + b" and more"),  # grew
    lambda path: path.write_bytes(path.read_bytes()[:-3]),  # shrank
    lambda path: path.write_bytes(path.read_bytes().replace(b"12", b"13")),  # same size, other bytes
    lambda path: path.unlink(),  # gone
])
def test_a_file_changed_while_it_was_parsed_is_refused_and_nothing_is_stored(project, tmp_path, monkeypatch,
                                                                             change):
    source = tmp_path / "release.txt"
    source.write_bytes(b"The akimat allocated 12 billion tenge for roads.\n" * 3)
    parse = ParserProcess.parse

    def parse_then_change(self, data, file_name, **kwargs):
        parsed = parse(self, data, file_name, **kwargs)
        change(source)
        return parsed

    monkeypatch.setattr(ParserProcess, "parse", parse_then_change)
    [result] = import_paths(project, [source]).results
    assert result.status == FAILED
    assert "changed while it was being imported" in result.message or "cannot read it again" in result.message
    assert _stored(project) == (0, 0)


def test_a_long_text_stored_from_its_utf8_bytes_reads_back_as_the_same_text(project, tmp_path):
    from claimdesk.core.normalize import sha256_hex
    from claimdesk.core.readers import read_document
    from claimdesk.ops import importing

    source = tmp_path / "long.txt"
    source.write_text("Әкімдік 12,4 млрд теңге бөлді; ёлка, Économie.\n" * (importing._LONG_TEXT_CHARS // 40),
                      encoding="utf-8")
    expected = read_document(source.read_bytes(), source.name).text
    assert len(expected) > importing._LONG_TEXT_CHARS
    [result] = import_paths(project, [source]).results
    assert result.status == IMPORTED
    assert project.db.execute("SELECT typeof(text), text, text_sha256 FROM documents").fetchone() == (
        "text", expected, sha256_hex(expected))
