"""Sync with the national portal: outbox drain, pull, background engine."""
