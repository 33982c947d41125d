"""Parses untrusted files in a child process with a time limit and a memory cap.

A hostile PDF can hang MuPDF, exhaust memory or crash the interpreter; none of that
may reach the app or the CLI. One long-lived child (spawned, never forked, so a Qt
process is never cloned) serves a whole batch and is replaced after a timeout or a
crash. The memory cap is an address-space limit (RLIMIT_AS) where the OS has one.

The child ignores Ctrl+C (SIGINT reaches a terminal's whole process group): the parent
decides what an interrupt means and ends the child with ``stop()``. SIGINT is ignored
while the child is spawned, so the child ignores it from its first instruction on, not
only once ``_child_main`` runs.

The child never outlives its parent: on Linux the kernel kills it when the parent dies
(PR_SET_PDEATHSIG, set when the main thread spawns it), and everywhere a watch thread
ends it once its parent is gone, so a killed app leaves no parser chewing on a file.
The child may not open network connections at all; with CLAIMDESK_NETWORK_LOG set (the
test suite's ``no_network``) each attempt is also written to that file.
A file's bytes go down the pipe as one raw message (no pickled copy of them).
"""

from __future__ import annotations

import importlib
import multiprocessing
import os
import signal
import socket
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import NoReturn, cast

from claimdesk.core.model import ParsedDocument, PasswordRequired, ReaderError


@dataclass(frozen=True)
class ParseLimits:
    seconds: float = 120.0
    memory_mb: int = 3072


class ParseFailed(ReaderError):
    """The worker timed out, ran out of memory or died; the message says which."""


NETWORK_LOG_ENV = "CLAIMDESK_NETWORK_LOG"
_PR_SET_PDEATHSIG = 1


def prepare_child(memory_mb: int, parent_pid: int, death_signal: bool) -> None:
    """Everything the child sets up before it reads a byte: no Ctrl+C, the memory cap,
    death with the parent, no network."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        import resource

        limit = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ImportError, ValueError, OSError):
        pass  # Windows has no RLIMIT_AS; the time limit still applies
    killed_with_parent = death_signal and _die_with_parent()
    if os.getppid() != parent_pid:
        os._exit(1)  # the parent died while this child was starting
    if not killed_with_parent:
        _start_parent_watch(parent_pid)
    _refuse_network(os.environ.get(NETWORK_LOG_ENV))


def _die_with_parent() -> bool:
    """The kernel kills the child when the parent ends (Linux), if it can be asked to."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        import ctypes

        return int(ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)) == 0
    except (OSError, AttributeError):
        return False


def _start_parent_watch(parent_pid: int) -> None:
    """Elsewhere a thread polls for the parent. A thread costs address space under the memory
    cap: its stack (8 MB by default, so a small one here) and, on glibc, a 64 MB malloc arena
    of its own (so the process keeps one): with the watch a 100 MB cap left ~4 MB to parse in.
    Hence it runs only where the kernel cannot do the job."""
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            ctypes.CDLL(None).mallopt(_M_ARENA_MAX, 1)  # the thread shares the main arena
        except (OSError, AttributeError):
            pass  # not glibc: no per-thread arenas to share
    previous = threading.stack_size(_WATCH_STACK)
    try:
        threading.Thread(target=_watch_parent, args=(parent_pid,), name="parent-watch", daemon=True).start()
    finally:
        threading.stack_size(previous)


_WATCH_STACK = 256 * 1024
_M_ARENA_MAX = -8  # glibc's mallopt parameter


def _watch_parent(parent_pid: int) -> None:
    while os.getppid() == parent_pid:  # an orphan is handed to another process
        time.sleep(0.5)
    os._exit(1)


def _refuse_network(log_path: str | None) -> None:
    """Readers never need the network: any connection from the child fails (and is logged)."""
    def refuse(*address: object) -> NoReturn:
        if log_path:
            with open(log_path, "a", encoding="utf-8") as log:
                log.write(f"parser process {os.getpid()} tried to connect: {address!r}\n")
        raise PermissionError("the parser process may not use the network")

    # setattr: replacing the methods for this process is the point
    setattr(socket.socket, "connect", lambda self, *args: refuse(*args))  # noqa: B010
    setattr(socket.socket, "connect_ex", lambda self, *args: refuse(*args))  # noqa: B010
    setattr(socket, "create_connection", lambda *args, **kwargs: refuse(*args))  # noqa: B010


def _child_main(conn: Connection, memory_mb: int, preload_pdf: bool, parent_pid: int, death_signal: bool) -> None:
    prepare_child(memory_mb, parent_pid, death_signal)
    from claimdesk.core.readers import read_document

    if preload_pdf:
        importlib.import_module("pymupdf")  # ~0.12 s, paid while the user still picks files
    while True:
        try:
            request = conn.recv()
        except (EOFError, OSError):
            return
        if request is None:
            return
        file_name, password, encoding = request
        try:
            data = conn.recv_bytes()
        except (EOFError, OSError):
            return
        except MemoryError:
            data = None
        reply: tuple[str, object]
        if data is None:
            reply = ("error", f"ran out of memory while receiving the file (limit {memory_mb} MB)")
            if not _send(conn, reply):
                return
            continue
        try:
            reply = ("ok", read_document(data, file_name, password=password, encoding=encoding))
        except PasswordRequired as exc:
            reply = ("password", str(exc))
        except ReaderError as exc:
            reply = ("error", str(exc))
        except MemoryError:
            reply = ("error", f"ran out of memory while parsing (limit {memory_mb} MB)")
        except RecursionError:
            reply = ("error", "structure nested too deeply to parse")
        except Exception as exc:  # a reader bug must still end as one clear line
            reply = ("error", f"could not be parsed ({type(exc).__name__}: {exc})")
        del data
        try:
            sent = _send(conn, reply)
        except MemoryError:
            sent = _send(conn, ("error", f"ran out of memory while parsing (limit {memory_mb} MB)"))
        if not sent:
            return


def _send(conn: Connection, reply: tuple[str, object]) -> bool:
    """False when the parent has gone (a closed pipe ends the child quietly, no traceback)."""
    try:
        conn.send(reply)
    except (BrokenPipeError, ConnectionResetError, EOFError):
        return False
    return True


class ParserProcess:
    """A reusable parsing child. Use as a context manager around a batch, or ``start()``
    one ahead of time (the GUI does while the user picks files: a child takes ~0.2 s
    to boot, a third of a 500-page PDF's import) and pass it to the import."""

    def __init__(self, limits: ParseLimits | None = None, *, preload_pdf: bool = False):
        self.limits = limits or ParseLimits()
        self.preload_pdf = preload_pdf
        self._process: BaseProcess | None = None
        self._conn: Connection | None = None

    def __enter__(self) -> "ParserProcess":
        self.start()  # the child boots while the caller reads and hashes the first file
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def parse(self, data: bytes, file_name: str, *, password: str | None = None,
              encoding: str | None = None) -> ParsedDocument:
        process, conn = self._running()
        try:
            conn.send((file_name, password, encoding))
            conn.send_bytes(data)
        except (BrokenPipeError, OSError):
            self._kill()
            raise ParseFailed("the parser process stopped unexpectedly") from None
        if not conn.poll(self.limits.seconds):
            self._kill()
            raise ParseFailed(f"parsing took longer than {self.limits.seconds:g} s and was stopped")
        try:
            status, payload = conn.recv()
        except (EOFError, OSError):
            code = process.exitcode
            self._kill()
            raise ParseFailed(f"the parser crashed on this file (exit code {code})") from None
        if status == "ok":
            return cast(ParsedDocument, payload)
        if status == "password":
            raise PasswordRequired(payload)
        raise ReaderError(payload)

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None

    def stop(self) -> None:
        """Ends the child now; a parse in flight fails with ParseFailed. Safe to call from a
        signal handler in the thread blocked in ``parse()`` (the pipe stays open until then),
        or from another thread (the window's Cancel) while the parsing thread may be closing."""
        process = self._process  # read once: the parsing thread may set it to None meanwhile
        if process is not None and process.is_alive():
            process.kill()

    def close(self) -> None:
        if self._process is None or self._conn is None:
            return
        try:
            self._conn.send(None)
            self._process.join(timeout=5)
        except (BrokenPipeError, OSError):
            pass
        self._kill()

    def start(self) -> None:
        """Starts the child unless it is running (after a crash or timeout, a new one)."""
        if self._process is not None and self._process.is_alive():
            return
        context = multiprocessing.get_context("spawn")
        parent, child = context.Pipe()
        # the kernel's parent-death signal follows the spawning thread: only the main thread lives as long
        # as the process
        death_signal = threading.current_thread() is threading.main_thread()
        process = context.Process(target=_child_main,
                                  args=(child, self.limits.memory_mb, self.preload_pdf, os.getpid(), death_signal),
                                  name="claimdesk-parser", daemon=True)
        with _sigint_ignored():
            process.start()
        child.close()
        self._process, self._conn = process, parent

    def _running(self) -> tuple[BaseProcess, Connection]:
        self.start()
        if self._process is None or self._conn is None:  # start() sets both or raises
            raise ParseFailed("the parser process could not be started")
        return self._process, self._conn

    def _kill(self) -> None:
        if self._process is not None:
            if self._process.is_alive():
                self._process.kill()
            self._process.join(timeout=5)
        if self._conn is not None:
            self._conn.close()
        self._process = None
        self._conn = None


@contextmanager
def _sigint_ignored() -> Iterator[None]:
    """Ignores SIGINT while a child is spawned: an ignored signal stays ignored across exec,
    and Python keeps it so, so the child ignores Ctrl+C from its first instruction on.
    SIGINT is blocked meanwhile, so one that arrives now waits for the parent's own handler
    instead of being dropped (Linux keeps a blocked signal pending even while ignored).
    Only the main thread may change handlers."""
    if threading.current_thread() is not threading.main_thread() or signal.getsignal(signal.SIGINT) is None:
        yield  # None: a handler set outside Python, which could not be put back
        return
    can_block = hasattr(signal, "pthread_sigmask")  # not on Windows
    if can_block:
        from multiprocessing import resource_tracker

        resource_tracker.ensure_running()  # starting it unblocks SIGINT, which would drop one held back here
        mask = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
        if can_block:
            signal.pthread_sigmask(signal.SIG_SETMASK, mask)
