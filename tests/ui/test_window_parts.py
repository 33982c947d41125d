"""The window's parts work from what they are given (no window), and the window routes
what ops say changed to them: no part looks at which command ran."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QWidget

from claimdesk.core.claims import CreateClaim, EditClaim
from claimdesk.core.suggestion_commands import AcceptSuggestion
from claimdesk.ops import documents as document_ops
from claimdesk.ops import kinds as kind_ops
from claimdesk.ops import suggestions as suggestion_ops
from claimdesk.ops.changes import Changes, Outcome
from claimdesk.ops.importing import import_paths
from claimdesk.ui.actions import ActionRegistry
from claimdesk.ui.window_part import Session, WindowPart, WindowServices
from tests.conftest import SAMPLES


class _View:
    """What Review asks of a reader: the suggestions it marks and the text it shows."""

    def __init__(self, text=""):
        self.text, self.suggestions, self.selected = text, None, None

    def set_suggestions(self, items):
        self.suggestions = items

    def select_span(self, start, end):
        self.selected = (start, end)

    def centerCursor(self):
        pass


def _services(qtbot, settings, dialogs, session, **overrides):
    parent = QWidget()
    qtbot.addWidget(parent)
    calls = {"commands": [], "changes": [], "status": []}
    options = dict(parent=parent, session=session, settings=settings, dialogs=dialogs, actions=ActionRegistry(parent),
                   run_command=lambda command, text: calls["commands"].append((command, text)) or Outcome(None,
                                                                                                         Changes()),
                   apply_changes=calls["changes"].append, set_project=lambda project: None,
                   open_document=lambda document_id: None, open_claim=lambda claim_id: None,
                   open_at=lambda document_id, offset, claim_id: None,
                   show_status=lambda message, ms: calls["status"].append(message),
                   show_problem=calls["status"].append, acting_name=lambda: None)
    options.update(overrides)
    return WindowServices(**options), calls


def test_review_works_from_its_services_and_widgets(qtbot, project, settings, dialogs):
    from claimdesk.ui.review import Review

    import_paths(project, [SAMPLES / "01-rural-clinics.txt"])
    suggestion_ops.suggest_documents(project)
    document = document_ops.get_document(project, 1)
    session = Session(project=project, document=document, kinds={k.name: k for k in kind_ops.list_kinds(project)})
    services, calls = _services(qtbot, settings, dialogs, session)
    text_view, page_view, tabs = _View(document_ops.document_text(project, 1)), _View(), QTabWidget()
    qtbot.addWidget(tabs)
    review = Review(services, text_view, page_view, tabs)
    assert isinstance(review, WindowPart) and tabs.indexOf(review.pane) == 0

    review.changes(Changes(claims=frozenset({5})))  # no suggestion changed: nothing is read
    assert text_view.suggestions is None
    review.changes(Changes(suggestions=True))
    pending = suggestion_ops.pending(project, 1)
    assert text_view.suggestions == page_view.suggestions == pending and len(pending) >= 5
    assert tabs.tabText(0) == f"Suggestions ({len(pending)})"

    review.accept([pending[0].id])  # the decision goes to the undo stack it was given
    assert calls["commands"] == [(AcceptSuggestion(pending[0].id), "accept suggestion")]
    review.show_suggestion(pending[1].id)
    assert text_view.selected == (pending[1].start, pending[1].end)

    session.project = session.document = None
    review.project_closed()
    assert text_view.suggestions == [] and tabs.tabText(0) == "Suggestions"


def test_a_kind_saved_in_the_kinds_page_hands_its_changes_to_the_window(qtbot, project, settings, dialogs):
    from claimdesk.ui.window_tools import WindowTools

    services, calls = _services(qtbot, settings, dialogs, Session(project=project))
    tools = WindowTools(services)
    page = tools.edit_kinds()
    page.new_kind()
    page.label.setText("Procurement")
    assert page.save()
    assert calls["changes"] == [Changes(kinds=True)]
    assert "procurement" in {k.name for k in kind_ops.list_kinds(project)}


def test_the_window_routes_changes_by_what_they_touched(qtbot, project, make_window):
    import_paths(project, [SAMPLES / "01-rural-clinics.txt"])
    suggestion_ops.suggest_documents(project)
    window = make_window(project)
    seen = []

    class Recorder(WindowPart):
        def changes(self, changes):
            seen.append(changes)

    window.parts += (Recorder(),)
    text = document_ops.document_text(project, 1)
    start = text.index("12.4 billion tenge")
    window.tag("funding", start, start + len("12.4 billion tenge"))
    claim_id = window.current_claim_id
    assert seen[-1].claims == {claim_id} and seen[-1].structural
    assert window.claims_model.ids == [claim_id]  # structural: the table's rows were queried again

    other = window.undo_stack.run(CreateClaim(1, "statistic", 0, 20), "tag").result.claim_id
    window.open_claim(other)
    window.undo_stack.run(EditClaim(claim_id, {"note": "called the ministry"}), "edit note")
    # a claim edited on its own is shown in the editor (as after an undo of an edit elsewhere)
    assert window.current_claim_id == claim_id and window.editor.claim.note == "called the ministry"
    assert not seen[-1].structural
    window.undo_stack.undo()  # undo reports the same claim: the editor follows it
    assert seen[-1].claims == {claim_id} and window.editor.claim.note == ""

    window.undo_stack.run(AcceptSuggestion(suggestion_ops.pending(project, 1)[0].id), "accept")
    assert seen[-1].suggestions and window.current_claim_id == claim_id  # a decision leaves the editor be


def test_closing_the_window_releases_a_parser_booted_for_an_import_that_did_not_come(qtbot, project, make_window):
    window = make_window(project)
    window.project_menu.prepare_parser()
    standby = window.project_menu.importer.standby
    assert standby.pid is not None
    window.close()
    assert standby.pid is None and window.project is None
