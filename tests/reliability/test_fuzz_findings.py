"""What `make fuzz` found once the readers were instrumented and seeded (issue 16):
crafted files that ended in Python internals instead of a ReaderError, and the fuzz
target itself, which must import the readers inside atheris' instrumentation."""

from __future__ import annotations

import io
import json
import struct
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import pytest

from claimdesk.core.model import ReaderError
from claimdesk.core.readers import read_document

REPO = Path(__file__).resolve().parents[2]
READERS = ["claimdesk.core.readers." + name for name in ("text", "html", "pdf", "docx", "epub")]


def test_a_zip_whose_directory_points_outside_the_file_is_a_reader_error():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/epub+zip")
        archive.writestr("c.xhtml", "<p>x</p>")
    data = bytearray(buffer.getvalue())
    end = data.rfind(b"PK\x05\x06")
    directory = struct.unpack("<I", data[end + 16:end + 20])[0]
    data[end + 16:end + 20] = struct.pack("<I", directory + 100)  # zipfile then seeks before the start
    with pytest.raises(ReaderError, match="damaged ZIP container"):
        read_document(bytes(data), "book.epub")


def test_html_with_a_control_character_after_a_dropped_element_keeps_its_text():
    page = b"<html><body><p>Budget 5 billion tenge.</p><script>x</script>\x01 tail words here</body></html>"
    assert read_document(page, "a.html").text == "Budget 5 billion tenge.\ntail words here"


def test_a_pdf_counting_more_pages_than_it_has_is_a_reader_error():
    import pymupdf

    document = pymupdf.open()
    document.new_page().insert_text((72, 72), "The fund allocated 4 billion tenge.")
    pdf = pymupdf.open("pdf", document.tobytes())
    pages = int(pdf.xref_get_key(pdf.pdf_catalog(), "Pages")[1].split()[0])
    pdf.xref_set_key(pages, "Count", "2")
    with pytest.raises(ReaderError, match="damaged PDF"):
        read_document(pdf.tobytes(), "a.pdf")


def test_the_fuzz_target_instruments_the_readers_and_seeds_each_one(tmp_path):
    """Run with a stand-in for atheris that records what is imported inside instrument_imports()."""
    (tmp_path / "atheris.py").write_text(textwrap.dedent("""
        import contextlib, json, os, sys

        @contextlib.contextmanager
        def instrument_imports():
            before = set(sys.modules)
            yield
            with open(os.environ["INSTRUMENTED_LOG"], "w") as log:
                json.dump(sorted(set(sys.modules) - before), log)
    """))
    log = tmp_path / "instrumented.json"
    probe = textwrap.dedent("""
        import sys
        sys.path.insert(0, "fuzz")
        import fuzz_targets
        from claimdesk.core.readers import read_document
        seeds = fuzz_targets.reader_seeds()
        assert sorted(seeds) == sorted(fuzz_targets.NAMES), sorted(seeds)
        for name, data in seeds.items():
            read_document(data, name)  # each seed is a valid file of its type
        print("ok")
    """)
    env = {**__import__("os").environ, "PYTHONPATH": str(tmp_path), "INSTRUMENTED_LOG": str(log)}
    result = subprocess.run([sys.executable, "-c", probe], cwd=REPO, env=env, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0 and result.stdout.strip() == "ok", result.stderr[-2000:]
    instrumented = set(json.loads(log.read_text()))
    assert set(READERS) <= instrumented, set(READERS) - instrumented
