"""The placeholder main window shows a project's documents and their text."""

from claimdesk.ops.importing import import_paths
from claimdesk.ui.main_window import MainWindow
from tests.conftest import SAMPLES


def test_library_lists_digest_articles_under_their_page(qtbot, project):
    import_paths(project, [SAMPLES / "03-regional-digest.txt", SAMPLES / "01-rural-clinics.txt"])
    window = MainWindow(project)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    library = window.library
    assert library.topLevelItemCount() == 2
    digest = library.topLevelItem(0)
    assert digest.childCount() == 3
    library.setCurrentItem(digest.child(1))
    assert window.reader.toPlainText().splitlines()[1] == "Water pipelines reach 14 more villages"
