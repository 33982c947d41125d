"""Claim highlighting in the text reader: char formats set on each paragraph's layout
just before it is first painted.

This is what QSyntaxHighlighter does, minus its eagerness: QSyntaxHighlighter formats
every paragraph up front, which took ~300 ms for a 1 MB text with 5,000 claims here
(the plain text alone: 51 ms). Char formats cost nothing per repaint, unlike thousands
of ExtraSelections (4× slower here), which are kept for find hits. Each stretch gets the
colour of the shortest claim covering it; where claims overlap the background is darker
and a wavy underline in the other claim's colour shows the second claim. Suggestions
awaiting review get a dashed underline in their kind's colour and no background.

Colours follow the palette (the ``palette colours`` below, shared by the readers and the
claim editor): a kind's tint is its colour mixed into the palette's base, so a dark
palette gets a dark tint under its light text instead of a light tint under it.
"""

from __future__ import annotations

from bisect import bisect_left, insort
from dataclasses import dataclass

from PySide6.QtGui import QColor, QPalette, QTextBlock, QTextCharFormat, QTextLayout

PARTIAL_LIMIT = 200  # more changed marks than this: mark every paragraph stale instead
STALE = -1


@dataclass(frozen=True)
class Mark:
    """A claim as the reader shows it, in UTF-16 positions of the QTextDocument."""

    claim_id: int  # or a suggestion's id when dashed
    start: int
    end: int
    colour: str
    dashed: bool = False  # a suggestion awaiting review: a dashed underline, no background


def _mark_order(mark: Mark) -> tuple[int, int]:
    return mark.start, mark.end


class ClaimHighlighter:
    """Keeps the marks and formats paragraphs on demand; ``view`` is the QPlainTextEdit."""

    def __init__(self, view):
        self.view = view
        self._marks: list[Mark] = []
        self._starts: list[int] = []
        self._longest = 0
        self._generation = 0  # a block whose userState differs needs formatting
        self._formats: dict[tuple, QTextCharFormat] = {}

    @property
    def marks(self) -> list[Mark]:
        return self._marks

    def reset(self) -> None:
        """A new text: every paragraph is new, nothing to carry over."""
        self._marks, self._starts, self._longest = [], [], 0
        self._generation += 1

    def palette_changed(self) -> None:
        """Tints are mixed into the palette's base: every paragraph is formatted again."""
        self._formats.clear()
        self._generation += 1
        self.format_visible()
        self.view.viewport().update()

    def set_marks(self, marks: list[Mark]) -> None:
        changed = set(marks) ^ set(self._marks)
        self._marks = sorted(marks, key=_mark_order)
        self._starts = [m.start for m in self._marks]
        self._longest = max((m.end - m.start for m in self._marks), default=0)
        if len(changed) > PARTIAL_LIMIT:
            self._generation += 1
        else:
            self._mark_stale(changed)
        self.format_visible()
        self.view.viewport().update()

    def replace_marks(self, claim_ids: set[int], marks: list[Mark]) -> None:
        """Replaces the claim marks of ``claim_ids`` (suggestions untouched) with ``marks``:
        after one edit, re-hashing and re-sorting 5,000 marks from scratch took ~25 ms."""
        old = [m for m in self._marks if not m.dashed and m.claim_id in claim_ids]
        if old:
            gone = set(old)
            self._marks = [m for m in self._marks if m not in gone]
        for mark in marks:
            insort(self._marks, mark, key=_mark_order)
        self._starts = [m.start for m in self._marks]
        # never shrunk here: an overestimate only widens the window _ranges looks back over
        self._longest = max(self._longest, max((m.end - m.start for m in marks), default=0))
        self._mark_stale(set(old) ^ set(marks))
        self.format_visible()
        self.view.viewport().update()

    def _mark_stale(self, changed) -> None:
        document = self.view.document()
        for mark in changed:
            block = document.findBlock(mark.start)
            while block.isValid() and block.position() < max(mark.end, mark.start + 1):
                block.setUserState(STALE)
                block = block.next()

    def format_visible(self) -> None:
        """Formats the stale paragraphs on screen (called before each paint)."""
        view = self.view
        block, offset, height = view.firstVisibleBlock(), view.contentOffset(), view.viewport().height()
        while block.isValid():
            if view.blockBoundingGeometry(block).translated(offset).top() > height:
                break
            if block.userState() != self._generation:
                self.format_block(block)
            block = block.next()

    def format_block(self, block: QTextBlock) -> None:
        block.layout().setFormats(self._ranges(block))
        block.setUserState(self._generation)

    def _ranges(self, block: QTextBlock) -> list[QTextLayout.FormatRange]:
        block_start = block.position()
        block_end = block_start + block.length() - 1
        # only marks starting within `longest` before the paragraph can reach into it
        first = bisect_left(self._starts, block_start - self._longest)
        candidates = [m for m in self._marks[first:bisect_left(self._starts, block_end)] if m.end > block_start]
        if not candidates:
            return []
        points = sorted({block_start, block_end} | {max(block_start, m.start) for m in candidates}
                        | {min(block_end, m.end) for m in candidates})
        ranges = []
        for left, right in zip(points, points[1:]):
            covering = sorted((m for m in candidates if m.start < right and m.end > left),
                              key=lambda m: m.end - m.start)
            claims = [m for m in covering if not m.dashed]
            suggested = [m for m in covering if m.dashed]
            if covering:
                format_range = QTextLayout.FormatRange()
                format_range.start, format_range.length = left - block_start, right - left
                format_range.format = self._format(claims, suggested[0].colour if suggested else None)
                ranges.append(format_range)
        return ranges

    def _format(self, covering: list[Mark], suggestion_colour: str | None) -> QTextCharFormat:
        key = tuple(m.colour for m in covering[:2]) + (len(covering) > 1, suggestion_colour)
        cached = self._formats.get(key)
        if cached is not None:
            return cached
        fmt = QTextCharFormat()
        if covering:
            # translucent, so a selection or find hit under it still shows; over the base it is the tint
            background = QColor(covering[0].colour)
            background.setAlpha(round(255 * (OVERLAP_TINT if len(covering) > 1 else MARK_TINT)))
            fmt.setBackground(background)
            palette = self.view.palette()
            fmt.setForeground(readable_text(tint(covering[0].colour, palette, background.alphaF()), palette))
        if len(covering) > 1:
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
            fmt.setUnderlineColor(QColor(covering[1].colour))
        elif suggestion_colour:
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DashUnderline)
            fmt.setUnderlineColor(QColor(suggestion_colour))
        self._formats[key] = fmt
        return fmt


# -- palette colours ---------------------------------------------------------------
MARK_TINT = 0.27  # how much of the kind's colour a marked stretch shows (alpha 70 of 255)
OVERLAP_TINT = 0.59  # where claims overlap (alpha 150)
SELECTED_TINT = 0.55
MIN_CONTRAST = 4.5  # WCAG AA for body text


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Base).lightness() < 128


def mix(colour: QColor, other: QColor, share: float) -> QColor:
    """``share`` of ``colour`` and the rest of ``other``, opaque."""
    return QColor.fromRgbF(*(share * a + (1 - share) * b for a, b in zip(_rgb(colour), _rgb(other), strict=True)))


def _rgb(colour: QColor) -> tuple[float, float, float]:
    return colour.redF(), colour.greenF(), colour.blueF()


def tint(colour: str, palette: QPalette, share: float = MARK_TINT) -> QColor:
    """A kind's colour as a background behind the palette's text."""
    return mix(QColor(colour), palette.color(QPalette.ColorRole.Base), share)


def muted_text(palette: QPalette) -> QColor:
    """Context around a quote, hints: between the text and the base, still readable."""
    return mix(palette.color(QPalette.ColorRole.Text), palette.color(QPalette.ColorRole.Base), 0.62)


def problem_colour(palette: QPalette) -> QColor:
    return QColor("#ff8a80" if is_dark(palette) else "#c62828")


def warning_colour(palette: QPalette) -> QColor:
    return QColor("#ffb74d" if is_dark(palette) else "#ef6c00")


def fine_colour(palette: QPalette) -> QColor:
    """What passes a check ("all checks pass")."""
    return QColor("#81c784" if is_dark(palette) else "#2e7d32")


def find_hit_colours(palette: QPalette) -> tuple[QColor, QColor]:
    """(background, text) of a find hit: a marker yellow, dimmed on a dark base."""
    return (QColor("#8a7400"), QColor("#ffffff")) if is_dark(palette) else (QColor("#ffeb3b"), QColor("#000000"))


def luminance(colour: QColor) -> float:
    """WCAG relative luminance."""
    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    red, green, blue = (linear(c) for c in _rgb(colour))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(first: QColor, second: QColor) -> float:
    """WCAG contrast ratio, 1 (none) to 21 (black on white)."""
    high, low = sorted((luminance(first), luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def readable_text(background: QColor, palette: QPalette) -> QColor:
    """The palette's text colour where it reads on ``background``, else black or white."""
    text = palette.color(QPalette.ColorRole.Text)
    if contrast(text, background) >= MIN_CONTRAST:
        return text
    return max((QColor("black"), QColor("white")), key=lambda c: contrast(c, background))
