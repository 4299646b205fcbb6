"""Push: send the outbox to the portal in batches and record the portal's answers.

Exactly-once rests on three rules:
- entries are sent in batches whose key is stored with them before sending, so a resend
  (after a lost answer, a crash, a restart) repeats the same request and the portal replays
  its stored answer instead of acting twice;
- the batch key is derived from each entry's own key and frozen payload (`batch_key`): a retry
  gives the entry a fresh key of its own, and any change of a payload changes the batch key, so
  neither can meet the portal's stored answer to the old request;
- an entry is marked synced only in the transaction that records the portal's answer;
- a dossier's entries go in order: a later one waits until every earlier one is synced,
  while other dossiers go on (no head-of-line blocking).
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import uuid
from collections.abc import Mapping, Sequence
from typing import Any

from counter_app.domain import clock
from counter_app.portal import answers
from counter_app.portal import mapping as portal_mapping
from counter_app.portal.client import PortalClient
from counter_app.portal.errors import PortalConflict, PortalError
from counter_app.services import CounterService
from counter_app.store import audit
from counter_app.sync import centre
from counter_app.sync.status import PassReport

BATCH_SIZE = 500
BASE_VERSION = "PhienBan"  # the portal version a change was based on (docs/portal-contract.md)


def push_outbox(service: CounterService, client: PortalClient, report: PassReport) -> None:
    counter = service.settings.get("counter")
    while True:
        batch = _next_batch(service)
        if batch is None:
            return
        op, is_updating, key, entries = batch
        records = [json.loads(e["payload"])["record"] for e in entries]
        try:
            if op == "dossier":
                results = client.sync_dossiers(
                    records, is_updating=is_updating, idempotency_key=key, counter=counter
                )
            else:
                results = client.update_progress(records, idempotency_key=key, counter=counter)
        except PortalConflict as error:
            # The portal saw this key with another body: never resend blindly; a person decides.
            _record_results(
                service,
                entries,
                [{"status": "rejected", "message": str(error)}] * len(entries),
                report,
            )
            continue
        except PortalError:
            _note_attempt(service, entries)
            raise
        _record_results(service, entries, results, report)


_ELIGIBLE = (
    "NOT EXISTS (SELECT 1 FROM outbox e WHERE e.dossier_id = o.dossier_id AND e.id < o.id"
    " AND e.state NOT IN ('synced', 'superseded'))"
    " AND NOT EXISTS (SELECT 1 FROM dossiers d WHERE d.id = o.dossier_id"
    " AND d.conflict IS NOT NULL)"
)


def _next_batch(
    service: CounterService,
) -> tuple[str, bool, str, Sequence[Mapping[str, Any]]] | None:
    """A batch already in flight (resend as it was), or a new one of eligible entries."""
    conn = service.store.conn()
    in_flight = conn.execute(
        "SELECT batch_key FROM outbox WHERE state = 'sending' ORDER BY id LIMIT 1"
    ).fetchone()
    if in_flight is not None:
        entries = conn.execute(
            "SELECT * FROM outbox WHERE batch_key = ? AND state = 'sending' ORDER BY id",
            (in_flight["batch_key"],),
        ).fetchall()
        first = json.loads(entries[0]["payload"])
        return entries[0]["op"], bool(first.get("isUpdating")), in_flight["batch_key"], entries
    # Eligible: pending, the oldest unsynced entry of its dossier, not held by a conflict.
    head = conn.execute(
        f"SELECT o.* FROM outbox o WHERE o.state = 'pending' AND {_ELIGIBLE} ORDER BY o.id LIMIT 1"
    ).fetchone()
    if head is None:
        return None
    is_updating = (
        bool(json.loads(head["payload"]).get("isUpdating")) if head["op"] == "dossier" else False
    )
    candidates = conn.execute(
        f"SELECT o.* FROM outbox o WHERE o.state = 'pending' AND o.op = ? AND {_ELIGIBLE} "
        "ORDER BY o.id LIMIT ?",
        (head["op"], BATCH_SIZE * 2),
    ).fetchall()
    entries = []
    for row in candidates:
        if (
            row["op"] == "dossier"
            and bool(json.loads(row["payload"]).get("isUpdating")) != is_updating
        ):
            continue
        entries.append(row)
        if len(entries) == BATCH_SIZE:
            break
    entries = _with_base_versions(conn, entries)
    key = batch_key(entries)
    with service.store.write() as conn:
        conn.executemany(
            "UPDATE outbox SET state = 'sending', batch_key = ?, payload = ? "
            "WHERE id = ? AND state = 'pending'",
            [(key, e["payload"], e["id"]) for e in entries],
        )
    return head["op"], is_updating, key, entries


def _with_base_versions(
    conn: sqlite3.Connection, entries: list[sqlite3.Row]
) -> list[dict[str, Any]]:
    """Each update carries the portal version it is based on (`PhienBan`): the dossier's
    version as this counter last knew it. A dossier's entries go one at a time, so that is
    the version its earlier, already answered changes left. Frozen with the batch: a resend
    repeats the very same request."""
    out: list[dict[str, Any]] = []
    for entry in entries:
        payload = json.loads(entry["payload"])
        record = payload["record"]
        record.pop(BASE_VERSION, None)
        if entry["op"] != "dossier" or payload.get("isUpdating"):
            row = conn.execute(
                "SELECT portal_version FROM dossiers WHERE id = ?", (entry["dossier_id"],)
            ).fetchone()
            if row is not None and row["portal_version"] is not None:
                record[BASE_VERSION] = row["portal_version"]
        out.append(
            dict(entry, payload=json.dumps(payload, ensure_ascii=False, separators=(",", ":")))
        )
    return out


def batch_key(entries: Sequence[Mapping[str, Any]]) -> str:
    """The Idempotency-Key of a request carrying `entries`: the same entries with the same
    frozen payloads always give the same key; another entry key or payload gives another."""
    digest = hashlib.sha256()
    for entry in entries:
        payload_digest = hashlib.sha256(entry["payload"].encode("utf-8")).hexdigest()
        digest.update(f"{entry['idempotency_key']} {payload_digest}\n".encode())
    return "batch-" + digest.hexdigest()[:32]


def _note_attempt(service: CounterService, entries: Sequence[Mapping[str, Any]]) -> None:
    with service.store.write() as conn:
        conn.executemany(
            "UPDATE outbox SET attempts = attempts + 1 WHERE id = ?", [(e["id"],) for e in entries]
        )


def _record_results(
    service: CounterService,
    entries: Sequence[Mapping[str, Any]],
    results: list[dict[str, Any]],
    report: PassReport,
) -> None:
    now = clock.to_storage(clock.now())
    with service.store.write() as conn:
        touched: set[int] = set()
        for index, (entry, result) in enumerate(zip(entries, results, strict=True)):
            touched.add(entry["dossier_id"])
            if result.get("status") in ("ok", "exists"):
                conn.execute(
                    "UPDATE outbox SET state = 'synced', sent_at = ?, attempts = attempts + 1, "
                    "last_error = NULL WHERE id = ?",
                    (now, entry["id"]),
                )
                if result.get("status") == "ok" and result.get("version") is not None:
                    # what the next change of this dossier is based on
                    conn.execute(
                        "UPDATE dossiers SET portal_version = ? WHERE id = ?",
                        (result["version"], entry["dossier_id"]),
                    )
                report.sent += 1
            elif result.get("status") == "conflict":
                centre.record_push_conflict(conn, entry, _checked_conflict(result, index), report)
            else:
                message = str(result.get("message") or "Cổng từ chối, không nêu lý do")
                conn.execute(
                    "UPDATE outbox SET state = 'rejected', attempts = attempts + 1, "
                    "last_error = ?, batch_key = NULL WHERE id = ?",
                    (message, entry["id"]),
                )
                report.rejected += 1
                code = json.loads(entry["payload"])["record"].get("MaHoSo", "")
                report.rejected_messages.append((code, message))
        for dossier_id in touched:
            refresh_dossier_sync_state(conn, dossier_id)


def _checked_conflict(result: dict[str, Any], index: int) -> dict[str, Any]:
    """A conflict result whose `current` (the portal's side) does not fit its declared shape
    is still a conflict, shown without the portal's details."""
    try:
        answers.check_conflict_current(result.get("current"), index)
    except answers.AnswerError:
        return {**result, "current": {}}
    return result


def refresh_dossier_sync_state(conn: sqlite3.Connection, dossier_id: int) -> None:
    """Derive the dossier's visible sync state from its outbox entries."""
    row = conn.execute("SELECT conflict FROM dossiers WHERE id = ?", (dossier_id,)).fetchone()
    if row is not None and row["conflict"]:
        conn.execute("UPDATE dossiers SET sync_state = 'conflict' WHERE id = ?", (dossier_id,))
        return
    rejected = conn.execute(
        "SELECT last_error FROM outbox WHERE dossier_id = ? AND state = 'rejected' "
        "ORDER BY id LIMIT 1",
        (dossier_id,),
    ).fetchone()
    if rejected is not None:
        state, message = "rejected", rejected["last_error"]
    elif conn.execute(
        "SELECT 1 FROM outbox WHERE dossier_id = ? AND state IN ('pending', 'sending') LIMIT 1",
        (dossier_id,),
    ).fetchone():
        state, message = "pending", None
    else:
        state, message = "synced", None
    conn.execute(
        "UPDATE dossiers SET sync_state = ?, sync_message = ? WHERE id = ? AND sync_state != 'local'",
        (state, message, dossier_id),
    )


def retry_rejected(service: CounterService, code: str, *, actor: str) -> int:
    """Queue a dossier's rejected entries again; a rejected dossier record is re-frozen from
    the dossier as it is now, since retrying is what a person does after fixing it.

    Each entry gets a fresh idempotency key: the portal keeps its answer to the old key (the
    rejection) and would replay it forever."""
    dossier = service.dossiers.get(code)
    unit = service.settings.get("unit_code")
    with service.store.write() as conn:
        rows = conn.execute(
            "SELECT id, op, payload FROM outbox WHERE dossier_id = ? AND state = 'rejected'",
            (dossier["id"],),
        ).fetchall()
        for row in rows:
            payload = json.loads(row["payload"])
            if row["op"] == "dossier":
                payload["record"] = portal_mapping.dossier_record(dossier, unit)
            conn.execute(
                "UPDATE outbox SET state = 'pending', last_error = NULL, batch_key = NULL, "
                "payload = ?, idempotency_key = ? WHERE id = ?",
                (
                    json.dumps(payload, ensure_ascii=False, separators=(",", ":")),
                    str(uuid.uuid4()),
                    row["id"],
                ),
            )
        refresh_dossier_sync_state(conn, dossier["id"])
        audit.append(
            conn, actor=actor, action="sync.retry", entity=code, detail={"entries": len(rows)}
        )
    return len(rows)


def recover_after_crash(service: CounterService) -> None:
    """Nothing to undo: 'sending' batches keep their key and are resent first. This only
    refreshes the dossiers' visible state, in case a crash fell between two writes."""
    with service.store.write() as conn:
        for row in conn.execute(
            "SELECT DISTINCT dossier_id FROM outbox WHERE state = 'sending'"
        ).fetchall():
            refresh_dossier_sync_state(conn, row["dossier_id"])
