"""The parser child an import in the window runs with, booted before the files are chosen.

A child takes ~0.2 s to boot, a third of a 500-page PDF's import, so the window starts
one while the file dialog is open or files are dragged in and hands it to the import.
Children are started here, in the calling (GUI) thread: the kernel's parent-death signal
follows the thread that spawned the child, and only the main thread lives as long as the
process, so a child started in an import's worker thread could outlive a killed window.
The window reaches the parser only through this module (ui/ does not import core.worker).
"""

from __future__ import annotations

from claimdesk.core.worker import ParseLimits, ParserProcess
from claimdesk.ops.importing import ImportOptions


class StandbyParser:
    """At most one booted child with the default limits, waiting for the next import."""

    def __init__(self) -> None:
        self._parser: ParserProcess | None = None

    @property
    def pid(self) -> int | None:
        """The waiting child's process id (None when none waits)."""
        return self._parser.pid if self._parser is not None else None

    def boot(self) -> None:
        if self._parser is None:
            self._parser = ParserProcess(ParseLimits(), preload_pdf=True)
            self._parser.start()

    def close(self) -> None:
        if self._parser is not None:
            self._parser.close()
            self._parser = None

    def hand_over(self, options: ImportOptions) -> ParserProcess:
        """The running child for one import, which closes it (``with parser:``) when done:
        the waiting one when the import asks for the default limits, else a new one with
        the import's limits (the waiting one stays for the next import). A fresh child for
        every import: no memory carried over from hostile files."""
        if options.limits == ParseLimits() and self._parser is not None:
            parser, self._parser = self._parser, None
            return parser
        parser = ParserProcess(options.limits, preload_pdf=True)
        parser.start()
        return parser
