"""Coverage-guided fuzzing with atheris (make fuzz): the readers and the number grammar.

    make fuzz                      # 60 s per target
    FUZZ_SECONDS=600 make fuzz     # longer

A crash is any exception other than ReaderError from a reader, or any exception from
the grammar; atheris writes the input that caused it to ./crash-*."""

import io
import os
import sys
import tempfile

import atheris

# read_document imports each reader when a file of its type first arrives, which would be
# after this block: uninstrumented, so the fuzzer saw only the sniffing (92 edges). The
# readers and the pure-Python libraries they drive are imported here, instrumented.
READER_MODULES = ("claimdesk.core.readers.text", "claimdesk.core.readers.html", "claimdesk.core.readers.pdf",
                  "claimdesk.core.readers.docx", "claimdesk.core.readers.epub", "docx", "ebooklib.epub")

with atheris.instrument_imports():
    import importlib

    from claimdesk.core.model import ReaderError
    from claimdesk.core.numbers import find_quantities
    from claimdesk.core.readers import read_document

    for _module in READER_MODULES:
        importlib.import_module(_module)

NAMES = ["a.txt", "a.html", "a.md", "a.pdf", "a.docx", "a.epub"]


def reader_seeds() -> dict[str, bytes]:
    """One small valid file per reader: random bytes almost never make a ZIP or a PDF,
    so without these the fuzzer would not get past sniffing into DOCX, EPUB and PDF."""
    import ebooklib.epub
    import pymupdf
    from docx import Document

    pdf = pymupdf.open()
    pdf.new_page().insert_text((72, 72), "The fund allocated 4 billion tenge.", fontsize=11)
    word = Document()
    word.add_paragraph("The ministry allocated 2,5 trillion tenge.")
    word.add_table(rows=1, cols=2).rows[0].cells[0].text = "45 schools"
    docx_bytes = io.BytesIO()
    word.save(docx_bytes)
    book = ebooklib.epub.EpubBook()
    book.set_identifier("seed")
    book.set_title("Seed")
    chapter = ebooklib.epub.EpubHtml(title="One", file_name="c1.xhtml")
    chapter.content = "<html><body><h1>One</h1><p>By 2030, 12 bridges will be rebuilt.</p></body></html>"
    book.add_item(chapter)
    book.add_item(ebooklib.epub.EpubNcx())
    book.add_item(ebooklib.epub.EpubNav())
    book.spine = ["nav", chapter]
    epub_bytes = io.BytesIO()
    ebooklib.epub.write_epub(epub_bytes, book)
    return {
        "a.txt": "Министерство выделило 1,3 млрд тенге.\nAbout 900 people took part.".encode(),
        "a.html": b"<html><head><title>T</title><meta property='og:site_name' content='Gov'></head><body>"
                  b"<article><p>The akimat allocated 9 billion tenge.</p><div><div><p>Deep</p></div></div>"
                  b"</article></body></html>",
        "a.md": b"# Title\n\n**KZT 5 bln** allocated.",
        "a.pdf": pdf.tobytes(),
        "a.docx": docx_bytes.getvalue(),
        "a.epub": epub_bytes.getvalue(),
    }


def write_seed_corpus() -> str:
    """A temp folder of seeds in the target's layout: the file, then one byte that picks
    its name (atheris takes ConsumeIntInRange from the end of the input)."""
    folder = tempfile.mkdtemp(prefix="claimdesk-fuzz-readers-")
    for name, data in reader_seeds().items():
        with open(os.path.join(folder, name), "wb") as handle:
            handle.write(data + bytes([NAMES.index(name)]))
    return folder


def readers(data: bytes) -> None:
    provider = atheris.FuzzedDataProvider(data)
    name = NAMES[provider.ConsumeIntInRange(0, len(NAMES) - 1)]
    try:
        read_document(provider.ConsumeBytes(provider.remaining_bytes()), name)
    except ReaderError:
        pass


def grammar(data: bytes) -> None:
    text = atheris.FuzzedDataProvider(data).ConsumeUnicodeNoSurrogates(2000)
    for quantity in find_quantities(text):
        assert text[quantity.start:quantity.end] == quantity.as_written


if __name__ == "__main__":
    target = {"readers": readers, "grammar": grammar}[sys.argv[1]]
    arguments = sys.argv[:1] + sys.argv[2:]
    if target is readers and not any(not a.startswith("-") for a in arguments[1:]):
        arguments.append(write_seed_corpus())  # no corpus given: start from one valid file per reader
    atheris.Setup(arguments, target)
    atheris.Fuzz()
