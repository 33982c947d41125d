"""The detector's results: ``Suggestion`` and ``OfficialMention``.

A module of its own, outside the compiled detector (``claimdesk.compiled.COMPILED``): the
detector builds one of these per figure or name through ``__dict__`` (without the frozen
dataclass's per-field ``object.__setattr__``), which a compiled (native) class does not have.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Suggestion:
    kind: str
    start: int
    end: int
    fields: dict[str, Any] = field(default_factory=dict)
    confidence: float = 0.5
    anchor: int = 0  # where the figure or name itself starts (two suggestions may share a clause)


@dataclass(frozen=True)
class OfficialMention:
    start: int
    end: int
    name: str
    position: str
    organisation: str
    successor_of: str = ""  # "Ardan’s successor, Name": the predecessor's name as written
