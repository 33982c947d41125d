"""What a reading pane is: the ``Reader`` protocol the text reader and the page reader
both implement, and the rules they share (which claim n/p goes to, zoom limits), so the
window drives either pane the same way and the two cannot drift apart again.

Offsets are code points of the stored text, as everywhere else.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol, runtime_checkable

from PySide6.QtCore import Qt
from PySide6.QtGui import QWheelEvent

from claimdesk.core.claims import Claim

NO_CLAIMS = "This document has no claims yet"
ZOOM_STEP = 1.15  # one Ctrl++ or one notch of Ctrl+wheel
TEXT_ZOOM_RANGE = (0.6, 4.0)  # of the application font's size: 5.4 pt to 36 pt at 9 pt


@runtime_checkable
class Reader(Protocol):
    """A pane that shows one document with its claims.

    Signals (Qt signals cannot be declared in a Protocol, so they are named here):
    ``tagRequested(kind, start, end)``, ``claimActivated(claim_id)``, ``message(text)`` and
    ``zoomChanged(zoom)``, emitted when the zoom changes for any reason (keys, wheel, reset)
    so the window can remember it.
    """

    zoom: float

    # selection
    def selection_span(self) -> tuple[int, int] | None: ...

    # marks
    def set_claims(self, claims: list[Claim], kinds=None) -> None: ...

    def update_claims(self, changed: dict) -> None: ...

    def set_suggestions(self, suggestions) -> None: ...

    # claims
    def show_claim(self, claim_id: int) -> None: ...

    def step_claim(self, direction: int) -> None: ...

    # zoom
    def zoom_in(self) -> None: ...

    def zoom_out(self) -> None: ...

    def reset_zoom(self) -> None: ...

    # find
    def find_text(self, needle: str) -> int: ...

    def step_find(self, direction: int) -> int | None: ...


def claim_to_step_to(claims: Sequence[Claim], selected_id: int | None, here: int, direction: int) -> Claim | None:
    """Where n (direction 1) or p (-1) goes in a pane showing ``claims`` in reading order.

    From the selected claim: the next (previous) one in reading order. With none selected:
    the first claim starting at or after (before) ``here``, the offset the reader is at (its
    cursor, or the first word on show). Both wrap around. None when there are no claims.
    """
    if not claims:
        return None
    ordered = list(claims) if direction > 0 else list(reversed(claims))
    position = next((i for i, claim in enumerate(ordered) if claim.id == selected_id), None)
    if position is not None:
        return ordered[(position + 1) % len(ordered)]
    ahead = (c for c in ordered if (c.start >= here if direction > 0 else c.start < here))
    return next(ahead, ordered[0])


def clamp_zoom(zoom: float, limits: tuple[float, float]) -> float:
    return min(max(zoom, limits[0]), limits[1])


def zoom_by_wheel(event: QWheelEvent, zoom: float, set_zoom: Callable[[float], None]) -> bool:
    """Ctrl+wheel zooms by ``ZOOM_STEP`` a notch, through the pane's ``set_zoom``. True when
    the event was such a zoom (it is then accepted); the pane passes any other on."""
    if not event.modifiers() & Qt.KeyboardModifier.ControlModifier:
        return False
    steps = event.angleDelta().y() / 120
    if steps:
        set_zoom(zoom * ZOOM_STEP ** steps)
    event.accept()
    return True
