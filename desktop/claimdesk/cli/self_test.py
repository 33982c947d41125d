"""`claimdesk self-test`: check this installation end to end."""

from __future__ import annotations

import argparse

ORDER = 160
HELP = "check this installation end to end (import, suggest, verify, export, window)"


def run(args: argparse.Namespace) -> int:
    from claimdesk.selftest import run_self_test

    return run_self_test()
