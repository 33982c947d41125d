"""One QUndoCommand adapter over the Qt-free claim commands of ``ops.claims``.

A command is executed *before* it is pushed, so an invalid edit raises its ClaimError
to the caller and never enters the stack. After that, redo runs the forward command and
undo the inverse that the last run returned (Orange3's paint-data pattern).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand, QUndoStack

from claimdesk.core.claims import ClaimError

Runner = Callable[[object], object]  # executes a claim command, returns its inverse


class ClaimCommand(QUndoCommand):
    def __init__(self, runner: Runner, forward, inverse, text: str, on_error: Callable[[str], None]):
        super().__init__(text)
        self._run, self._forward, self._inverse, self._on_error = runner, forward, inverse, on_error
        self._first_redo = True

    def redo(self) -> None:
        if self._first_redo:  # already done by ClaimUndoStack.run
            self._first_redo = False
            return
        try:
            self._inverse = self._run(self._forward)
        except ClaimError as exc:
            self._on_error(f"Cannot redo {self.text()}: {exc}")
            self.setObsolete(True)

    def undo(self) -> None:
        try:
            self._forward = self._run(self._inverse)
        except ClaimError as exc:
            self._on_error(f"Cannot undo {self.text()}: {exc}")
            self.setObsolete(True)


class ClaimUndoStack(QUndoStack):
    def __init__(self, runner: Runner, on_error: Callable[[str], None], parent=None):
        super().__init__(parent)
        self._runner, self._on_error = runner, on_error

    def run(self, command, text: str) -> object:
        """Executes a claim command and records it for undo; raises ClaimError if refused."""
        inverse = self._runner(command)
        self.push(ClaimCommand(self._runner, command, inverse, text, self._on_error))
        return inverse
