"""The transactional outbox (DESIGN §10): what sync will send, written with the change."""

from __future__ import annotations

import json
from typing import Any

from counter_app.portal import mapping as portal_mapping
from counter_app.services.records import new_uuid, now_text
from counter_app.store import driver as sqlite3


def queue_dossier(
    conn: sqlite3.Connection,
    dossier: dict[str, Any],
    *,
    unit_code: str,
    is_updating: bool,
    step: dict[str, Any] | None = None,
) -> None:
    """Freeze the dossier's portal record into the outbox, in the caller's transaction;
    `step` (a `progress_record`) travels inside it: one entry, one request for a change."""
    if dossier.get("sync_state") == "local":
        return  # demo data never leaves the machine
    record = dossier_record(conn, dossier, unit_code)
    if step is not None:
        record[portal_mapping.STEP] = step
    payload = {"isUpdating": is_updating, "record": record}
    queue_entry(conn, dossier["id"], "dossier", payload)


# Another counter's file (source 'portal') that its dossier's list on the portal no longer
# names: withdrawn here (kept for the audit; not digitised, not listed, not fetched). Over an
# attachments row `a`; services/attachments.py `is_withdrawn` is the same rule for a row read.
WITHDRAWN_SQL = "(a.source = 'portal' AND a.listed = 0)"

# Attachments on the portal (a MaTep): committed files, or known from another counter and
# still on its list.
_FILED = (
    "SELECT id, kind, item, label, sha256, bytes, pages, portal_file_ref FROM attachments a "
    "WHERE dossier_id = ? AND portal_file_ref IS NOT NULL "
    f"AND upload_state IN ('uploaded', 'remote') AND NOT {WITHDRAWN_SQL} "
    "ORDER BY kind = 'result', item IS NULL, item, id"
)


def dossier_record(
    conn: sqlite3.Connection, dossier: dict[str, Any], unit_code: str
) -> dict[str, Any]:
    """The dossier's portal record as the outbox freezes it, always with both attachment
    lists (possibly empty): the complete list of its files on the portal, so no later update
    drops one there and the other counters can drop those no longer listed (docs/portal-
    contract.md, "Lists in the record"). A file not committed yet is not on them until a
    later record (sync/attachments.py). The rows it names are marked `listed`."""
    record = portal_mapping.dossier_record(dossier, unit_code)
    rows = conn.execute(_FILED, (dossier["id"],)).fetchall()
    record.update(portal_mapping.attachment_lists(rows))
    if rows:
        conn.execute(
            "UPDATE attachments SET listed = 1 WHERE listed = 0 "
            "AND id IN (SELECT value FROM json_each(?))",
            (json.dumps([r["id"] for r in rows]),),
        )
    return record


# A frozen payload is the compact JSON of {"isUpdating": ..., "record": {...}} (dossier
# entries, the record perhaps carrying its progress step) or {"record": {...}} (separate
# progress entries: hand-overs, and those queued before steps rode in the record), keys in that order, "record" last: only
# `freeze` writes payloads, only of these two forms (queue_dossier, queue_entry, the retry).
# Sync reads the flag and the record's text off these prefixes instead of parsing each
# payload; JSON written otherwise (spaces) is parsed.
_UPDATING_TRUE = '{"isUpdating":true,'
_RECORD_PREFIXES = ('{"isUpdating":true,"record":', '{"isUpdating":false,"record":', '{"record":')


# The same flag as `payload_is_updating`, as an SQL expression over an outbox row `o`.
IS_UPDATING_SQL = (
    "(CASE WHEN substr(o.payload, 1, 19) = '{\"isUpdating\":true,' THEN 1"
    " WHEN substr(o.payload, 1, 20) = '{\"isUpdating\":false,'"
    " OR substr(o.payload, 1, 10) = '{\"record\":' THEN 0"
    " ELSE coalesce(json_extract(o.payload, '$.isUpdating'), 0) != 0 END)"
)


def _create_in(states: str) -> str:
    """A dossier `d` whose create entry is in one of `states` (SQL)."""
    return (
        "EXISTS (SELECT 1 FROM outbox o WHERE o.dossier_id = d.id AND o.op = 'dossier' "
        f"AND o.state IN ({states}) AND NOT {IS_UPDATING_SQL})"
    )


# A dossier `d` whose record the portal has not accepted yet: its create entry waits, is in
# flight or was refused. Its files wait for it (services/attachments.py `upload_queue`): a
# file is never sent for a record the portal does not have.
RECORD_WAITING_SQL = _create_in("'pending', 'sending', 'rejected'")
# ... because the portal refused it: its files wait until a person fixes and retries it
# (shown "chờ hồ sơ được Cổng chấp nhận"; a create merely not sent yet goes first in the pass).
RECORD_REFUSED_SQL = _create_in("'rejected'")


def freeze(payload: dict[str, Any]) -> str:
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":"))


def payload_is_updating(payload: str) -> bool:
    if payload.startswith(_RECORD_PREFIXES):
        return payload.startswith(_UPDATING_TRUE)
    return bool(json.loads(payload).get("isUpdating"))


def payload_record_json(payload: str) -> str:
    """The record's JSON text, exactly as `freeze` wrote it inside the payload."""
    for prefix in _RECORD_PREFIXES:
        if payload.startswith(prefix) and payload.endswith("}"):
            return payload[len(prefix) : -1]
    return freeze(json.loads(payload)["record"])


def queue_entry(
    conn: sqlite3.Connection, dossier_id: int, op: str, payload: dict[str, Any]
) -> None:
    conn.execute(
        "INSERT INTO outbox (dossier_id, op, payload, idempotency_key, created_at, state, "
        "attempts) VALUES (?, ?, ?, ?, ?, 'pending', 0)",
        (
            dossier_id,
            op,
            freeze(payload),
            new_uuid(),
            now_text(),
        ),
    )
    conn.execute(  # only when it changes: a dossier just written is already pending
        "UPDATE dossiers SET sync_state = 'pending', sync_message = NULL WHERE id = ? "
        "AND (sync_state IS NOT 'pending' OR sync_message IS NOT NULL)",
        (dossier_id,),
    )
