"""Labels that tell of a problem or a state - error text and the warning banner - coloured from
the palette, so they read (WCAG ``MIN_CONTRAST``) in light and dark themes and follow a theme
change while they are shown.

A style sheet colour is fixed: ``color: #b00020`` read at 1.9:1 on a dark window, and a pale
yellow banner glared out of one. Here error text is the palette's ``problem_colour``, moved
towards the window's text only as far as it must go to read on the window, and the banner is a
warm tint of the window's own colour under text that reads on it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from claimdesk.ui.highlight import MIN_CONTRAST, contrast, mix, problem_colour

WINDOW, WINDOW_TEXT = QPalette.ColorRole.Window, QPalette.ColorRole.WindowText
BANNER_HUE = QColor("#ffb300")  # amber, as warnings are elsewhere
BANNER_TINT = 0.3  # share of the hue in the banner's background; the rest is the window's colour
STEPS = 20  # how finely a colour is moved towards the text colour until it reads

Colours = Callable[[QPalette], dict[QPalette.ColorRole, QColor]]


def readable_on(colour: QColor, background: QColor, palette: QPalette) -> QColor:
    """``colour`` where it reads on ``background``, else the nearest mix of it with the palette's
    window text (or black or white, if that text does not read there either) that does."""
    text = palette.color(WINDOW_TEXT)
    if contrast(text, background) < MIN_CONTRAST:
        text = max((QColor("black"), QColor("white")), key=lambda c: contrast(c, background))
    for step in range(STEPS + 1):
        candidate = mix(text, colour, step / STEPS)
        if contrast(candidate, background) >= MIN_CONTRAST:
            return candidate
    return text


def error_text_colours(palette: QPalette) -> dict[QPalette.ColorRole, QColor]:
    """Text in the palette's problem colour, readable on its window."""
    return {WINDOW_TEXT: readable_on(problem_colour(palette), palette.color(WINDOW), palette)}


def warning_banner_colours(palette: QPalette) -> dict[QPalette.ColorRole, QColor]:
    """A warm tint of the window (dark on a dark one) under the window's text, readable on it."""
    background = mix(BANNER_HUE, palette.color(WINDOW), BANNER_TINT)
    return {WINDOW: background, WINDOW_TEXT: readable_on(palette.color(WINDOW_TEXT), background, palette)}


class NoticeLabel(QLabel):
    """A label whose colours are ``colours`` of the palette it would otherwise inherit, worked out
    again whenever that palette changes (a theme switch, a new parent)."""

    def __init__(self, text: str, colours: Colours, parent: QWidget | None = None, *, fill: bool = False):
        super().__init__(text, parent)
        self._colours, self._applying = colours, False
        self.setAutoFillBackground(fill)
        self._apply()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        # setting the palette below sends a PaletteChange too: that one is ours, not a theme's
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ParentChange) and not self._applying:
            self._apply()

    def _apply(self) -> None:
        parent = self.parentWidget()
        inherited = parent.palette() if parent is not None else QApplication.palette(self)
        palette = QPalette(self.palette())
        for role, colour in self._colours(inherited).items():
            palette.setColor(role, colour)
        self._applying = True
        try:
            self.setPalette(palette)
        finally:
            self._applying = False


def error_label(parent: QWidget | None = None, text: str = "") -> NoticeLabel:
    """A wrapped line of error text (why an action is refused or disabled)."""
    label = NoticeLabel(text, error_text_colours, parent)
    label.setWordWrap(True)
    return label


def warning_banner(text: str, parent: QWidget | None = None) -> NoticeLabel:
    """A strip across a window that says what state it is in (e.g. read-only)."""
    banner = NoticeLabel(text, warning_banner_colours, parent, fill=True)
    banner.setMargin(6)
    return banner
