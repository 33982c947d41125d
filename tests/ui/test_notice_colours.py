"""Error text (Export's reason, the kinds page's problem) and the read-only banner read in a light
and a dark palette: measured on the rendered window, their text stands out from what is behind it
by the WCAG ratio, the error text still looks like an error (red leads), and the banner stands out
from the window. Each is built in one palette and measured again after the app switches to the other,
as a desktop does when the user changes theme with the window open. PNGs of each are left in tmp_path."""

from __future__ import annotations

from collections import Counter

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QLabel, QWidget

from claimdesk.ui.highlight import MIN_CONTRAST, contrast, is_dark
from tests.palettes import dark_palette


@pytest.fixture(params=["light first", "dark first"])
def palettes(request, qapp):
    """The two palettes in the order the test applies them; the app's own palette comes back after."""
    original = QPalette(qapp.palette())
    light, dark = QPalette(original), dark_palette()
    assert not is_dark(light) and is_dark(dark)
    order = [("light", light), ("dark", dark)]
    if request.param == "dark first":
        order.reverse()
    qapp.setPalette(order[0][1])
    yield order
    qapp.setPalette(original)


def _rendered(label: QLabel, path) -> tuple[QColor, QColor]:
    """(text, background) of the label as its window paints it: the commonest pixel is the
    background, the pixel that differs from it most is the text."""
    top = label.window()
    top.repaint()
    image = top.grab(QRect(label.mapTo(top, QPoint(0, 0)), label.size())).toImage()
    image.save(str(path))
    counts = Counter(image.pixel(x, y) for y in range(image.height()) for x in range(image.width()))
    background = QColor(counts.most_common(1)[0][0])
    text = max((QColor(pixel) for pixel in counts), key=lambda colour: contrast(colour, background))
    return text, background


def _assert_reads(label: QLabel, palettes, qapp, qtbot, tmp_path, what: str, check) -> None:
    for step, (name, palette) in enumerate(palettes):
        if step:
            qapp.setPalette(palette)
        qtbot.waitUntil(lambda palette=palette: label.isVisible() and _window_colour(label) == _window_colour(palette))
        text, background = _rendered(label, tmp_path / f"{what}-{name}.png")
        ratio = contrast(text, background)
        assert ratio >= MIN_CONTRAST, \
            f"{what} in the {name} palette: {text.name()} on {background.name()} reads at {ratio:.1f}:1"
        check(name, text, background, _window_colour(label))


def _window_colour(of: QWidget | QPalette) -> QColor:
    return (of if isinstance(of, QPalette) else of.window().palette()).color(QPalette.ColorRole.Window)


def _looks_like_an_error(name, text, background, window) -> None:
    assert text.red() > max(text.green(), text.blue()) + 40, f"error text {text.name()} in {name} is not red"


def _stands_out(name, text, background, window) -> None:
    assert background != window, f"the banner in {name} has the window's own colour"
    assert (background.lightness() < 128) == (name == "dark"), \
        f"the banner in {name} is {background.name()}: a {'light' if name == 'dark' else 'dark'} glare, not a tint"


def test_export_reason_reads(qtbot, qapp, project, dialogs, palettes, tmp_path):
    from claimdesk.ui.export_dialog import ExportDialog

    dialog = ExportDialog(project.path, {}, dialogs)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(dialog.reason.isVisible)  # a new project holds no claims: Export says why it is disabled
    assert "Nothing to export" in dialog.reason.text()
    _assert_reads(dialog.reason, palettes, qapp, qtbot, tmp_path, "export-reason", _looks_like_an_error)


def test_kinds_problem_reads(qtbot, qapp, project, make_window, palettes, tmp_path):
    window = make_window(project)
    window.action_registry["edit.kinds"].trigger()
    page = window.tools.kinds_dialog
    page.label.setText("")
    assert not page.save() and page.problem.text()
    _assert_reads(page.problem, palettes, qapp, qtbot, tmp_path, "kinds-problem", _looks_like_an_error)


def test_read_only_banner_reads(qtbot, qapp, project, make_window, palettes, tmp_path):
    window = make_window(project)
    window.read_only_banner.show()  # as for a read-only project (test_rules_in_window opens one)
    _assert_reads(window.read_only_banner, palettes, qapp, qtbot, tmp_path, "read-only-banner", _stands_out)


def test_a_notice_label_follows_a_palette_set_on_its_parent(qtbot, qapp):
    from claimdesk.ui.notices import error_label

    parent = QWidget()
    qtbot.addWidget(parent)
    label = error_label(parent)
    parent.setPalette(dark_palette())
    dark_text = label.palette().color(QPalette.ColorRole.WindowText)
    assert contrast(dark_text, dark_palette().color(QPalette.ColorRole.Window)) >= MIN_CONTRAST
    parent.setPalette(QPalette(qapp.palette()))
    assert label.palette().color(QPalette.ColorRole.WindowText) != dark_text


def test_on_a_mid_grey_window_error_text_darkens_until_it_reads(qapp):
    from claimdesk.ui.notices import error_text_colours

    palette = QPalette(qapp.palette())
    palette.setColor(QPalette.ColorRole.Window, QColor("#9e9e9e"))  # the light problem colour reads at 2.1:1 here
    colour = error_text_colours(palette)[QPalette.ColorRole.WindowText]
    assert MIN_CONTRAST <= contrast(colour, QColor("#9e9e9e")) < MIN_CONTRAST + 1  # no darker than it must be
    assert colour.red() > max(colour.green(), colour.blue()), colour.name()
