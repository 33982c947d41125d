"""Search everywhere finds another form of a word and opens the document at the form written."""

from claimdesk.ops.importing import import_paths
from tests.conftest import SAMPLES


def test_a_word_form_opens_the_document_at_the_written_form(qtbot, project, make_window):
    import_paths(project, [SAMPLES / "01-rural-clinics.txt", SAMPLES / "04-energy-ru-cp1251.txt"])
    window = make_window(project)
    dialog = window.tools.search_everywhere()
    dialog.query.setText("котельная")  # the text says котельных
    dialog.run_search()
    assert [h.document_id for h in dialog.model.hits] == [2]
    assert "[котельных]" in dialog.model.hits[0].snippet
    dialog.open_current()
    assert window.document.id == 2
    position = window.reader.textCursor().position()
    assert window.reader.toPlainText()[position:].startswith("котельных")
