"""Durable sync state: the `sync_state` key/value table (feed cursor, last success, timings)."""

from __future__ import annotations

from datetime import timedelta

from counter_app.domain import clock
from counter_app.services import CounterService
from counter_app.store import driver as sqlite3

# The actor the audit trail and status history name for what sync writes on the portal's behalf.
SYNC_ACTOR = "portal"


def get_state(service: CounterService, key: str) -> str | None:
    row = (
        service.store.conn()
        .execute("SELECT value FROM sync_state WHERE key = ?", (key,))
        .fetchone()
    )
    return row["value"] if row else None


def set_state(service: CounterService, key: str, value: str) -> None:
    with service.store.write() as conn:
        set_state_in(conn, key, value)


def set_state_in(conn: sqlite3.Connection, key: str, value: str) -> None:
    """`set_state` inside a transaction the caller already holds."""
    conn.execute(
        "INSERT INTO sync_state (key, value) VALUES (?, ?) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        (key, value),
    )


def is_due(service: CounterService, key: str, interval: timedelta) -> bool:
    """True when the moment stored under `key` is `interval` ago or more (or never stored)."""
    last = get_state(service, key)
    return last is None or clock.now() - clock.from_storage(last) >= interval
