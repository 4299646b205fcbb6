"""Offline-first counter app for commune public administrative service centres."""

__version__ = "0.1.0"
