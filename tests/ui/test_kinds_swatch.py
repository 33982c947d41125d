"""The kinds page's colour swatch: its label reads on whatever colour the user picks."""

import re

import pytest
from PySide6.QtGui import QColor

from claimdesk.core.kinds import Kind
from claimdesk.ui.highlight import MIN_CONTRAST, contrast
from claimdesk.ui.kinds_dialog import KindsDialog


class OneKind:
    def list_kinds(self):
        return [Kind("funding", "Funding", "#2e7d32", "1", ())]

    def add_kind(self, label, colour, shortcut, fields=()):
        return Kind(label.lower(), label, colour, shortcut, fields)

    def update_kind(self, kind):
        return kind


def _declared(style_sheet: str, prop: str) -> QColor:
    [value] = re.findall(rf"(?:^|[;\s]){prop}\s*:\s*([^;]+);", style_sheet)
    return QColor(value.strip())


@pytest.mark.parametrize("picked", ["#ffeb3b", "#fafafa", "#1a237e", "#2e7d32", "#ff5722", "#808080"])
def test_the_swatch_label_reads_on_a_light_and_a_dark_colour(qtbot, dialogs, picked):
    page = KindsDialog(OneKind(), dialogs)
    qtbot.addWidget(page)
    dialogs.colours.append(picked)
    page.colour.click()
    assert page.colour.text() == picked
    style = page.colour.styleSheet()
    background, text = _declared(style, "background"), _declared(style, "color")
    assert background == QColor(picked)
    assert contrast(text, background) >= MIN_CONTRAST, f"{text.name()} on {picked}: {contrast(text, background):.2f}:1"
