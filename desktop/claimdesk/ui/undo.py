"""One QUndoCommand adapter over the Qt-free commands of ``ops.commands``.

A command is executed *before* it is pushed, so an invalid edit raises its ClaimError
to the caller and never enters the stack. After that, redo runs the forward command and
undo the inverse that the last run returned (Orange3's paint-data pattern). Every run,
undo and redo hands what it changed (the ``Outcome``'s ``changes``) to ``on_changes``.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand, QUndoStack

from claimdesk.core.claims import ClaimError
from claimdesk.ops.changes import Changes, Outcome

Runner = Callable[[object], Outcome]  # executes a command: its inverse and what it changed


class ClaimCommand(QUndoCommand):
    def __init__(self, stack: ClaimUndoStack, forward, inverse, text: str):
        super().__init__(text)
        self._stack, self._forward, self._inverse = stack, forward, inverse
        self._first_redo = True

    def redo(self) -> None:
        if self._first_redo:  # already done by ClaimUndoStack.run
            self._first_redo = False
            return
        try:
            self._inverse = self._stack.apply(self._forward).result
        except ClaimError as exc:
            self._stack.on_error(f"Cannot redo {self.text()}: {exc}")
            self.setObsolete(True)

    def undo(self) -> None:
        try:
            self._forward = self._stack.apply(self._inverse).result
        except ClaimError as exc:
            self._stack.on_error(f"Cannot undo {self.text()}: {exc}")
            self.setObsolete(True)


class ClaimUndoStack(QUndoStack):
    def __init__(self, runner: Runner, on_changes: Callable[[Changes], None], on_error: Callable[[str], None],
                 parent=None):
        super().__init__(parent)
        self._runner, self._on_changes, self.on_error = runner, on_changes, on_error

    def run(self, command, text: str) -> Outcome:
        """Executes a command and records it for undo; raises ClaimError if refused."""
        outcome = self.apply(command)
        self.push(ClaimCommand(self, command, outcome.result, text))
        return outcome

    def apply(self, command) -> Outcome:
        """Runs a command (first run, undo or redo) and hands on what it changed."""
        outcome = self._runner(command)
        self._on_changes(outcome.changes)
        return outcome
