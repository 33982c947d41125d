"""Coverage-guided fuzzing with atheris (make fuzz): the readers and the number grammar.

    make fuzz                      # 60 s per target
    FUZZ_SECONDS=600 make fuzz     # longer

A crash is any exception other than ReaderError from a reader, or any exception from
the grammar; atheris writes the input that caused it to ./crash-*."""

import sys

import atheris

with atheris.instrument_imports():
    from claimdesk.core.model import ReaderError
    from claimdesk.core.numbers import find_quantities
    from claimdesk.core.readers import read_document

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
