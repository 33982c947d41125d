"""Claim highlighting in the text reader with a QSyntaxHighlighter.

Char formats cost almost nothing per repaint, unlike thousands of ExtraSelections (4×
slower here), which are kept for the few find hits. Each stretch of text gets the
colour of the shortest claim covering it; where claims overlap the background is
darker and a wavy underline in the other claim's colour shows the second claim.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from PySide6.QtGui import QColor, QSyntaxHighlighter, QTextCharFormat, QTextDocument


PARTIAL_LIMIT = 200  # more changed marks than this: one full rehighlight is cheaper


@dataclass(frozen=True)
class Mark:
    """A claim as the reader shows it, in UTF-16 positions of the QTextDocument."""

    claim_id: int
    start: int
    end: int
    colour: str


class ClaimHighlighter(QSyntaxHighlighter):
    def __init__(self, document: QTextDocument):
        super().__init__(document)
        self._marks: list[Mark] = []
        self._starts: list[int] = []
        self._formats: dict[tuple, QTextCharFormat] = {}

    def set_marks(self, marks: list[Mark]) -> None:
        """Replaces the marks, re-highlighting only the blocks whose marks changed (a new
        claim repaints its paragraph, not the whole document)."""
        changed = set(marks) ^ set(self._marks)
        self._marks = sorted(marks, key=lambda m: (m.start, m.end))
        self._starts = [m.start for m in self._marks]
        if len(changed) > PARTIAL_LIMIT:
            self.rehighlight()
            return
        document = self.document()
        for mark in changed:
            block = document.findBlock(mark.start)
            while block.isValid() and block.position() < max(mark.end, mark.start + 1):
                self.rehighlightBlock(block)
                block = block.next()

    def highlightBlock(self, text: str) -> None:
        if not self._marks:
            return
        block_start = self.currentBlock().position()
        block_end = block_start + len(text)
        candidates = [m for m in self._marks[:bisect_left(self._starts, block_end)] if m.end > block_start]
        if not candidates:
            return
        points = sorted({block_start, block_end} | {max(block_start, m.start) for m in candidates}
                        | {min(block_end, m.end) for m in candidates})
        for left, right in zip(points, points[1:]):
            covering = sorted((m for m in candidates if m.start < right and m.end > left),
                              key=lambda m: m.end - m.start)
            if covering:
                self.setFormat(left - block_start, right - left, self._format(covering))

    def _format(self, covering: list[Mark]) -> QTextCharFormat:
        key = tuple(m.colour for m in covering[:2]) + (len(covering) > 1,)
        cached = self._formats.get(key)
        if cached is not None:
            return cached
        fmt = QTextCharFormat()
        background = QColor(covering[0].colour)
        background.setAlpha(150 if len(covering) > 1 else 70)
        fmt.setBackground(background)
        if len(covering) > 1:
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
            fmt.setUnderlineColor(QColor(covering[1].colour))
        self._formats[key] = fmt
        return fmt
