"""Coverage-guided fuzzing with atheris (make fuzz): the readers and the number grammar.

    make fuzz                      # 60 s per target
    FUZZ_SECONDS=600 make fuzz     # longer

A crash is any exception other than ReaderError from a reader, or any exception from
the grammar; atheris writes the input that caused it to ./crash-*."""

import sys

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
    atheris.Setup(sys.argv[:1] + sys.argv[2:], target)
    atheris.Fuzz()
