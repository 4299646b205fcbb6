"""Quarantine: portal items that do not fit their declared shape (portal/answers.py) are kept
here with the portal's raw text, shown in `sync --status` and the GUI's sync problems, and never
applied. The same item seen again (a re-fetched catalogue, a replayed feed page) stays one row."""

from __future__ import annotations

import hashlib
import json
import logging
from typing import TYPE_CHECKING, Any

from counter_app.domain import clock
from counter_app.portal.answers import item_key
from counter_app.store import driver as sqlite3

if TYPE_CHECKING:
    from counter_app.services import CounterService

log = logging.getLogger(__name__)

MAX_RAW = 100_000  # characters of the portal's text kept per item
SOURCE_NAMES = {
    "changes": "thay đổi từ Cổng / changes feed",
    "catalogue": "danh mục thủ tục / catalogue",
    "holidays": "ngày nghỉ / holidays",
}


def raw_text(item: Any) -> str:
    """The item as JSON text, the way the portal sent it (key order kept)."""
    try:
        text = json.dumps(item, ensure_ascii=False, allow_nan=True)
    except (TypeError, ValueError, RecursionError):
        text = repr(item)
    return text[:MAX_RAW]


def quarantine(
    conn: sqlite3.Connection, source: str, item: Any, reason: str, *, cursor: str | None = None
) -> None:
    """Keep `item` aside, in the caller's transaction."""
    raw = raw_text(item)
    digest = hashlib.sha256(f"{source}\n{raw}".encode("utf-8", "replace")).hexdigest()
    now = clock.to_storage(clock.now())
    conn.execute(
        "INSERT INTO sync_quarantine (source, item_key, reason, raw, digest, cursor, "
        "first_seen_at, last_seen_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT(digest) DO UPDATE SET last_seen_at = excluded.last_seen_at, "
        "times_seen = times_seen + 1",
        (source, item_key(item), reason[:2000], raw, digest, cursor, now, now),
    )
    log.warning("sync: quarantined a %s item: %s", source, reason[:300])


def quarantined_items(conn: sqlite3.Connection, limit: int = 500) -> list[dict[str, Any]]:
    """The quarantined items, newest first."""
    rows = conn.execute(
        "SELECT id, source, item_key, reason, raw, cursor, first_seen_at, last_seen_at, "
        "times_seen FROM sync_quarantine ORDER BY id DESC LIMIT ?",
        (limit,),
    ).fetchall()
    return [dict(row) for row in rows]


def list_quarantined(service: CounterService, limit: int = 500) -> list[dict[str, Any]]:
    """`quarantined_items` for callers that hold the service, not a connection (the GUI)."""
    return quarantined_items(service.store.read(), limit)


def quarantine_count(conn: sqlite3.Connection) -> int:
    return conn.execute("SELECT count(*) FROM sync_quarantine").fetchone()[0]
