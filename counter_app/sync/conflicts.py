"""Conflicts: a portal status change that meets unsent local changes is flagged, never applied
over them, and a person settles it with `resolve_conflict`."""

from __future__ import annotations

import json
from typing import Any

from counter_app.domain import clock
from counter_app.domain.status import STATUS_NAMES, Status
from counter_app.portal import mapping as portal_mapping
from counter_app.services import CounterService, InputError
from counter_app.services.outbox import freeze
from counter_app.store import audit
from counter_app.store import driver as sqlite3
from counter_app.sync.centre import apply_dossier_change, has_unsent
from counter_app.sync.push import refresh_dossier_sync_state
from counter_app.sync.state import SYNC_ACTOR
from counter_app.sync.status import PassReport


def apply_status_change(
    conn: sqlite3.Connection,
    change: dict[str, Any],
    report: PassReport,
    *,
    own_counter: int | None = None,
    force: bool = False,
) -> None:
    """A status change from the portal: applied, or flagged as a conflict when the dossier
    still has local changes the portal has not seen.

    A change from a counter of the centre (`MaQuay`) is skipped when it is this counter's own
    or a version already held; met with unsent local changes it is left to the portal's
    version check, which refuses the stale push and so flags the conflict on both sides."""
    origin = change.get("MaQuay")
    if not force and origin is not None and origin == own_counter:
        return
    row = conn.execute(
        "SELECT id, status, code, portal_version FROM dossiers WHERE code = ?",
        (change["MaHoSo"],),
    ).fetchone()
    if row is None:
        return
    version = change.get("version")
    if not force and None not in (version, row["portal_version"]):
        if version <= row["portal_version"]:
            return
    new_status = portal_mapping.local_value(change, "TrangThaiHoSo")
    unsent = not force and has_unsent(conn, row["id"])
    if new_status == row["status"]:
        if not unsent and version is not None:
            conn.execute(
                "UPDATE dossiers SET portal_version = ? WHERE id = ?", (version, row["id"])
            )
        return
    if unsent and origin is not None:
        return
    if unsent:
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


def _keep_local_over_portal(
    conn: sqlite3.Connection, dossier_id: int, change: dict[str, Any]
) -> None:
    """Re-freeze the dossier's held records over the portal's record: each keeps the fields
    its kind of change owns (`portal_mapping.kept_over`), in order, so a kept correction does
    not undo another counter's status change, nor a kept status change its correction; the
    local copy takes the result."""
    held = conn.execute(
        "SELECT id, payload FROM outbox WHERE dossier_id = ? AND op = 'dossier' "
        "AND state IN ('pending', 'rejected') ORDER BY id",
        (dossier_id,),
    ).fetchall()
    merged = {
        k: v
        for k, v in change["dossier"].items()
        if k not in ("version", "conflict", "QuayTiepNhan", portal_mapping.STEP)
    }
    for entry in held:
        payload = json.loads(entry["payload"])
        merged = portal_mapping.kept_over(merged, payload["record"])
        payload["record"] = merged
        conn.execute(
            "UPDATE outbox SET payload = ?, batch_key = NULL WHERE id = ?",
            (freeze(payload), entry["id"]),
        )
        merged = {k: v for k, v in merged.items() if k != portal_mapping.STEP}
    if held:
        apply_dossier_change(
            conn, {**change, "dossier": merged}, PassReport(), own_counter=None, force=True
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
            if change.get("type") == "dossier":
                if change.get("dossier"):
                    apply_dossier_change(conn, change, PassReport(), own_counter=None, force=True)
            else:
                apply_status_change(conn, change, PassReport(), force=True)
        elif change.get("version") is not None:
            # The counter's changes win: they are sent again based on the portal's version,
            # each over what the portal holds (what another counter changed stays).
            if change.get("type") == "dossier" and change.get("dossier"):
                _keep_local_over_portal(conn, row["id"], change)
            conn.execute(
                "UPDATE dossiers SET portal_version = ? WHERE id = ?",
                (change["version"], row["id"]),
            )
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
