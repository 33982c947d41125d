"""Opening the desktop app from the command line, or saying why it cannot open here."""

from __future__ import annotations

import os
import sys
from pathlib import Path


def display_problem() -> str | None:
    """Why no window can be shown here, or None when one can."""
    if os.environ.get("QT_QPA_PLATFORM"):
        return None
    if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        return "no display available (DISPLAY and WAYLAND_DISPLAY are unset)"
    return None


def run_gui(project: str | None) -> int:
    problem = display_problem()
    if problem:
        print(f"claimdesk: cannot open the app: {problem}; the subcommands work without one "
              "(see claimdesk --help)", file=sys.stderr)
        return 1
    try:
        from claimdesk.ui.app import run
    except ImportError as exc:
        print(f"claimdesk: cannot start Qt ({exc}); see README for the system libraries it needs", file=sys.stderr)
        return 1
    return run(Path(project) if project else None)
