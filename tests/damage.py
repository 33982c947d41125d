"""A small real project and damaged copies of it, for the damage tests (reliability) and `recover` (CLI)."""

from __future__ import annotations

import sqlite3

from claimdesk.cli import main
from tests.conftest import SAMPLES

FLIPPED_WORD = b"clinic"  # in a sample's file name, text and quotes: a flip there damages every kind of row


def build_small_project(path):
    """A real small project, made as a user would: three samples, accepted suggestions,
    one claim verified by a second person."""
    assert main(["new", str(path)]) == 0
    assert main(["import", str(path), str(SAMPLES / "01-rural-clinics.txt"), str(SAMPLES / "02-city-roads.md"),
                 str(SAMPLES / "06-education-kk.txt")]) == 0
    assert main(["suggest", str(path), "--accept"]) == 0
    assert main(["review", str(path), "1", "--status", "verified", "--reviewer", "second reviewer"]) == 0
    return path


def _pages(path):
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?immutable=1", uri=True)
    try:
        roots = dict(conn.execute("SELECT name, rootpage FROM sqlite_master"))
        return roots, conn.execute("PRAGMA page_size").fetchone()[0]
    finally:
        conn.close()


def damaged_copies(source, folder):
    """Three damaged copies of ``source``: a flipped bit in the claims table's statement in
    the schema, a flipped bit in every stored occurrence of a word (data pages), and the
    claims table's root page zeroed."""
    data = source.read_bytes()
    roots, page_size = _pages(source)
    copies = {}

    schema = bytearray(data)
    at = data.find(b"CREATE TABLE claims (")
    assert at > 0
    schema[at + len("CREATE TABLE claims (") + 8] ^= 0x80  # inside a column name: no longer UTF-8
    copies["schema"] = schema

    flipped = bytearray(data)
    at = data.find(FLIPPED_WORD)
    assert at > 0
    while at >= 0:
        flipped[at + 2] ^= 0x80
        at = data.find(FLIPPED_WORD, at + 1)
    copies["data"] = flipped

    zeroed = bytearray(data)
    page = roots["claims"]
    zeroed[(page - 1) * page_size:page * page_size] = bytes(page_size)
    copies["zeroed"] = zeroed

    paths = {}
    for name, content in copies.items():
        paths[name] = folder / f"{name}.claimdesk"
        paths[name].write_bytes(bytes(content))
    return paths
