"""Hostile inputs: a corpus generated here (≥ 40 files). Each import succeeds with the
right text or fails with a clear per-file message, inside its limits; a failed file
leaves the project unchanged; nothing opens a network connection."""

from __future__ import annotations

import random

import pytest

from claimdesk.core.worker import ParseLimits
from claimdesk.ops.importing import FAILED, IMPORTED, ImportOptions, import_paths
from tests.factories import make_docx, make_epub, make_pdf, zip_bomb

PHRASE = "Министрлік 2,5 трлн теңге бөлді"  # Kazakh: survives every encoding that can hold it
RUSSIAN = "Министерство выделило 1,3 млрд тенге на ремонт школ"


def _pdf_with_javascript() -> bytes:
    import pymupdf

    document = pymupdf.open("pdf", make_pdf(["The fund allocated 4 billion tenge."]))
    document.embfile_add("payload.exe", b"MZ" + b"\x00" * 64, filename="payload.exe")
    xref = document.get_new_xref()
    document.update_object(xref, "<< /S /JavaScript /JS (app.alert('x');) >>")
    document.xref_set_key(document.pdf_catalog(), "OpenAction", f"{xref} 0 R")
    return document.tobytes()


def build_corpus(folder, long: bool) -> dict[str, tuple[bytes, str | None]]:
    """name -> (bytes, text expected in the imported document, or None when it must fail)."""
    rng = random.Random(7)
    good_pdf = make_pdf(["The Ministry allocated 7 billion tenge.", "Second page of the report."])
    corpus: dict[str, tuple[bytes, str | None]] = {}
    for n, cut in enumerate((0.1, 0.3, 0.5, 0.7, 0.9)):
        corpus[f"truncated-{n}.pdf"] = (good_pdf[:int(len(good_pdf) * cut)], None)
    for n in range(6):
        mutated = bytearray(good_pdf)
        for _ in range(20):
            position = rng.randrange(len(mutated))
            mutated[position] = rng.randrange(256)
        corpus[f"mutated-{n}.pdf"] = (bytes(mutated), "any")  # may import or fail, never crash or hang
    corpus["encrypted.pdf"] = (make_pdf(["Secret"], password="pw"), None)
    corpus["javascript-and-embedded.pdf"] = (_pdf_with_javascript(), "The fund allocated 4 billion tenge.")
    corpus["bomb.docx"] = (zip_bomb(["[Content_Types].xml", "_rels/.rels"], "word/document.xml", 400), None)
    corpus["bomb.epub"] = (zip_bomb(["mimetype", "META-INF/container.xml"], "OEBPS/chapter.xhtml", 400), None)
    corpus["good.docx"] = (make_docx([RUSSIAN]), RUSSIAN)
    corpus["good.epub"] = (make_epub([("Chapter", f"<p>{RUSSIAN}</p>")]), RUSSIAN)
    corpus["junk.txt"] = (bytes(rng.randrange(256) for _ in range(4096)), None)
    corpus["empty.txt"] = (b"", None)
    corpus["nul-bytes.txt"] = ((RUSSIAN + "\x00\x00 tail").encode(), None)  # refused as binary, by design
    corpus["invalid-utf8.txt"] = (b"Budget \xff\xfe\xfa report: 5 billion tenge.\n" * 3, "5 billion tenge")
    corpus["rtl-override.txt"] = (f"Price \u202eKZT 005\u202c today. {RUSSIAN}".encode(), RUSSIAN)
    corpus["one-long-line.txt"] = (("word " * 1_000_000).encode(), "word word")
    for codec in ("cp1251", "koi8_r", "cp866", "iso8859_5", "mac_cyrillic", "utf-16", "utf-8-sig"):
        corpus[f"russian-{codec}.txt"] = ((RUSSIAN + ". " + RUSSIAN).encode(codec), RUSSIAN)
    for codec in ("kz1048", "utf-16", "utf-8"):
        corpus[f"kazakh-{codec}.txt"] = ((PHRASE + ". " + PHRASE + ".").encode(codec), PHRASE)
    corpus["latin1.txt"] = ("Café budget: 3 million euros for the école.".encode("latin-1"), "école")
    corpus["scripts.html"] = (b"<html><head><script>fetch('https://evil.example/x')</script>"
                              b"<meta http-equiv='refresh' content='0;url=https://evil.example'></head><body>"
                              b"<iframe src='https://evil.example'></iframe><img src='https://evil.example/p.gif'>"
                              b"<p>The akimat allocated 9 billion tenge.</p></body></html>",
                              "The akimat allocated 9 billion tenge.")
    corpus["nested.html"] = (("<div>" * 20000 + "<p>Deep text here.</p>" + "</div>" * 20000).encode(), "any")
    corpus["huge-attribute.html"] = (b"<p title='" + b"x" * 2_000_000 + b"'>Attribute text.</p>", "Attribute text.")
    corpus["not-really.pdf"] = (b"%PDF-1.7\n" + b"\x00" * 100, None)
    corpus["not-really.docx"] = (b"PK\x03\x04 this is not a zip", None)
    corpus["html-named.txt"] = (b"<html><body><p>Plain words 12 schools.</p></body></html>", "12 schools")
    corpus["crlf-mixed.txt"] = (b"Line one\r\nLine two\rLine three\n40 clinics.", "40 clinics.")
    corpus["bom-utf8.txt"] = ("\ufeff" + RUSSIAN).encode(), RUSSIAN
    corpus["only-whitespace.txt"] = (b" \n\t\n  ", None)
    corpus["control-chars.txt"] = (b"Start\x07\x08\x1b[31m 6 billion tenge end. " + b"Plain report text. " * 40,
                                   "6 billion tenge end")  # a few stray controls: dropped, text kept
    corpus["mostly-controls.txt"] = (b"\x07\x08\x1b" * 20 + b"abc", None)  # refused as binary
    corpus["markdown.md"] = (b"# Title\n\n**KZT 5 bln** allocated <script>x</script>.", "KZT 5 bln")
    if long:
        corpus["huge-300mb.txt"] = (b"The fund allocated 2 billion tenge. " * 8_400_000, "any")
    for name, (data, _) in corpus.items():
        (folder / name).write_bytes(data)
    return corpus


@pytest.mark.parametrize("long", [False, pytest.param(True, marks=pytest.mark.slow)],
                         ids=["standard", "with-300mb-file"])
def test_every_hostile_file_imports_correctly_or_fails_clearly(project, tmp_path, no_network, long):
    folder = tmp_path / "corpus"
    folder.mkdir()
    corpus = build_corpus(folder, long=long)
    assert len(corpus) >= 40
    limits = ParseLimits(seconds=60, memory_mb=1024)
    report = import_paths(project, sorted(folder.iterdir()), options=ImportOptions(limits=limits))
    results = {r.path.name: r for r in report.results}
    assert set(results) == set(corpus)
    for name, (_, expected) in corpus.items():
        result = results[name]
        if expected is None:
            assert result.status == FAILED and result.message, name
            assert len(result.message) < 300 and "Traceback" not in result.message, name
        elif expected != "any":
            assert result.status == IMPORTED, (name, result.message)
            text = project.db.execute("SELECT group_concat(text, ' ') FROM documents WHERE original_sha256 = "
                                      "(SELECT original_sha256 FROM documents WHERE id = ?)",
                                      [result.document_ids[0]]).fetchone()[0]
            assert expected in text, name
            assert "\x00" not in text and "\x07" not in text and "evil.example" not in text, name
        else:
            assert result.status in (IMPORTED, FAILED) and (result.status == IMPORTED or result.message), name
    failed_names = {n for n, r in results.items() if r.status == FAILED}
    stored = {row[0] for row in project.db.execute("SELECT first_file_name FROM originals")}
    assert not (failed_names & stored), "a failed file left its bytes behind"
    assert project.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
