"""The library lists digest articles under their page and shows each document's text."""

from claimdesk.ops.importing import import_paths
from tests.conftest import SAMPLES


def test_library_lists_digest_articles_under_their_page(project, make_window, qtmodeltester):
    import_paths(project, [SAMPLES / "03-regional-digest.txt", SAMPLES / "01-rural-clinics.txt"])
    window = make_window(project)
    model = window.library.model
    qtmodeltester.check(model)
    qtmodeltester.check(window.library.proxy)
    assert model.rowCount() == 2
    digest = model.index(0, 0)
    assert model.rowCount(digest) == 3
    window.library.tree.setCurrentIndex(window.library.proxy.mapFromSource(model.index(1, 0, digest)))
    assert window.reader.toPlainText().splitlines()[1] == "Water pipelines reach 14 more villages"


def test_library_filter_keeps_matching_articles_with_their_page(project, make_window):
    import_paths(project, [SAMPLES / "03-regional-digest.txt", SAMPLES / "01-rural-clinics.txt"])
    window = make_window(project)
    window.library.filter.setText("water pipelines")
    proxy = window.library.proxy
    assert proxy.rowCount() == 1
    assert proxy.rowCount(proxy.index(0, 0)) == 1
    assert proxy.index(0, 0, proxy.index(0, 0)).data() == "Water pipelines reach 14 more villages"
