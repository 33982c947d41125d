"""Every command of the window, declared once: id, menu, text and shortcut.

The menus, the shortcuts and Help ▸ Keyboard shortcuts are all built from ``ACTIONS``,
so a shortcut cannot be listed without working or work without being listed. Keys
that only mean something inside the reader (kind keys, n/p) are listed from
``READER_KEYS`` and the project's kinds.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QMenuBar, QWidget

from claimdesk.core.kinds import Kind


@dataclass(frozen=True)
class ActionSpec:
    id: str
    menu: str
    text: str
    shortcut: str | QKeySequence.StandardKey | None = None
    tip: str = ""
    separator_before: bool = False
    mutates: bool = False  # changes the project: disabled while the project is read-only


ACTIONS = (
    ActionSpec("file.new", "&File", "&New project…", QKeySequence.StandardKey.New),
    ActionSpec("file.open", "&File", "&Open project…", QKeySequence.StandardKey.Open),
    ActionSpec("file.import", "&File", "&Import documents…", "Ctrl+I", separator_before=True, mutates=True),
    ActionSpec("file.replace", "&File", "&Replace with new version…", tip="Import a newer version of the open "
               "document; its claims are re-anchored and any that cannot be placed are listed as orphaned",
               mutates=True),
    ActionSpec("file.export", "&File", "&Export…", "Ctrl+E", tip="Fact sheet (HTML, PDF, Markdown) or data "
               "(CSV, JSON, W3C annotations, ClaimReview, REFI-QDA, annotated PDFs)"),
    ActionSpec("file.publish", "&File", "&Publish for Datasette…", tip="A read-only SQLite database of the claims "
               "with their quotes, values and sources for readers, and Datasette's metadata beside it"),
    ActionSpec("file.merge", "&File", "&Merge another analyst's project…", tip="Bring in another analyst's "
               "claims: the same claims are paired, new ones added, differing values kept as disagreements to "
               "resolve (a backup is written first)", mutates=True),
    ActionSpec("file.save_copy", "&File", "Save a &copy…", "Ctrl+Shift+S",
               tip="Write a consistent copy of the open project (changes are always saved as you make them)"),
    ActionSpec("file.quit", "&File", "&Quit", "Ctrl+Q", separator_before=True),
    ActionSpec("edit.undo", "&Edit", "&Undo", QKeySequence.StandardKey.Undo, mutates=True),
    ActionSpec("edit.redo", "&Edit", "&Redo", "Ctrl+Shift+Z", mutates=True),
    ActionSpec("claim.delete", "&Edit", "&Delete claim", QKeySequence.StandardKey.Delete, separator_before=True,
               mutates=True),
    ActionSpec("claim.resize", "&Edit", "Set claim span to &selection", "Ctrl+R",
               tip="Moves the selected claim's span to the text selected in the reader", mutates=True),
    ActionSpec("edit.find", "&Edit", "&Find in document…", QKeySequence.StandardKey.Find, separator_before=True),
    ActionSpec("edit.search", "&Edit", "&Search everywhere…", "Ctrl+Shift+F"),
    ActionSpec("edit.kinds", "&Edit", "Claim &kinds…", "Ctrl+,", separator_before=True, mutates=True),
    ActionSpec("edit.user", "&Edit", "Reviewer &name…", tip="The name written into history; the two-person rule "
               "compares it with the claim's author"),
    ActionSpec("review.suggest_document", "&Review", "&Suggest claims in this document", "Ctrl+Shift+G",
               mutates=True),
    ActionSpec("review.suggest_all", "&Review", "Suggest claims in &all documents", "Ctrl+Alt+G", mutates=True),
    ActionSpec("review.accept_kind", "&Review", "Accept all suggestions of the selected &kind", "Ctrl+Shift+A",
               mutates=True),
    ActionSpec("review.mode", "&Review", "Review &mode (j/k, v, d, e)", "F7", separator_before=True,
               tip="Step through unverified claims: j/k next/previous, v verify, d dispute, e add evidence",
               mutates=True),
    ActionSpec("review.two_person", "&Review", "&Two-person rule", tip="While on, a claim is verified only by a "
               "reviewer other than its author", mutates=True),
    ActionSpec("review.statuses", "&Review", "Review s&tatuses…", tip="The project's review vocabulary",
               mutates=True),
    ActionSpec("review.relations", "&Review", "Propose &relations between claims", "Ctrl+Shift+L", mutates=True),
    ActionSpec("review.people", "&Review", "Officials &registry…", "Ctrl+Shift+O", mutates=True),
    ActionSpec("review.agreement", "&Review", "A&greement between analysts…", tip="Span and value agreement per "
               "kind, and the disagreements, between two authors or another analyst's file"),
    ActionSpec("claim.subject", "&Review", "Subject and &measure of the claim…", "Ctrl+Shift+M",
               separator_before=True, tip="Say what the selected claim is about: type a subject and a measure "
               "(completed from the project's names) or new ones; undoable", mutates=True),
    ActionSpec("subjects.rename", "&Review", "Re&name subject or measure…", "F2",
               tip="Rename the subject or measure selected in the Subjects tab", mutates=True),
    ActionSpec("subjects.merge", "&Review", "Mer&ge subjects or measures", "Ctrl+Shift+J",
               tip="Merge the subjects (or measures) selected in the Subjects tab into the first", mutates=True),
    ActionSpec("subjects.split", "&Review", "Sp&lit a name off a subject", "Ctrl+Shift+K",
               tip="The selected “also written” name becomes a subject of its own", mutates=True),
    ActionSpec("review.suggest_on_import", "&Review", "Suggest claims on &import", separator_before=True,
               tip="Run the detector on every document as it is imported"),
    ActionSpec("view.toggle_pages", "&View", "Toggle &page view / text", "Ctrl+T"),
    ActionSpec("view.zoom_in", "&View", "Zoom &in", QKeySequence.StandardKey.ZoomIn,
               tip="Larger text or pages in the reader (also Ctrl+wheel); remembered"),
    ActionSpec("view.zoom_out", "&View", "Zoom &out", QKeySequence.StandardKey.ZoomOut,
               tip="Smaller text or pages in the reader (also Ctrl+wheel); remembered"),
    ActionSpec("view.zoom_reset", "&View", "&Reset zoom", "Ctrl+0",
               tip="Text at the normal size; pages fit the reader's width"),
    ActionSpec("view.next_pane", "&View", "&Next pane", "F6", separator_before=True),
    ActionSpec("view.library", "&View", "Go to &library", "Alt+1"),
    ActionSpec("view.reader", "&View", "Go to &reader", "Alt+2"),
    ActionSpec("view.claims", "&View", "Go to &claims", "Alt+3"),
    ActionSpec("view.editor", "&View", "Go to claim &editor", "Alt+4"),
    ActionSpec("view.suggestions", "&View", "Go to &suggestions", "Alt+5"),
    ActionSpec("view.subjects", "&View", "Go to s&ubjects (timeline of a measure)", "Alt+6"),
    ActionSpec("help.shortcuts", "&Help", "&Keyboard shortcuts", "F1"),
    ActionSpec("help.about", "&Help", "&About Claimdesk"),
)

READER_KEYS = (
    ("n", "Next claim in the reader (after the selected one, else after the cursor or the top of the page)"),
    ("p", "Previous claim in the reader"),
    ("Ctrl+wheel", "Zoom the reader's text or pages (remembered)"),
    ("Tab", "Next pane (Shift+Tab: previous)"),
    ("Enter", "In search results: open the document at the hit; in Suggestions: accept"),
    ("Delete", "In Suggestions: reject (not proposed again)"),
    ("j / k", "Review mode: next / previous unverified claim"),
    ("v / d / e", "Review mode: verify / dispute / add evidence"),
    ("Esc", "Close the find bar"),
)


class ActionRegistry:
    """Creates one QAction per spec on a parent widget and connects handlers by id."""

    def __init__(self, parent: QWidget):
        self.actions: dict[str, QAction] = {}
        for spec in ACTIONS:
            action = QAction(spec.text, parent)
            if spec.shortcut is not None:
                action.setShortcut(QKeySequence(spec.shortcut))
            if spec.tip:
                action.setStatusTip(spec.tip)
                action.setToolTip(spec.tip)
            parent.addAction(action)  # shortcuts work even while a menu is hidden
            self.actions[spec.id] = action

    def __getitem__(self, action_id: str) -> QAction:
        return self.actions[action_id]

    @staticmethod
    def mutating() -> list[str]:
        """Ids of the actions that change the project."""
        return [spec.id for spec in ACTIONS if spec.mutates]

    def connect(self, handlers: dict[str, Callable[[], object]]) -> None:
        missing = set(self.actions) - set(handlers)
        if missing:
            raise KeyError(f"actions without a handler: {', '.join(sorted(missing))}")
        for action_id, handler in handlers.items():
            self.actions[action_id].triggered.connect(lambda _checked=False, h=handler: h())

    def fill_menus(self, menu_bar: QMenuBar) -> dict[str, QMenu]:
        menus: dict[str, QMenu] = {}
        for spec in ACTIONS:
            if spec.menu not in menus:
                menus[spec.menu] = menu_bar.addMenu(spec.menu)
            if spec.separator_before:
                menus[spec.menu].addSeparator()
            menus[spec.menu].addAction(self.actions[spec.id])
        return menus

    def shortcut_table(self, kinds: Iterable[Kind]) -> list[tuple[str, str]]:
        """(keys, what they do) for Help ▸ Keyboard shortcuts."""
        rows = [(self.actions[s.id].shortcut().toString(QKeySequence.SequenceFormat.NativeText),
                 s.text.replace("&", "").rstrip("…")) for s in ACTIONS if s.shortcut is not None]
        rows += [(kind.shortcut, f"Tag the selection as {kind.label}") for kind in kinds if kind.shortcut]
        rows += list(READER_KEYS)
        return rows
