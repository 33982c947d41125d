"""`claimdesk self-test`: check this installation end to end."""

from __future__ import annotations

import argparse

ORDER = 160
HELP = "check this installation end to end (import, suggest, verify, export, window)"
DESCRIPTION = ("Builds a throwaway project in a temporary folder from the bundled samples and runs each step "
               "(import, suggest, verify, export, the main window offscreen), one line per step; exit 1 when "
               "any fails.")


def run(args: argparse.Namespace) -> int:
    from claimdesk.selftest import run_self_test

    return run_self_test()
