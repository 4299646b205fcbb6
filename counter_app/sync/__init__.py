"""Sync with the national portal: push of the outbox, pull of changes, conflicts, background engine."""
