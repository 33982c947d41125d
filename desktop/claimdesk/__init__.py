"""Claimdesk: mark, verify and cite claims in government press releases and news."""

from claimdesk.compiled import install_guard

__version__ = "0.1.0"

install_guard()  # a compiled module older than its source runs from the source (claimdesk/compiled.py)
