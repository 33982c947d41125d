"""Inputs the parser's limits do not cover (issue 16): what reaches the main process
before the worker's time and memory caps apply - FIFOs, devices, huge files, links out
of a folder - and what the parser itself used to get wrong: HTML nested past libxml2's
depth, temp files and orphaned children after a kill, unreadable error texts."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import threading
import time
import zipfile
from io import BytesIO
from pathlib import Path

import pytest

from claimdesk.core.model import ReaderError
from claimdesk.core.readers import read_document
from claimdesk.core.worker import ParseFailed, ParseLimits, ParserProcess
from claimdesk.ops.importing import DUPLICATE, FAILED, IMPORTED, SKIPPED, ImportOptions, import_paths
from tests.factories import make_epub, zip_bomb

REPO = Path(__file__).resolve().parents[2]


def _import_within(project, paths, seconds=60, **options):
    """import_paths in a thread that must finish in time: a hang fails the test, not the suite."""
    outcome: list = []
    worker = threading.Thread(target=lambda: outcome.append(
        import_paths(project, paths, options=ImportOptions(**options))), daemon=True)
    worker.start()
    worker.join(seconds)
    assert not worker.is_alive(), f"import of {paths} still running after {seconds} s"
    return {r.path.name: r for r in outcome[0].results}


def _stored_originals(project) -> int:
    return project.db.execute("SELECT count(*) FROM originals").fetchone()[0]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_fifo_named_like_a_text_file_is_refused_not_read(project, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    os.mkfifo(folder / "x.txt")
    (folder / "good.txt").write_text("The fund allocated 4 billion tenge.")
    in_folder = _import_within(project, [folder])
    assert in_folder["x.txt"].status == SKIPPED and "regular file" in in_folder["x.txt"].message
    assert in_folder["good.txt"].status == IMPORTED
    named = _import_within(project, [folder / "x.txt"])
    assert named["x.txt"].status == FAILED and "not a regular file" in named["x.txt"].message


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_a_link_to_a_device_is_refused_before_any_read(project, tmp_path):
    (tmp_path / "zero.txt").symlink_to("/dev/zero")
    results = _import_within(project, [tmp_path / "zero.txt"], seconds=30)
    assert results["zero.txt"].status == FAILED and "not a regular file" in results["zero.txt"].message
    assert _stored_originals(project) == 0


def test_files_above_the_size_limit_are_refused_with_the_limit_named(project, tmp_path):
    big = tmp_path / "big.txt"
    big.write_bytes(b"The fund allocated 2 billion tenge. " * 60_000)  # 2.2 MB
    results = _import_within(project, [big], max_file_mb=1)
    assert results["big.txt"].status == FAILED
    assert "too large" in results["big.txt"].message and "limit is 1 MB" in results["big.txt"].message
    assert _stored_originals(project) == 0
    assert _import_within(project, [big], max_file_mb=3)["big.txt"].status == IMPORTED


def test_the_default_size_limit_is_documented():
    from claimdesk.ops.importing import DEFAULT_MAX_FILE_MB

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert f"{DEFAULT_MAX_FILE_MB} MB" in readme and "--max-file-mb" in readme and "--follow-links" in readme


def test_folder_imports_do_not_follow_links_out_of_the_folder(project, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("Private: the password list of 40 users.")
    (outside / "deeper").mkdir()
    (outside / "deeper" / "other.txt").write_text("Another private file with 12 entries.")
    folder = tmp_path / "shared"
    folder.mkdir()
    (folder / "report.txt").write_text("The akimat allocated 9 billion tenge.")
    (folder / "leak.txt").symlink_to(outside / "secret.txt")
    (folder / "linked-dir").symlink_to(outside / "deeper", target_is_directory=True)
    (folder / "alias.txt").symlink_to(folder / "report.txt")  # inside the folder: fine (a duplicate)
    results = _import_within(project, [folder])
    assert results["leak.txt"].status == SKIPPED and "--follow-links" in results["leak.txt"].message
    assert results["linked-dir"].status == SKIPPED
    assert {results["report.txt"].status, results["alias.txt"].status} == {IMPORTED, DUPLICATE}
    texts = " ".join(row[0] for row in project.db.execute("SELECT text FROM documents"))
    assert "password list" not in texts and "private file" not in texts
    followed = _import_within(project, [folder], follow_links=True)
    assert followed["leak.txt"].status == IMPORTED and followed["other.txt"].status == IMPORTED


@pytest.mark.parametrize("depth", [300, 3000, 20000])
def test_deeply_nested_html_keeps_all_its_text(depth):
    page = ("<html><head><title>Deep page</title></head><body><p>Intro 1 school.</p>" + "<div>" * depth
            + "<p>The ministry allocated 5 billion tenge.</p>" + "</div>" * depth
            + "<p>Closing line with 7 clinics.</p></body></html>")
    document = read_document(page.encode(), "deep.html")
    assert document.text.split("\n") == ["Intro 1 school.", "The ministry allocated 5 billion tenge.",
                                         "Closing line with 7 clinics."]
    assert document.title == "Deep page"


def test_deeply_nested_epub_chapters_keep_all_their_text():
    chapter = ("<?xml version='1.0' encoding='utf-8'?>\n<html xmlns='http://www.w3.org/1999/xhtml'><body>"
               + "<div>" * 3000 + "<p>Deep chapter text, 3 bridges.</p>" + "</div>" * 3000
               + "<p>After.</p></body></html>")
    source = zipfile.ZipFile(BytesIO(make_epub([("One", "<p>placeholder</p>")])))
    rebuilt = BytesIO()  # EbookLib's writer would itself cut the chapter at libxml2's depth
    with zipfile.ZipFile(rebuilt, "w") as archive:
        for name in source.namelist():
            archive.writestr(name, chapter if name == "EPUB/c0.xhtml" else source.read(name))
    text = read_document(rebuilt.getvalue(), "book.epub").text
    assert "Deep chapter text, 3 bridges." in text and "After." in text


def test_an_epub_parse_stopped_on_its_timeout_leaves_no_temp_file(tmp_path, monkeypatch):
    temp = tmp_path / "tmp"
    temp.mkdir()
    monkeypatch.setenv("TMPDIR", str(temp))  # the child's tempfile directory
    paragraphs = "".join(f"<p>Paragraph {n} of the long chapter: 5 billion tenge.</p>" for n in range(400_000))
    book = make_epub([("Long", paragraphs)])
    with ParserProcess(ParseLimits(seconds=0.5, memory_mb=2048)) as parser:
        with pytest.raises(ParseFailed, match="longer than"):
            parser.parse(book, "long.epub")
    assert list(temp.iterdir()) == []


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, IndexError):
        return False
    return state not in ("Z", "X")  # a zombie has ended: only its exit status waits to be read


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_the_parser_dies_with_its_parent(tmp_path):
    """A parent killed outright (SIGKILL) mid-parse: the child must not go on parsing."""
    script = tmp_path / "parent.py"
    script.write_text(textwrap.dedent("""
        import os, signal, sys, threading
        from claimdesk.core.worker import ParseLimits, ParserProcess
        if __name__ == "__main__":
            parser = ParserProcess(ParseLimits(seconds=600))
            parser.start()
            print(parser.pid, flush=True)
            data = ("<p>" + "word " * 40 + "</p>\\n").encode() * 400_000  # parses for many seconds
            poll = parser._conn.poll  # called once the whole file is down the pipe
            parser._conn.poll = lambda timeout: print("sent", flush=True) or poll(timeout)
            threading.Thread(target=lambda: parser.parse(data, "slow.html"), daemon=True).start()
            sys.stdin.readline()
            os.kill(os.getpid(), signal.SIGKILL)
    """))
    parent = subprocess.Popen([sys.executable, str(script)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, cwd=tmp_path)
    child_pid = int(parent.stdout.readline())
    assert parent.stdout.readline().strip() == "sent"
    time.sleep(1.0)  # the child is busy parsing by now (a real wait: the point is a kill mid-parse)
    assert _alive(child_pid)
    parent.stdin.write("\n")
    parent.stdin.flush()
    parent.wait(30)
    deadline = time.monotonic() + 5
    while _alive(child_pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    try:
        assert not _alive(child_pid), "the parser outlived its killed parent"
    finally:
        if _alive(child_pid):
            os.kill(child_pid, 9)
    assert "Traceback" not in parent.stderr.read()


def test_a_zip_bomb_docx_is_refused_in_words_not_python_internals():
    bomb = zip_bomb(["[Content_Types].xml", "_rels/.rels"], "word/document.xml", 300)
    with pytest.raises(ReaderError) as refused:
        read_document(bomb, "bomb.docx")
    assert "ZIP bomb" in str(refused.value) and "Error" not in str(refused.value)
    buffer = BytesIO()  # small, but with a malformed package description
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in ("[Content_Types].xml", "_rels/.rels", "word/document.xml"):
            archive.writestr(name, "<x/>")
    with pytest.raises(ReaderError) as damaged:
        read_document(buffer.getvalue(), "broken.docx")
    message = str(damaged.value)
    assert message.startswith("damaged DOCX") and "Error" not in message and "lxml" not in message


def test_the_parser_process_may_not_open_network_connections(tmp_path):
    """The guard runs in a spawned process set up exactly as the parser child is."""
    import multiprocessing

    log = tmp_path / "attempts.log"
    context = multiprocessing.get_context("spawn")
    with context.Pool(1) as pool:
        outcome = pool.apply(_connect_as_parser_child, (str(log),))
    assert outcome == "refused"
    assert "tried to connect" in log.read_text()


def _connect_as_parser_child(log_path: str) -> str:
    import socket

    from claimdesk.core import worker

    os.environ[worker.NETWORK_LOG_ENV] = log_path
    worker.prepare_child(2048, os.getppid(), death_signal=False)
    try:
        socket.create_connection(("192.0.2.1", 80), timeout=0.5)  # TEST-NET: never routed
    except PermissionError:
        return "refused"
    except OSError as exc:
        return f"not guarded: {exc}"
    return "connected"
