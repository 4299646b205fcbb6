"""Half-done work saved as it happens (Qt-free): intake forms and open capture dialogs.

One row per officer and kind in the `drafts` table, its id `<kind>:<officer>`: INTAKE, the
half-filled intake form (services/drafts.py); CAPTURE, the document of a capture dialog still
open (services/open_captures.py). Each save is its own durable transaction (the store commits
with synchronous=FULL), so a crash or power cut loses at most what was done since the last
save. Everything that lists rows names its kind: an open capture is never taken for a form.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, Protocol

from counter_app.domain import clock
from counter_app.store.database import Store

INTAKE = "intake"
CAPTURE = "capture"


class _HasStore(Protocol):
    store: Store


def draft_id(officer: str, kind: str = INTAKE) -> str:
    return f"{kind}:{officer.strip().lower()}"


def save_draft(
    service: _HasStore, officer: str, data: dict[str, Any], *, kind: str = INTAKE
) -> None:
    """Replace the officer's draft of `kind` with `data` (any JSON-serialisable dict)."""
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    with service.store.write() as conn:
        conn.execute(
            "INSERT INTO drafts (id, officer, data, updated_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(id) DO UPDATE SET data = excluded.data, "
            "updated_at = excluded.updated_at",
            (draft_id(officer, kind), officer, payload, clock.to_storage(clock.now())),
        )


def _parsed(text: Any) -> dict[str, Any] | None:
    try:
        data = json.loads(text)
    except (TypeError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def load_draft(service: _HasStore, officer: str, *, kind: str = INTAKE) -> dict[str, Any] | None:
    """The officer's draft of `kind`, or None when there is none (or it cannot be read)."""
    row = (
        service.store.read()
        .execute("SELECT data, updated_at FROM drafts WHERE id = ?", (draft_id(officer, kind),))
        .fetchone()
    )
    data = _parsed(row["data"]) if row is not None else None
    if data is None:
        return None
    data.setdefault("_updated_at", row["updated_at"])
    return data


def clear_draft(
    service: _HasStore,
    officer: str,
    *,
    kind: str = INTAKE,
    when: Callable[[dict[str, Any]], bool] | None = None,
) -> bool:
    """Remove the officer's draft of `kind` (only if `when(data)` holds, checked in the same
    transaction; an unreadable one goes either way); whether one was removed."""
    with service.store.write() as conn:
        row = conn.execute(
            "SELECT data FROM drafts WHERE id = ?", (draft_id(officer, kind),)
        ).fetchone()
        if row is None:
            return False
        data = _parsed(row[0])
        if when is not None and data is not None and not when(data):
            return False
        conn.execute("DELETE FROM drafts WHERE id = ?", (draft_id(officer, kind),))
        return True


def all_drafts(conn: Any, kind: str = INTAKE) -> list[tuple[str, dict[str, Any]]]:
    """Every officer's draft of `kind` that can be read: (officer, data with `_updated_at`)."""
    found = []
    for officer, text, updated_at in conn.execute(
        "SELECT officer, data, updated_at FROM drafts WHERE id LIKE ? ORDER BY id",
        (f"{kind}:%",),
    ):
        data = _parsed(text)
        if data is not None:
            data.setdefault("_updated_at", updated_at)
            found.append((str(officer), data))
    return found
