"""Half-filled intake forms, saved as the officer types (Qt-free).

One draft per officer, in the `drafts` table. Each save is its own durable
transaction (the store commits with synchronous=FULL), so a crash or power cut
loses at most what was typed since the last save.
"""

from __future__ import annotations

import json
from typing import Any, Protocol

from counter_app.domain import clock
from counter_app.store.database import Store


class _HasStore(Protocol):
    store: Store


def draft_id(officer: str) -> str:
    return f"intake:{officer.strip().lower()}"


def save_draft(service: _HasStore, officer: str, data: dict[str, Any]) -> None:
    """Replace the officer's draft with `data` (any JSON-serialisable dict)."""
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    with service.store.write() as conn:
        conn.execute(
            "INSERT INTO drafts (id, officer, data, updated_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(id) DO UPDATE SET data = excluded.data, "
            "updated_at = excluded.updated_at",
            (draft_id(officer), officer, payload, clock.to_storage(clock.now())),
        )


def load_draft(service: _HasStore, officer: str) -> dict[str, Any] | None:
    """The officer's draft, or None when there is none (or it cannot be read)."""
    row = (
        service.store.read()
        .execute("SELECT data, updated_at FROM drafts WHERE id = ?", (draft_id(officer),))
        .fetchone()
    )
    if row is None:
        return None
    try:
        data = json.loads(row["data"])
    except (TypeError, ValueError):
        return None
    if not isinstance(data, dict):
        return None
    data.setdefault("_updated_at", row["updated_at"])
    return data


def clear_draft(service: _HasStore, officer: str) -> None:
    with service.store.write() as conn:
        conn.execute("DELETE FROM drafts WHERE id = ?", (draft_id(officer),))


def all_drafts(conn: Any) -> list[tuple[str, dict[str, Any]]]:
    """Every officer's draft that can be read: (officer, data)."""
    found = []
    for officer, text in conn.execute("SELECT officer, data FROM drafts ORDER BY id"):
        try:
            data = json.loads(text)
        except (TypeError, ValueError):
            continue
        if isinstance(data, dict):
            found.append((str(officer), data))
    return found
