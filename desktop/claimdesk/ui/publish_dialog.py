"""File ▸ Publish for Datasette…: the GUI of `claimdesk publish P OUT.db [--verified-only]
[--force]`. The dialog only gathers the options (output file, verified claims only, title,
description, licence) and runs ``ops.publishing.publish`` in a background job; the op checks
the scope and the target and writes both files. A file at the target that Claimdesk did not
publish is replaced only after the user confirms it, as ``--force`` does; a project never
(the op refuses it whatever is asked). Publishing only reads the project, so it is offered on
a read-only project too.
"""

from __future__ import annotations

import shlex
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QCheckBox, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit,
                               QProgressBar, QPushButton, QVBoxLayout)

from claimdesk.ops.exporting import EmptyExport, ExportError
from claimdesk.ops.publishing import Published, PublishOptions, ReplaceableError, metadata_path, publish
from claimdesk.ui.jobs import Job, JobContext, run_job
from claimdesk.ui.notices import error_label

TITLE = "Publish for Datasette"  # as the File menu names it
DRAFT_HINT = "; untick “Verified claims only” to publish claims of every review status"
LEFT_OUT_SHOWN = 5


class Refusal:
    """The op refused to publish (nothing was written): its message, and whether replacing a
    file Claimdesk did not publish (``force``) would let it through."""

    def __init__(self, error: ExportError):
        self.replaceable = isinstance(error, ReplaceableError)
        hint = DRAFT_HINT if isinstance(error, EmptyExport) and error.hint == "draft" else ""
        # a replaceable refusal's message advises the command line's --force: the dialog asks instead
        self.message = error.problem if isinstance(error, ReplaceableError) else str(error) + hint


def publish_or_refuse(context: JobContext, out: Path, options: PublishOptions) -> Published | Refusal:
    """The job's work: the publication, or the op's refusal as a value (not an error) so the
    dialog can offer to replace a foreign file; any other failure reads as the job says it."""
    try:
        return publish(context.project, out, options)
    except ExportError as exc:
        return Refusal(exc)


def describe_published(published: Published) -> str:
    """What was written and how to serve it, paths as written."""
    left = f"; {len(published.left_out)} left out for failing checks" if published.left_out else ""
    return (f"Wrote {published.database}: {published.claims} claims, {published.sources} sources, "
            f"{published.relations} relations{left}. Datasette's metadata: {published.metadata}. Serve them with: "
            f"datasette {shlex.quote(str(published.database))} -m {shlex.quote(str(published.metadata))}")


class PublishDialog(QDialog):
    published = Signal(object)  # the op's Published, after a publication was written

    def __init__(self, project_path: Path, dialogs, parent=None):
        super().__init__(parent)
        self.setWindowTitle(TITLE)
        self.project_path, self.dialogs = Path(project_path), dialogs
        self.job: Job | None = None
        self.output = QLineEdit()
        self.output.setPlaceholderText("the database to write, e.g. public/budget.db")
        self.browse = QPushButton("&Browse…")
        self.browse.setAutoDefault(False)  # Enter publishes, whichever button was pressed last
        self.verified_only = QCheckBox("&Verified claims only (otherwise claims of every review status)")
        self.title = QLineEdit()
        self.title.setPlaceholderText(f"Claims from {self.project_path.stem}")
        self.description = QLineEdit()
        self.description.setPlaceholderText("what readers are told the data is (blank: a standard description)")
        self.licence = QLineEdit()
        self.licence.setPlaceholderText("e.g. CC BY 4.0 (blank: not stated)")
        self.licence_url = QLineEdit()
        self.licence_url.setPlaceholderText("where the licence is written")
        self.metadata_note = QLabel()
        self.progress = QProgressBar(maximum=0)  # the op reports no steps: busy until it is done
        self.progress.setVisible(False)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)  # to copy the command
        self.reason = error_label()  # why nothing was published
        self.reason.setWordWrap(True)
        self.reason.setVisible(False)
        where = QHBoxLayout()
        where.addWidget(self.output, 1)
        where.addWidget(self.browse)
        output_label = QLabel("&Output file")
        output_label.setBuddy(self.output)  # a row of a layout has no buddy of its own
        form = QFormLayout()
        form.addRow(output_label, where)
        for text, field in (("&Title", self.title), ("&Description", self.description), ("&Licence", self.licence),
                            ("Licence &URL", self.licence_url)):
            form.addRow(text, field)
        form.addRow("", self.metadata_note)
        form.addRow("", self.verified_only)
        buttons = QDialogButtonBox()
        self.publish_button = buttons.addButton("&Publish", QDialogButtonBox.ButtonRole.AcceptRole)
        self.publish_button.setDefault(True)  # Enter publishes; Esc closes
        buttons.addButton(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.summary)
        layout.addWidget(self.reason)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.browse.clicked.connect(self.choose_output)
        self.publish_button.clicked.connect(self.start)
        self.output.textChanged.connect(self._output_changed)
        self._output_changed()
        self.resize(640, self.sizeHint().height())

    def options(self, force: bool = False) -> PublishOptions:
        return PublishOptions(verified_only=self.verified_only.isChecked(), title=self.title.text().strip(),
                              description=self.description.text().strip(), license=self.licence.text().strip(),
                              license_url=self.licence_url.text().strip(), force=force)

    def out_path(self) -> Path | None:
        text = self.output.text().strip()
        return Path(text).expanduser() if text else None

    def choose_output(self) -> None:
        suggested = self.out_path() or self.project_path.with_name(f"{self.project_path.stem}.db")
        path = self.dialogs.save_path(TITLE, str(suggested))
        if path:
            self.output.setText(path)

    def _output_changed(self) -> None:
        out = self.out_path()
        self.metadata_note.setText(f"Datasette's metadata goes beside it: {metadata_path(out).name}" if out else
                                   "Datasette's metadata goes beside it, named after it")
        self.publish_button.setEnabled(out is not None and self.job is None)

    def start(self, force: bool = False) -> None:
        out = self.out_path()
        if out is None or self.job is not None:
            return
        options = self.options(force)
        self.publish_button.setEnabled(False)
        self.progress.setVisible(True)
        self.reason.setVisible(False)
        self.summary.setText(f"Publishing to {out}…")
        self.job = run_job(TITLE, lambda context: publish_or_refuse(context, out, options),
                           project_path=self.project_path, on_done=lambda outcome: self._done(out, outcome),
                           on_error=self._failed, cancellable=False)

    def _finish(self) -> None:
        self.job = None
        self.progress.setVisible(False)
        self._output_changed()

    def _done(self, out: Path, outcome: Published | Refusal) -> None:
        self._finish()
        if isinstance(outcome, Refusal):
            if outcome.replaceable and self._confirm_replacing(outcome.message):
                self.start(force=True)
                return
            self._refused(outcome.message + (" (choose another file, or publish again and replace it)"
                                             if outcome.replaceable else ""))
            return
        self.summary.setText(describe_published(outcome))
        if outcome.left_out:
            more = "\n…" if len(outcome.left_out) > LEFT_OUT_SHOWN else ""
            self.summary.setToolTip("Left out:\n" + "\n".join(outcome.left_out[:LEFT_OUT_SHOWN]) + more)
        self.published.emit(outcome)

    def _confirm_replacing(self, message: str) -> bool:
        return self.dialogs.confirm(TITLE, f"{message}.\n\nReplace it with the publication? What it holds now is "
                                           "lost (a Claimdesk project is never replaced).")

    def _failed(self, message: str) -> None:
        self._finish()
        self._refused(message)

    def _refused(self, message: str) -> None:
        self.summary.setText("Nothing was published.")
        self.reason.setText(message)
        self.reason.setVisible(True)
