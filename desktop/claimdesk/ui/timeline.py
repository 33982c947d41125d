"""A measure's figures over time, drawn with QPainter: targets as lines from their release
up to their deadline, statistics as points at their reference date, funding as diamonds
over their period, and relations between figures as links (conflicts red).

``figures_of`` turns claims into ``Figure`` values (Qt-free); ``Timeline`` only places and
draws them, so tests can ask where a figure went (``anchor_of``) and what is linked.
"""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass
from typing import Any
from decimal import Decimal, InvalidOperation

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPalette, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from claimdesk.core.kinds import FUNDING, TARGET, kind_colour
from claimdesk.core.periods import reference_period
from claimdesk.core.values import format_value, parse_partial_date
from claimdesk.ui.highlight import is_dark

VALUE_FIELDS = ("amount", "quantity", "value")
LINK_STYLES = {  # relation kind -> (light colour, dark colour, pen style)
    "conflicts": ("#d32f2f", "#ff6b6b", Qt.PenStyle.SolidLine),
    "revised": ("#ef6c00", "#ffb74d", Qt.PenStyle.DashLine),
    "corroborates": ("#2e7d32", "#81c784", Qt.PenStyle.DotLine),
    "progress": ("#546e7a", "#b0bec5", Qt.PenStyle.DotLine),
}
MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MARGIN_BOTTOM = 64, 16, 46, 30  # the top holds title and legend
UNDATED_WIDTH = 76  # a column right of the time axis for figures with no period and no release date
HIT_RADIUS = 9
BACKGROUND_LINKS = ("conflicts", "revised")  # drawn faintly while no figure is chosen


@dataclass(frozen=True)
class Figure:
    """One claim as the timeline shows it; ``start``/``end`` bound its reference period (both
    None: undated, neither the claim nor its release says when)."""

    claim_id: int
    kind: str
    value: float | None
    value_text: str
    start: dt.date | None
    end: dt.date | None
    precision: str
    period_source: str  # as_of | deadline | period | published | undated
    published: dt.date | None
    source: str
    status: str
    colour: str
    quote: str = ""
    kind_label: str = ""
    label: str = ""  # the period as stated ("2026–2027"); blank: from start and precision

    @property
    def period(self) -> tuple[dt.date, dt.date] | None:
        """(start, end), or None for an undated figure."""
        return (self.start, self.end) if self.start is not None and self.end is not None else None

    @property
    def period_text(self) -> str:
        if self.label:
            return self.label
        if self.start is None:
            return "undated"
        if self.precision == "year":
            return f"{self.start.year}"
        if self.precision == "month":
            return self.start.strftime("%Y-%m")
        return self.start.isoformat()


@dataclass(frozen=True)
class Link:
    first: int
    second: int
    kind: str
    reason: str = ""
    state: str = "proposed"


def figures_of(claims, documents: dict, kinds: dict) -> list[Figure]:
    """Figures of ``claims`` in time order (undated ones last); ``documents``: id -> (title,
    published ISO or None)."""
    figures = []
    for claim in claims:
        title, published = documents.get(claim.document_id, ("", None))
        period = _reference_period(claim.kind, claim.fields, published)
        start, end, precision, source, label = period or (None, None, "", "undated", "")
        kind = kinds.get(claim.kind)
        figures.append(Figure(
            claim_id=claim.id, kind=claim.kind, value=_number(claim.fields),
            value_text=format_value(claim.fields, kind.fields) if kind else "", start=start, end=end,
            precision=precision, period_source=source, published=_bounds(published)[0] if published else None,
            source=title, status=claim.status, colour=kind_colour(kinds, claim.kind),
            quote=" ".join(claim.quote.split()), kind_label=kind.label if kind else claim.kind, label=label))
    return sorted(figures, key=lambda f: (f.start is None, f.start or dt.date.min, f.end or dt.date.min, f.claim_id))


def _reference_period(kind: str, fields: dict[str, Any],
                      published: str | None) -> tuple[dt.date, dt.date, str, str, str] | None:
    """(start, end, precision, source, label) of core.periods' reading, as dates."""
    period = reference_period(kind, fields, published)
    if period is None:
        return None
    start, end = _bounds(period.start)[0], _bounds(period.end)[1]
    return start, end, period.precision, period.source, period.label()


def _bounds(text: str) -> tuple[dt.date, dt.date]:
    """First and last day of a partial ISO date ("2027", "2027-12", "2027-12-31T…")."""
    iso, precision = parse_partial_date(text[:10])
    parts = [int(p) for p in iso.split("-")]
    if precision == "year":
        return dt.date(parts[0], 1, 1), dt.date(parts[0], 12, 31)
    if precision == "month":
        following = dt.date(parts[0] + parts[1] // 12, parts[1] % 12 + 1, 1)
        return dt.date(parts[0], parts[1], 1), following - dt.timedelta(days=1)
    day = dt.date(*parts)
    return day, day


def _number(fields: dict[str, Any]) -> float | None:
    for name in VALUE_FIELDS:
        if fields.get(name) not in (None, ""):
            try:
                return float(Decimal(str(fields[name])))
            except InvalidOperation:
                return None
    return None


class Timeline(QWidget):
    """Click or Enter on a figure: ``figureActivated``; Left/Right step between figures."""

    figureActivated = Signal(int)
    currentChanged = Signal(int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.figures: list[Figure] = []
        self.links: list[Link] = []
        self.current: int | None = None
        self.title = ""
        self.today = dt.date.today()
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumHeight(160)
        self.setAccessibleName("Timeline of the measure's figures")

    def sizeHint(self) -> QSize:
        return QSize(640, 280)

    def set_figures(self, figures: list[Figure], links: list[Link], title: str = "") -> None:
        self.figures = list(figures)
        shown = {f.claim_id for f in self.figures}
        self.links = [link for link in links if link.first in shown and link.second in shown]
        self.title = title
        if self.current not in shown:
            self.current = None
        self.update()

    def set_current(self, claim_id: int | None) -> None:
        if claim_id != self.current:
            self.current = claim_id
            self.update()
            if claim_id is not None:
                self.currentChanged.emit(claim_id)

    # -- geometry --------------------------------------------------------------
    def _undated(self) -> bool:
        return any(f.period is None for f in self.figures)

    def _plot(self) -> QRectF:
        """The time axis's area (the undated column, when needed, lies to its right)."""
        right = MARGIN_RIGHT + (UNDATED_WIDTH if self._undated() else 0)
        return QRectF(MARGIN_LEFT, MARGIN_TOP, max(1, self.width() - MARGIN_LEFT - right),
                      max(1, self.height() - MARGIN_TOP - MARGIN_BOTTOM))

    def _date_range(self) -> tuple[dt.date, dt.date]:
        days = [f.start for f in self.figures if f.start] + [f.end for f in self.figures if f.end]
        days += [f.published for f in self.figures if f.kind == TARGET and f.published]
        if not days:
            days = [self.today]
        first, last = min(days), max(days)
        pad = max(30, (last - first).days // 20)
        return first - dt.timedelta(days=pad), last + dt.timedelta(days=pad)

    def _value_range(self) -> tuple[float, float]:
        values = [f.value for f in self.figures if f.value is not None]
        if not values:
            return 0.0, 1.0
        low, high = min(values), max(values)
        if 0 < low < 0.4 * high:  # far apart: from zero, so the bars' proportions read true
            low = 0.0
        if high == low:
            low, high = low - (abs(low) or 1.0) * 0.1, high + (abs(high) or 1.0) * 0.1
        pad = (high - low) * 0.1
        return (low - pad if low != 0 else 0.0), high + pad

    def x_of(self, day: dt.date) -> float:
        plot, (first, last) = self._plot(), self._date_range()
        return plot.left() + plot.width() * (day - first).days / max(1, (last - first).days)

    def y_of(self, value: float | None) -> float:
        plot = self._plot()
        if value is None:  # figures without a number sit on the baseline
            return plot.bottom() - 6
        low, high = self._value_range()
        return plot.bottom() - plot.height() * (value - low) / (high - low)

    def anchor_of(self, claim_id: int) -> QPointF | None:
        """Where a figure is drawn (its marker; for a target, the deadline end of its line)."""
        figure = next((f for f in self.figures if f.claim_id == claim_id), None)
        return self._anchor(figure) if figure is not None else None

    def _anchor(self, figure: Figure) -> QPointF:
        period = figure.period
        if period is None:  # side by side across the undated column
            undated = [f.claim_id for f in self.figures if f.period is None]
            step = (UNDATED_WIDTH - 16) / len(undated)
            return QPointF(self._plot().right() + 14 + step * (undated.index(figure.claim_id) + 0.5),
                           self.y_of(figure.value))
        start, end = period
        day = end if figure.kind == TARGET else start + (end - start) / 2
        return QPointF(self.x_of(day), self.y_of(figure.value))

    def target_line(self, claim_id: int) -> tuple[QPointF, QPointF] | None:
        """A target's horizontal line: from its release (or its period's start) to its deadline."""
        figure = next((f for f in self.figures if f.claim_id == claim_id and f.kind == TARGET), None)
        period = figure.period if figure is not None else None
        if figure is None or period is None:
            return None
        return self._target_line(figure, period)

    def _target_line(self, figure: Figure, period: tuple[dt.date, dt.date]) -> tuple[QPointF, QPointF]:
        start, end = period
        begin = figure.published if figure.published and figure.published < end else start
        y = self.y_of(figure.value)
        return QPointF(self.x_of(begin), y), QPointF(self.x_of(end), y)

    def figure_at(self, point: QPointF) -> int | None:
        best: int | None = None
        best_distance: float = HIT_RADIUS ** 2
        for figure in self.figures:
            anchor = self._anchor(figure)
            distance = (anchor.x() - point.x()) ** 2 + (anchor.y() - point.y()) ** 2
            if distance <= best_distance:
                best, best_distance = figure.claim_id, distance
        return best

    # -- drawing ---------------------------------------------------------------
    def _dark(self) -> bool:
        return is_dark(self.palette())

    def _kind_colour(self, figure: Figure) -> QColor:
        colour = QColor(figure.colour)
        return colour.lighter(150) if self._dark() else colour

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        try:  # a painter left open by an exception takes the process down with it
            self._paint(painter)
        finally:
            painter.end()

    def _paint(self, painter: QPainter) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        painter.fillRect(self.rect(), palette.color(QPalette.ColorRole.Base))
        text_colour = palette.color(QPalette.ColorRole.Text)
        if not self.figures:
            painter.setPen(text_colour)
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter,
                             "Select a measure to see its figures over time")
            return
        self._draw_axes(painter, text_colour)
        chosen = [link for link in self.links if self.current in (link.first, link.second)]
        for link in self.links if self.current is None else ():  # else the rings mark the other conflicts
            if link.kind in BACKGROUND_LINKS:
                self._draw_link(painter, link, faint=True)
        for link in chosen:
            self._draw_link(painter, link)
        in_conflict = {end for link in self.links if link.kind == "conflicts" and link.state != "dismissed"
                       for end in (link.first, link.second)}
        for figure in self.figures:
            self._draw_figure(painter, figure, figure.claim_id in in_conflict)
        taken: list[QRectF] = []
        for figure in sorted(self.figures, key=lambda f: f.claim_id != self.current):
            self._draw_value(painter, figure, text_colour, taken)
        self._draw_legend(painter, text_colour)
        anchor = self.anchor_of(self.current) if self.current is not None else None
        if anchor is not None:  # the chosen figure: a solid ring while the timeline has the keyboard
            style = Qt.PenStyle.SolidLine if self.hasFocus() else Qt.PenStyle.DashLine
            painter.setPen(QPen(palette.color(QPalette.ColorRole.Highlight), 2, style))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawEllipse(anchor, 12, 12)

    def _draw_axes(self, painter: QPainter, text_colour: QColor) -> None:
        plot = self._plot()
        grid = QColor(text_colour)
        grid.setAlpha(40)
        painter.setPen(QPen(grid, 1))
        metrics = painter.fontMetrics()
        low, high = self._value_range()
        for value in _nice_ticks(low, high):
            y = self.y_of(value)
            painter.setPen(QPen(grid, 1))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(text_colour)
            label = _short_number(value)
            painter.drawText(QRectF(0, y - metrics.height() / 2, MARGIN_LEFT - 6, metrics.height()),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, label)
        first, last = self._date_range()
        painter.setPen(QPen(text_colour, 1))
        painter.drawLine(QPointF(plot.left(), plot.bottom()), QPointF(plot.right(), plot.bottom()))
        for day, label in _date_ticks(first, last):
            x = self.x_of(day)
            painter.setPen(QPen(grid, 1))
            painter.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()))
            painter.setPen(text_colour)
            painter.drawText(QRectF(x - 40, plot.bottom() + 4, 80, metrics.height()),
                             Qt.AlignmentFlag.AlignHCenter, label)
        if self._undated():
            x = plot.right() + 6
            painter.setPen(QPen(grid, 1, Qt.PenStyle.DashLine))
            painter.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()))
            painter.setPen(text_colour)
            painter.drawText(QRectF(x, plot.bottom() + 4, UNDATED_WIDTH - 6, metrics.height()),
                             Qt.AlignmentFlag.AlignHCenter, "undated")
        if first < self.today < last:
            x = self.x_of(self.today)
            painter.setPen(QPen(text_colour, 1, Qt.PenStyle.DashDotLine))
            painter.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()))
            painter.drawText(QPointF(x + 3, plot.top() + metrics.ascent()), "today")
        if self.title:
            painter.setPen(text_colour)
            bold = painter.font()
            bold.setBold(True)
            painter.save()
            painter.setFont(bold)
            painter.drawText(QRectF(plot.left(), 2, self.width() - plot.left() - MARGIN_RIGHT, metrics.height() + 2),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                             metrics.elidedText(self.title, Qt.TextElideMode.ElideRight,
                                                int(self.width() - plot.left() - MARGIN_RIGHT)))
            painter.restore()

    def _draw_figure(self, painter: QPainter, figure: Figure, in_conflict: bool = False) -> None:
        colour = self._kind_colour(figure)
        anchor = self._anchor(figure)
        period = figure.period
        hollow = figure.value is None
        if in_conflict:  # the figure is marked, whether or not its conflict links are drawn in full
            painter.setPen(QPen(QColor(LINK_STYLES["conflicts"][1 if self._dark() else 0]), 1.6))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawEllipse(anchor, 9.5, 9.5)
        if figure.kind == TARGET and period is None:
            painter.setPen(QPen(colour, 3, Qt.PenStyle.SolidLine, Qt.PenCapStyle.FlatCap))
            painter.drawLine(anchor - QPointF(14, 0), anchor)
            painter.drawLine(QPointF(anchor.x(), anchor.y() - 7), QPointF(anchor.x(), anchor.y() + 7))
            return
        if figure.kind == TARGET and period is not None:
            begin, end = self._target_line(figure, period)
            painter.setPen(QPen(colour, 3, Qt.PenStyle.SolidLine, Qt.PenCapStyle.FlatCap))
            painter.drawLine(begin, end)
            painter.drawLine(QPointF(end.x(), end.y() - 7), QPointF(end.x(), end.y() + 7))  # the deadline
            painter.setPen(QPen(colour, 1))
            painter.setBrush(colour if not hollow else Qt.BrushStyle.NoBrush)
            painter.drawEllipse(begin, 3, 3)
            return
        if period is not None and period[1] > period[0]:  # the period the figure covers, at its precision
            faint = QColor(colour)
            faint.setAlpha(90)
            painter.setPen(QPen(faint, 5 if figure.kind == FUNDING else 2, Qt.PenStyle.SolidLine,
                                Qt.PenCapStyle.FlatCap))
            painter.drawLine(QPointF(self.x_of(period[0]), anchor.y()), QPointF(self.x_of(period[1]), anchor.y()))
        painter.setPen(QPen(colour.darker(130) if not self._dark() else colour.lighter(120), 1.5))
        painter.setBrush(Qt.BrushStyle.NoBrush if hollow else colour)
        if figure.kind == FUNDING:
            painter.drawPolygon(_diamond(anchor, 7))
        else:
            painter.drawEllipse(anchor, 5.5, 5.5)

    def _draw_value(self, painter: QPainter, figure: Figure, text_colour: QColor, taken: list[QRectF]) -> None:
        """The figure's number beside its marker (a target's above its deadline end), unless
        another number already stands there (``taken``: the boxes drawn so far)."""
        if figure.value is None:
            return
        anchor = self._anchor(figure)
        text = _short_number(figure.value)
        width = painter.fontMetrics().horizontalAdvance(text) + 4
        height = painter.fontMetrics().height()
        if figure.kind == TARGET:
            box = QRectF(anchor.x() - width - 4, anchor.y() - height - 3, width, height)
        else:
            box = QRectF(anchor.x() + 8, anchor.y() - height - 2, width, height)
        if any(box.intersects(other) for other in taken):
            return
        taken.append(box)
        painter.setPen(text_colour)
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)

    def _draw_link(self, painter: QPainter, link: Link, faint: bool = False) -> None:
        """A relation as an arc between its two figures; ``faint``: one of many in the
        background (those of the chosen figure are drawn in full, with a conflict's badge)."""
        light, dark, style = LINK_STYLES.get(link.kind, ("#757575", "#bdbdbd", Qt.PenStyle.DotLine))
        first, second = self.anchor_of(link.first), self.anchor_of(link.second)
        colour = QColor(dark if self._dark() else light)
        if link.state == "dismissed" or first is None or second is None:  # both ends are shown (set_figures)
            return
        if faint:
            colour.setAlpha(110)
        width = 1.2 if faint else 2.5 if link.kind in ("conflicts", "revised") else 1.5
        painter.setPen(QPen(colour, width, style))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        path = QPainterPath(first)
        middle = (first + second) / 2
        # arcs rise clear of target lines, their tops kept inside the plot
        rise = min(max(36.0, abs(second.x() - first.x()) * 0.15), 2 * (middle.y() - self._plot().top() - 4))
        bend = QPointF(0, -max(0.0, rise))
        path.quadTo(middle + bend, second)
        painter.drawPath(path)
        if link.kind == "conflicts" and not faint:
            label_at = middle + bend / 2
            painter.setBrush(colour)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.drawEllipse(label_at, 7, 7)
            painter.setPen(QPen(QColor("#ffffff" if not self._dark() else "#000000"), 2))
            painter.drawText(QRectF(label_at.x() - 7, label_at.y() - 7, 14, 14), Qt.AlignmentFlag.AlignCenter, "!")

    def _draw_legend(self, painter: QPainter, text_colour: QColor) -> None:
        kinds: dict[str, Figure] = {}
        for figure in self.figures:
            kinds.setdefault(figure.kind, figure)
        entries = [(f.kind_label or f.kind, self._kind_colour(f), f.kind) for f in kinds.values()]
        entries += [(kind, QColor(LINK_STYLES[kind][1 if self._dark() else 0]), "link:" + kind)
                    for kind in LINK_STYLES if any(link.kind == kind for link in self.links)]
        metrics = painter.fontMetrics()
        x = self.width() - MARGIN_RIGHT
        y = MARGIN_TOP - metrics.height() - 4
        for label, colour, shape in reversed(entries):
            width = metrics.horizontalAdvance(label)
            x -= width
            painter.setPen(text_colour)
            painter.drawText(QRectF(x, y, width, metrics.height()), Qt.AlignmentFlag.AlignLeft, label)
            x -= 22
            mid = QPointF(x + 8, y + metrics.height() / 2)
            if shape.startswith("link:"):
                painter.setPen(QPen(colour, 2.5, LINK_STYLES[shape[5:]][2]))
                painter.drawLine(QPointF(x, mid.y()), QPointF(x + 16, mid.y()))
            elif shape == TARGET:
                painter.setPen(QPen(colour, 3))
                painter.drawLine(QPointF(x, mid.y()), QPointF(x + 16, mid.y()))
            else:
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(colour)
                if shape == FUNDING:
                    painter.drawPolygon(_diamond(mid, 6))
                else:
                    painter.drawEllipse(mid, 5, 5)
            x -= 12

    # -- interaction -----------------------------------------------------------
    def event(self, event) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            claim_id = self.figure_at(QPointF(event.pos()))
            if claim_id is None:
                QToolTip.hideText()
                event.ignore()
            else:
                QToolTip.showText(event.globalPos(), self.tooltip_of(claim_id), self)
            return True
        return super().event(event)

    def tooltip_of(self, claim_id: int) -> str:
        figure = next(f for f in self.figures if f.claim_id == claim_id)
        when = {"as_of": "as of", "deadline": "by", "period": "for", "published": "released"}.get(
            figure.period_source, figure.period_source)
        lines = [f"<b>{figure.kind_label or figure.kind}</b> {figure.value_text or '(no value)'}",
                 f"{when} {figure.period_text}", f"source: {figure.source}", f"status: {figure.status}"]
        for link in self.links:
            if claim_id in (link.first, link.second):
                other = link.second if link.first == claim_id else link.first
                lines.append(f"{link.kind} #{other} ({link.state}){': ' + link.reason if link.reason else ''}")
        return "<br>".join(html.escape(line, quote=False) if i else line for i, line in enumerate(lines))

    def mousePressEvent(self, event) -> None:
        claim_id = self.figure_at(QPointF(event.position()))
        if claim_id is not None and event.button() == Qt.MouseButton.LeftButton:
            self.set_current(claim_id)
            self.figureActivated.emit(claim_id)
        super().mousePressEvent(event)

    def keyPressEvent(self, event) -> None:
        order = [f.claim_id for f in sorted(self.figures, key=lambda f: (self._anchor(f).x(), f.claim_id))]
        if not order:
            super().keyPressEvent(event)
            return
        position = order.index(self.current) if self.current in order else -1
        if event.key() == Qt.Key.Key_Right:
            self.set_current(order[min(position + 1, len(order) - 1)])
        elif event.key() == Qt.Key.Key_Left:
            self.set_current(order[max(position - 1, 0)])
        elif event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space) and self.current is not None:
            self.figureActivated.emit(self.current)
        else:
            super().keyPressEvent(event)


def _diamond(centre: QPointF, size: float) -> QPolygonF:
    return QPolygonF([centre + QPointF(0, -size), centre + QPointF(size, 0), centre + QPointF(0, size),
                      centre + QPointF(-size, 0)])


def _nice_ticks(low: float, high: float, count: int = 4) -> list[float]:
    span = high - low
    raw = span / count
    magnitude = 10 ** int(f"{raw:e}".split("e")[1])
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    first = (low // step) * step
    ticks, value = [], first
    while value <= high + step * 1e-9:
        if value >= low - step * 1e-9:
            ticks.append(round(value, 10))
        value += step
    return ticks


def _short_number(value: float) -> str:
    for size, suffix in ((1e12, "T"), (1e9, "bn"), (1e6, "M"), (1e3, "k")):
        if abs(value) >= size:
            return f"{value / size:.4g}{suffix}"
    return f"{value:.4g}"


def _date_ticks(first: dt.date, last: dt.date) -> list[tuple[dt.date, str]]:
    years = last.year - first.year
    if years >= 2:
        step = max(1, years // 8 + (1 if years > 8 else 0))
        return [(dt.date(year, 1, 1), str(year)) for year in range(first.year + 1, last.year + 1, step)]
    ticks, year, month = [], first.year + first.month // 12, first.month % 12 + 1  # the month after first
    months = years * 12 + last.month - first.month
    step = 1 if months <= 8 else 3
    while (year, month) <= (last.year, last.month):
        if (month - 1) % step == 0:
            ticks.append((dt.date(year, month, 1), f"{year}-{month:02d}" if month != 1 else str(year)))
        month += 1
        if month > 12:
            year, month = year + 1, 1
    return ticks
