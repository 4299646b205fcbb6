"""The transactional outbox (DESIGN §10): what sync will send, written with the change."""

from __future__ import annotations

import json
import sqlite3
import uuid
from typing import Any

from counter_app.portal import mapping as portal_mapping
from counter_app.services.records import now_text


def queue_dossier(
    conn: sqlite3.Connection, dossier: dict[str, Any], *, unit_code: str, is_updating: bool
) -> None:
    """Freeze the dossier's portal record into the outbox, in the caller's transaction."""
    if dossier.get("sync_state") == "local":
        return  # demo data never leaves the machine
    record = portal_mapping.dossier_record(dossier, unit_code)
    payload = {"isUpdating": is_updating, "record": record}
    queue_entry(conn, dossier["id"], "dossier", payload)


def queue_entry(
    conn: sqlite3.Connection, dossier_id: int, op: str, payload: dict[str, Any]
) -> None:
    conn.execute(
        "INSERT INTO outbox (dossier_id, op, payload, idempotency_key, created_at, state, "
        "attempts) VALUES (?, ?, ?, ?, ?, 'pending', 0)",
        (
            dossier_id,
            op,
            json.dumps(payload, ensure_ascii=False, separators=(",", ":")),
            str(uuid.uuid4()),
            now_text(),
        ),
    )
    conn.execute(
        "UPDATE dossiers SET sync_state = 'pending', sync_message = NULL WHERE id = ?",
        (dossier_id,),
    )
