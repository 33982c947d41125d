"""Claimdesk: mark, verify and cite claims in government press releases and news."""

__version__ = "0.1.0"
