"""Conflicts: a portal status change that meets unsent local changes is flagged, never applied
over them, and a person settles it with `resolve_conflict`."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from counter_app.domain import clock
from counter_app.domain.status import STATUS_NAMES, Status
from counter_app.portal import mapping as portal_mapping
from counter_app.services import CounterService, InputError
from counter_app.store import audit
from counter_app.sync.push import refresh_dossier_sync_state
from counter_app.sync.state import SYNC_ACTOR
from counter_app.sync.status import PassReport


def apply_status_change(
    conn: sqlite3.Connection, change: dict[str, Any], report: PassReport
) -> None:
    """A status change from the portal: applied, or flagged as a conflict when the dossier
    still has local changes the portal has not seen."""
    row = conn.execute(
        "SELECT id, status, code FROM dossiers WHERE code = ?", (change["MaHoSo"],)
    ).fetchone()
    if row is None:
        return
    new_status = portal_mapping.local_value(change, "TrangThaiHoSo")
    if new_status == row["status"]:
        return
    unsent = conn.execute(
        "SELECT 1 FROM outbox WHERE dossier_id = ? AND state IN ('pending', 'sending', 'rejected') "
        "LIMIT 1",
        (row["id"],),
    ).fetchone()
    if unsent is not None:
        # Both sides changed: never overwrite either way; a person resolves it.
        message = (
            f"Cổng báo trạng thái {new_status} ({STATUS_NAMES.get(new_status, '')}) "
            f"trong khi hồ sơ còn thay đổi chưa gửi (trạng thái tại quầy: {row['status']})"
        )
        conn.execute(
            "UPDATE dossiers SET conflict = ?, sync_state = 'conflict', sync_message = ? WHERE id = ?",
            (json.dumps(change, ensure_ascii=False), message, row["id"]),
        )
        audit.append(
            conn,
            actor=SYNC_ACTOR,
            action="sync.conflict",
            entity=row["code"],
            detail={"portal_status": new_status, "local_status": row["status"]},
        )
        report.conflicts += 1
        return
    returned_at = (
        portal_mapping.local_value(change, "NgayTra") if new_status == Status.RETURNED else None
    )
    at = portal_mapping.from_portal_date(change.get("changed_at")) or clock.to_storage(clock.now())
    conn.execute(
        "UPDATE dossiers SET status = ?, returned_at = coalesce(?, returned_at), "
        "portal_version = ?, updated_at = ? WHERE id = ?",
        (new_status, returned_at, change.get("version"), at, row["id"]),
    )
    conn.execute(
        "INSERT INTO status_events (dossier_id, at, by, from_status, to_status, reason) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        (
            row["id"],
            at,
            SYNC_ACTOR,
            row["status"],
            new_status,
            "Cập nhật từ Cổng DVC (bộ phận xử lý)",
        ),
    )
    audit.append(
        conn,
        actor=SYNC_ACTOR,
        action="dossier.status",
        entity=row["code"],
        detail={"from": row["status"], "to": new_status, "source": "portal"},
    )


def resolve_conflict(service: CounterService, code: str, *, keep: str, actor: str) -> None:
    """A person settles a clash: keep the counter's changes (they are sent and win on the
    portal) or take the portal's status (the unsent local changes are superseded, kept in
    the outbox for the record)."""
    if keep not in ("local", "portal"):
        raise InputError("keep", "Chọn 'local' (giữ thay đổi tại quầy) hoặc 'portal' (theo Cổng)")
    with service.store.write() as conn:
        row = conn.execute(
            "SELECT id, status, conflict FROM dossiers WHERE code = ?", (code,)
        ).fetchone()
        if row is None or not row["conflict"]:
            raise InputError("code", f"Hồ sơ {code} không có xung đột cần xử lý")
        change = json.loads(row["conflict"])
        conn.execute("UPDATE dossiers SET conflict = NULL WHERE id = ?", (row["id"],))
        if keep == "portal":
            conn.execute(
                "UPDATE outbox SET state = 'superseded', batch_key = NULL, last_error = ? "
                "WHERE dossier_id = ? AND state IN ('pending', 'rejected')",
                ("Thay bằng trạng thái từ Cổng DVC theo quyết định của cán bộ", row["id"]),
            )
            apply_status_change(conn, change, PassReport())
        refresh_dossier_sync_state(conn, row["id"])
        audit.append(
            conn,
            actor=actor,
            action="sync.resolve",
            entity=code,
            detail={
                "keep": keep,
                "portal_status": change.get("TrangThaiHoSo"),
                "local_status": row["status"],
            },
        )
