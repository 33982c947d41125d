"""The claim editor: a form built from the claim's kind, applying each edit on Enter or
focus-out as one undoable change; also the quote in context and the claim's history.

Colours come from the palette (``highlight``'s palette colours), so a dark palette gets a
dark tint under the quote's light text; the form fits a narrow pane (``preferred_width``)."""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (QApplication, QComboBox, QFormLayout, QGroupBox, QLabel, QLineEdit, QListWidget,
                               QPlainTextEdit, QScrollArea, QVBoxLayout, QWidget)

from claimdesk.core.claims import Claim
from claimdesk.core.currencies import ordered_codes
from claimdesk.core.fields import canonical_input
from claimdesk.core.kinds import TARGET, UNKNOWN_KIND_COLOUR, FieldDef, Kind
from claimdesk.core.review import PROMISE_STATUSES
from claimdesk.core.values import date_precision, format_decimal
from claimdesk.ui.claim_checks import ClaimChecks
from claimdesk.ui.highlight import muted_text, problem_colour, readable_text, tint

QUOTE_TINT = 0.4  # of the kind's colour behind the quote (mixed with white before: 0.4 too)
FORM_CHARS = 24  # the editor's fields show this many characters at its default width


class FieldEditor(QWidget):
    """One field: a line edit (text, decimal, date) or a combo (currency, choice).

    What is typed is put in the stored form where it can be read ("1,300" -> "1300") and
    handed on; the ops layer checks it, and a refusal is shown under the field with the
    typed text kept (``show_error``) until the value is fixed or another claim is shown."""

    committed = Signal(str, object)  # field name, stored value ("" clears it)

    def __init__(self, definition: FieldDef, value, parent=None):
        super().__init__(parent)
        self.definition = definition
        self.hint = QLabel()  # no word wrap: a height-for-width label squashed the field above it in the form
        self.hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.input: QComboBox | QLineEdit
        if definition.type in ("currency", "choice"):
            combo = QComboBox(editable=definition.type == "currency")
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(6)  # long choices would widen the whole form
            combo.addItem("")
            combo.addItems(ordered_codes() if definition.type == "currency" else list(definition.choices))
            combo.setCurrentText(str(value or ""))
            combo.activated.connect(lambda _index: self._commit())
            typed = combo.lineEdit()  # an editable (currency) combo's
            if typed is not None:
                typed.editingFinished.connect(self._commit)
            self.input = combo
        else:
            line = QLineEdit(str(value or ""))
            line.setCursorPosition(0)  # a long value shows its beginning, not its end
            line.editingFinished.connect(self._commit)
            self.input = line
        layout.addWidget(self.input)
        layout.addWidget(self.hint)
        self.setFocusProxy(self.input)
        self._value = str(value or "")
        self._show_hint(self._value)

    def text(self) -> str:
        return self.input.currentText() if isinstance(self.input, QComboBox) else self.input.text()

    def set_value(self, value) -> None:
        """Shows another claim's value in this same field."""
        self._value = str(value or "")
        if isinstance(self.input, QComboBox):
            self.input.setCurrentText(self._value)
        else:
            self.input.setText(self._value)
            self.input.setCursorPosition(0)
        self.hint.setProperty("error", False)
        self.hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self._show_hint(self._value)

    def _commit(self) -> None:
        value = canonical_input(self.definition, self.text())
        if value != self._value:  # _value follows the claim as stored: a refused value is offered again
            self.committed.emit(self.definition.name, value)
        elif self.error:
            self.set_value(self._value)  # typed back to the stored value: the problem is gone

    @property
    def stored(self) -> str:
        return self._value

    @property
    def error(self) -> bool:
        return self.hint.property("error") is True

    def show_error(self, message: str) -> None:
        self.hint.setProperty("error", True)
        self.hint.setText(f"⚠ {message}")
        palette = self.hint.palette()
        palette.setColor(QPalette.ColorRole.WindowText, problem_colour(self.palette()))
        self.hint.setPalette(palette)
        self.hint.setForegroundRole(QPalette.ColorRole.WindowText)
        self.hint.setVisible(True)

    def _show_hint(self, value: str) -> None:
        if self.definition.type == "decimal" and value:
            self.hint.setText(format_decimal(value))
        elif self.definition.type == "date" and value:
            self.hint.setText(f"precision: {date_precision(value)}")
        else:
            self.hint.setText("")
        self.hint.setVisible(bool(self.hint.text()))


class ClaimEditor(QScrollArea):
    editRequested = Signal(int, dict)  # claim id, changes for EditClaim

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.claim: Claim | None = None
        self.kinds: dict[str, Kind] = {}
        self.field_editors: dict[str, FieldEditor] = {}
        self._fields_kind: str | None = None  # the kind whose field editors are in the form
        self.read_only = False  # a read-only project: the claim is shown, nothing can be edited
        self.body = body = QWidget()  # the scrolled form
        self.layout_ = QVBoxLayout(body)
        self.title = QLabel("No claim selected")
        self.title.setWordWrap(True)
        self.about = QLabel(wordWrap=True, textFormat=Qt.TextFormat.RichText)
        # claim id -> the "About: subject › measure" line (set by the window)
        self.about_of: Callable[[int], str] | None = None
        self.kind, self.status, self.promise = QComboBox(), QComboBox(), QComboBox()
        self.kind.setToolTip("Change the claim's kind")
        self.status.setToolTip("Review status (verifying needs another reviewer under the two-person rule)")
        self.promise.setToolTip("For targets: how the promise is doing")
        self.promise.addItems(list(PROMISE_STATUSES))
        self.quote = QLabel(wordWrap=True, textFormat=Qt.TextFormat.RichText)
        self.quote.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.fields_box = QGroupBox("Fields")
        self.fields_form = QFormLayout(self.fields_box)
        self.extra = QLabel(wordWrap=True)
        self.extra.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        for combo in (self.kind, self.status, self.promise):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(8)
        self.statement = QLineEdit(placeholderText="Fact sheet statement (blank: built from the fields)")
        self.statement.editingFinished.connect(self._statement_committed)
        self.note = QPlainTextEdit(placeholderText="Notes (saved when you leave the box)")
        self.note.setTabChangesFocus(True)
        self.note.setMaximumHeight(90)
        self.note.installEventFilter(self)
        self.history = QListWidget()
        self.history.setMaximumHeight(140)
        top = QFormLayout()
        top.addRow("Kind", self.kind)
        top.addRow("Status", self.status)
        top.addRow("Promise", self.promise)
        top.addRow("Statement", self.statement)
        self.promise_label = top.labelForField(self.promise)
        for widget in (self.title, self.about, self.quote):
            self.layout_.addWidget(widget)
        self.layout_.addLayout(top)
        self.layout_.addWidget(self.fields_box)
        self.layout_.addWidget(self.extra)
        self.layout_.addWidget(QLabel("Notes"))
        self.layout_.addWidget(self.note)
        self.checks = ClaimChecks()
        self.layout_.addWidget(self.checks)
        self.layout_.addWidget(QLabel("History"))
        self.layout_.addWidget(self.history)
        self.layout_.addStretch(1)
        self.setWidget(body)
        self.setFocusProxy(self.kind)  # Alt+4 and F6 land on the first control
        self.kind.activated.connect(self._kind_chosen)
        self.status.activated.connect(self._status_chosen)
        self.promise.activated.connect(self._promise_chosen)
        self.show_claim(None, [], {})

    def set_read_only(self, read_only: bool) -> None:
        self.read_only = read_only
        self.checks.set_read_only(read_only)
        for widget in (self.kind, self.status, self.promise, self.statement, self.note, self.fields_box):
            widget.setEnabled(self.claim is not None and not read_only)

    def set_kinds(self, kinds: dict[str, Kind]) -> None:
        self.kinds = kinds
        self._clear_fields()  # a kind's fields may have changed
        self.kind.clear()
        for kind in kinds.values():
            self.kind.addItem(kind.label, kind.name)

    def _clear_fields(self) -> None:
        while self.fields_form.rowCount():
            self.fields_form.removeRow(0)
        self.field_editors = {}
        self._fields_kind = None

    def show_claim(self, claim: Claim | None, history: list[dict], kinds: dict[str, Kind] | None = None) -> None:
        if kinds is not None:
            self.set_kinds(kinds)
        same_claim = claim is not None and self.claim is not None and claim.id == self.claim.id
        focused = self._focused_field() if same_claim else None
        self.claim = claim
        for widget in (self.kind, self.status, self.promise, self.statement, self.note, self.fields_box):
            widget.setEnabled(claim is not None and not self.read_only)
        self.history.clear()
        if claim is None:
            self._clear_fields()
            self.title.setText("No claim selected. Select text in the reader and press a kind's key to tag it.")
            self.quote.clear()
            self.about.clear()
            self.note.setPlainText("")
            self.extra.hide()
            return
        kind = self.kinds.get(claim.kind)
        rebuilt = False
        self.title.setText(f"<b>Claim #{claim.id}</b> · {html.escape(claim.origin)} · by {html.escape(claim.author)}"
                           + (f" · page {claim.page}" if claim.page else ""))
        self.about.setText(self.about_of(claim.id) if self.about_of else "")
        self.kind.setCurrentIndex(max(0, self.kind.findData(claim.kind)))
        self.status.setCurrentText(claim.status)
        if self.statement.text() != claim.statement:
            self.statement.setText(claim.statement)
        self.promise.setCurrentText(claim.promise_status)
        for promise_row in (self.promise, self.promise_label):
            promise_row.setVisible(claim.kind == TARGET)
        self._show_quote()
        if self._fields_kind == claim.kind and kind is not None:  # same form: refill it (rebuilding took ~7 ms)
            for definition in kind.fields:
                editor = self.field_editors[definition.name]
                value = claim.fields.get(definition.name)
                if not (same_claim and editor.error and editor.stored == str(value or "")):
                    editor.set_value(value)  # a refused value stays, with its message, until fixed
        else:
            self._clear_fields()
            for definition in (kind.fields if kind else ()):
                editor = FieldEditor(definition, claim.fields.get(definition.name))
                editor.committed.connect(self._field_committed)
                self.fields_form.addRow(definition.name.replace("_", " ").capitalize(), editor)
                self.field_editors[definition.name] = editor
            self._fields_kind = claim.kind if kind is not None else None
            rebuilt = True
        extra = {k: v for k, v in claim.fields.items() if k not in self.field_editors}
        self.extra.setText("Also stored (not fields of this kind): " + ", ".join(f"{k} = {v}" for k, v in extra.items())
                           if extra else "")
        self.extra.setVisible(bool(extra))
        if self.note.toPlainText() != claim.note:
            self.note.setPlainText(claim.note)
        if focused in self.field_editors:  # keep the keyboard where it was after an edit is applied
            self.field_editors[focused].setFocus()
        for event in history:
            self.history.addItem(f"{event['at'][:19].replace('T', ' ')}  {event['actor']}  {_describe_event(event)}")
        if rebuilt:
            self._settle()  # only for new rows: it lays out the window again (~20 ms on a big document)

    def _settle(self) -> None:
        """Lays the form out now. Qt shows widgets added to a shown layout only later (a
        queued call), and the form ignored them meanwhile: a claim with more fields was
        painted once squashed (fields 8 px high, the quote one line) before it settled."""
        if self.isVisible():
            for editor in self.field_editors.values():
                editor.setVisible(True)
                self.fields_form.labelForField(editor).setVisible(True)
        layouts = [editor.layout() for editor in self.field_editors.values()] + [self.fields_form, self.layout_]
        for layout in layouts:  # inside out: each tells its parent its new size hint as it goes
            if layout is not None:
                layout.activate()
        self.setWidgetResizable(True)  # re-sizes the form to its height for the pane's width
        self.setViewportMargins(0, 0, 0, 0)  # lays out the scroll bars now (a stale empty one showed)

    def quote_colours(self) -> tuple[str, str, str]:
        """(context text, quote background, quote text) as #rrggbb for the claim on show."""
        palette = self.palette()
        kind = self.kinds.get(self.claim.kind) if self.claim is not None else None
        background = tint(kind.colour if kind else UNKNOWN_KIND_COLOUR, palette, QUOTE_TINT)
        return muted_text(palette).name(), background.name(), readable_text(background, palette).name()

    def _show_quote(self) -> None:
        """The quote in its context; rich text takes no palette roles, so the colours are
        worked out from the palette here and again when it changes."""
        if self.claim is None:
            self.quote.clear()
            return
        context, background, text = self.quote_colours()
        self.quote.setText(f"<span style='color:{context}'>…{_escaped(self.claim.prefix)}</span>"
                           f"<span style='background:{background}; color:{text}'>"
                           f"<b>{_escaped(self.claim.quote)}</b></span>"
                           f"<span style='color:{context}'>{_escaped(self.claim.suffix)}…</span>")

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._show_quote()

    def preferred_width(self) -> int:
        """What the window gives the editor by default: the form's least width, or room for
        ``FORM_CHARS`` characters in its fields, whichever is more, plus the scroll bar."""
        wanted = max(self.body.minimumSizeHint().width(), self.fontMetrics().averageCharWidth() * FORM_CHARS
                     + self.layout_.contentsMargins().left() * 2 + 110)  # 110: the form's labels
        return wanted + self.verticalScrollBar().sizeHint().width() + 2 * self.frameWidth()

    def show_field_error(self, name: str, message: str) -> bool:
        """Shows why a value was refused under its field; False when no such field is shown."""
        editor = self.field_editors.get(name)
        if editor is None:
            return False
        editor.show_error(message)
        return True

    def _focused_field(self) -> str | None:
        focus = QApplication.focusWidget()
        return next((name for name, editor in self.field_editors.items()
                     if focus is not None and (editor is focus or editor.isAncestorOf(focus))), None)

    def _field_committed(self, name: str, value: str) -> None:
        if self.claim is None:
            return
        fields = dict(self.claim.fields)
        if value == "":
            fields.pop(name, None)
        else:
            fields[name] = value
        if fields != self.claim.fields:
            self.editRequested.emit(self.claim.id, {"fields": fields})

    def _kind_chosen(self, _index: int) -> None:
        if self.claim is not None and self.kind.currentData() != self.claim.kind:
            self.editRequested.emit(self.claim.id, {"kind": self.kind.currentData()})

    def set_statuses(self, statuses: list[str]) -> None:
        """The project's review vocabulary."""
        current = self.status.currentText()
        self.status.clear()
        self.status.addItems(statuses)
        self.status.setCurrentText(current)

    def _statement_committed(self) -> None:
        if self.claim is not None and self.statement.text().strip() != self.claim.statement:
            self.editRequested.emit(self.claim.id, {"statement": self.statement.text().strip()})

    def _promise_chosen(self, _index: int) -> None:
        if self.claim is not None and self.promise.currentText() != self.claim.promise_status:
            self.editRequested.emit(self.claim.id, {"promise_status": self.promise.currentText()})

    def _status_chosen(self, _index: int) -> None:
        if self.claim is not None and self.status.currentText() != self.claim.status:
            self.editRequested.emit(self.claim.id, {"status": self.status.currentText()})

    def eventFilter(self, watched, event) -> bool:
        if watched is self.note and event.type() == QEvent.Type.FocusOut:
            self.commit_note()
        return super().eventFilter(watched, event)

    def commit_note(self) -> None:
        if self.claim is not None and self.note.toPlainText() != self.claim.note:
            self.editRequested.emit(self.claim.id, {"note": self.note.toPlainText()})


def _escaped(text: str) -> str:
    return html.escape(text).replace("\n", "<br>")


def _describe_event(event: dict) -> str:
    before, after = event.get("before") or {}, event.get("after") or {}
    reason = f" — {event['note']}" if event.get("note") else ""
    if event["action"] not in ("edit", "review"):
        return event["action"] + reason
    changed = [key for key in sorted(set(before) | set(after))
               if before.get(key) != after.get(key) and key not in ("updated_at",)]
    details = []
    for key in changed:
        if key == "fields":
            names = sorted(k for k in set(before.get("fields", {})) | set(after.get("fields", {}))
                           if before.get("fields", {}).get(k) != after.get("fields", {}).get(k))
            details += [f"{name}: {before.get('fields', {}).get(name, '–')} → {after.get('fields', {}).get(name, '–')}"
                        for name in names]
        elif key in ("quote", "prefix", "suffix", "page"):
            continue
        else:
            details.append(f"{key}: {before.get(key)} → {after.get(key)}")
    return f"{event['action']} " + "; ".join(details) + reason
