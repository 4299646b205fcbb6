"""One sync pass: push the outbox, then pull catalogue, holidays and the changes feed.

Exactly-once rests on three rules:
- entries are sent in batches whose key is stored with them before sending, so a resend
  (after a lost answer, a crash, a restart) repeats the same request and the portal replays
  its stored answer instead of acting twice;
- an entry is marked synced only in the transaction that records the portal's answer;
- a dossier's entries go in order: a later one waits until every earlier one is synced,
  while other dossiers go on (no head-of-line blocking).
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from counter_app.domain import catalogue, clock
from counter_app.domain.status import STATUS_NAMES
from counter_app.portal import mapping as portal_mapping
from counter_app.portal.client import PortalClient, PortalConflict, PortalError
from counter_app.services import CounterService, InputError
from counter_app.store import audit

BATCH_SIZE = 500
# The catalogue and holidays change rarely; fetching them every pass would be most of a
# counter's traffic to the portal.
REFERENCE_PULL_INTERVAL = timedelta(hours=6)
CHANNEL_NAMES = {code: name for name, code in portal_mapping.CHANNELS.items()}
CHANGES_PAGE = 500
SYNC_ACTOR = "portal"


@dataclass
class PassReport:
    sent: int = 0
    rejected: int = 0
    pulled_changes: int = 0
    conflicts: int = 0
    online_received: int = 0
    catalogue_version: str | None = None
    clock_skew_seconds: float | None = None
    error: PortalError | None = None
    rejected_messages: list[tuple[str, str]] = field(default_factory=list)

    @property
    def unreachable(self) -> bool:
        return self.error is not None and self.error.retryable


def sync_pass(service: CounterService, client: PortalClient, *, pull: bool = True) -> PassReport:
    """Push everything that can go, then pull. Portal errors end the pass, recorded in the report."""
    report = PassReport()
    try:
        if pull:
            # Changes first: a clash with unsent local changes is flagged before any push
            # could overwrite the portal's side.
            pull_changes(service, client, report)
        push_outbox(service, client, report)
        if pull and _due(service, "reference_pulled_at", REFERENCE_PULL_INTERVAL):
            pull_catalogue(service, client, report)
            pull_holidays(service, client)
            set_state(service, "reference_pulled_at", clock.to_storage(clock.now()))
        set_state(service, "last_success", clock.to_storage(clock.now()))
    except PortalError as error:
        report.error = error
        set_state(service, "last_error", f"{clock.to_storage(clock.now())} {error}")
    report.clock_skew_seconds = client.last_clock_skew
    if client.last_clock_skew is not None:
        set_state(service, "clock_skew_seconds", f"{client.last_clock_skew:.0f}")
    return report


# -- push ----------------------------------------------------------------------------------
def push_outbox(service: CounterService, client: PortalClient, report: PassReport) -> None:
    while True:
        batch = _next_batch(service)
        if batch is None:
            return
        op, is_updating, key, entries = batch
        records = [json.loads(e["payload"])["record"] for e in entries]
        try:
            if op == "dossier":
                results = client.sync_dossiers(
                    records, is_updating=is_updating, idempotency_key=key
                )
            else:
                results = client.update_progress(records, idempotency_key=key)
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


def _next_batch(service: CounterService) -> tuple[str, bool, str, list[sqlite3.Row]] | None:
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
    key = (
        "batch-"
        + hashlib.sha256("\n".join(e["idempotency_key"] for e in entries).encode()).hexdigest()[:32]
    )
    with service.store.write() as conn:
        conn.executemany(
            "UPDATE outbox SET state = 'sending', batch_key = ? WHERE id = ? AND state = 'pending'",
            [(key, e["id"]) for e in entries],
        )
    return head["op"], is_updating, key, entries


def _note_attempt(service: CounterService, entries: list[sqlite3.Row]) -> None:
    with service.store.write() as conn:
        conn.executemany(
            "UPDATE outbox SET attempts = attempts + 1 WHERE id = ?", [(e["id"],) for e in entries]
        )


def _record_results(
    service: CounterService,
    entries: list[sqlite3.Row],
    results: list[dict[str, Any]],
    report: PassReport,
) -> None:
    now = clock.to_storage(clock.now())
    with service.store.write() as conn:
        touched: set[int] = set()
        for entry, result in zip(entries, results, strict=True):
            touched.add(entry["dossier_id"])
            if result.get("status") in ("ok", "exists"):
                conn.execute(
                    "UPDATE outbox SET state = 'synced', sent_at = ?, attempts = attempts + 1, "
                    "last_error = NULL WHERE id = ?",
                    (now, entry["id"]),
                )
                report.sent += 1
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
    the dossier as it is now, since retrying is what a person does after fixing it."""
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
                "payload = ? WHERE id = ?",
                (json.dumps(payload, ensure_ascii=False, separators=(",", ":")), row["id"]),
            )
        refresh_dossier_sync_state(conn, dossier["id"])
        audit.append(
            conn, actor=actor, action="sync.retry", entity=code, detail={"entries": len(rows)}
        )
    return len(rows)


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
            _apply_status_change(conn, change, PassReport())
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


# -- pull ----------------------------------------------------------------------------------
def pull_catalogue(service: CounterService, client: PortalClient, report: PassReport) -> None:
    remote = client.fetch_catalogue()
    version = remote["version"]
    if not version or version == service.catalogue.version():
        return
    document = {
        "version": version,
        "procedures": [
            {
                "code": p["MaTTHC"],
                "name": p.get("TenTTHC", ""),
                "field_code": p.get("MaLinhVuc", ""),
                "field_name": p.get("TenLinhVuc", ""),
                "processing_time": p.get("ThoiHanGiaiQuyet", 0),
                "time_unit": p.get("DonViThoiHan", ""),
                "fees": [
                    {
                        "code": f.get("MaPhiLePhi", ""),
                        "name": f.get("TenPhiLePhi", ""),
                        "amount": f.get("Gia", 0),
                    }
                    for f in p.get("DanhSachLePhi") or []
                ],
                "documents": [
                    {
                        "name": d.get("TenGiayTo", ""),
                        "kind": d.get("LoaiGiayTo", "original"),
                        "count": d.get("SoLuong", 1),
                    }
                    for d in p.get("ThanhPhanHoSo") or []
                ],
                "results": p.get("KetQua") or [],
                "channels": [CHANNEL_NAMES.get(c, str(c)) for c in p.get("KenhThucHien") or [1]],
            }
            for p in remote["data"]
        ],
    }
    raw = json.dumps(document, ensure_ascii=False).encode("utf-8")
    try:
        parsed = catalogue.parse_catalogue(raw)
    except catalogue.CatalogueError as error:
        set_state(service, "catalogue_error", f"{version}: {error}")
        return  # keep the current catalogue; a bad remote one must not break intake
    with service.store.write() as conn:
        catalogue.apply_catalogue(conn, parsed, source="portal", actor=SYNC_ACTOR)
    report.catalogue_version = version


def pull_holidays(service: CounterService, client: PortalClient) -> None:
    remote = client.fetch_holiday_overrides()
    service.calendar.apply_portal_holidays(
        [(date.fromisoformat(i["date"]), i["working"], i.get("note", "")) for i in remote],
        actor=SYNC_ACTOR,
    )


def pull_changes(service: CounterService, client: PortalClient, report: PassReport) -> None:
    unit = service.settings.get("unit_code")
    while True:
        cursor = get_state(service, "changes_cursor")
        page = client.fetch_changes(unit, cursor, limit=CHANGES_PAGE)
        with service.store.write() as conn:
            for change in page["changes"]:
                if change["type"] == "status":
                    _apply_status_change(conn, change, report)
                elif change["type"] == "online_dossier":
                    _apply_online_dossier(service, conn, change, report)
                report.pulled_changes += 1
            _set_state(conn, "changes_cursor", page["cursor"])
        if not page["has_more"]:
            return


def _apply_status_change(
    conn: sqlite3.Connection, change: dict[str, Any], report: PassReport
) -> None:
    row = conn.execute(
        "SELECT id, status, code FROM dossiers WHERE code = ?", (change["MaHoSo"],)
    ).fetchone()
    if row is None:
        return
    new_status = int(change["TrangThaiHoSo"])
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
        portal_mapping.from_portal_date(change.get("NgayTra")) if new_status == 10 else None
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


def _apply_online_dossier(
    service: CounterService, conn: sqlite3.Connection, change: dict[str, Any], report: PassReport
) -> None:
    from counter_app.store.dossier_writer import NewDossier, insert_dossiers

    record = change["dossier"]
    if conn.execute(
        "SELECT 1 FROM dossiers WHERE uuid = ? OR code = ?", (record["Uuid"], record["MaHoSo"])
    ).fetchone():
        return
    identity = (record.get("DinhDanhCHS") or [{}])[0]
    procedure_code = record.get("MaTTHC", "")
    local_procedure = conn.execute(
        "SELECT processing_time, time_unit FROM procedures WHERE code = ?", (procedure_code,)
    ).fetchone()
    received = portal_mapping.from_portal_date(record.get("NgayTiepNhan")) or clock.to_storage(
        clock.now()
    )
    now = clock.to_storage(clock.now())
    kinds = {1: "original", 2: "certified_copy", 3: "photocopy"}
    online = NewDossier(
        uuid=record["Uuid"],
        code=record["MaHoSo"],
        procedure={
            "code": procedure_code,
            "name": record.get("TenTTHC", ""),
            "field_code": record.get("MaLinhVuc", ""),
            "field_name": record.get("TenLinhVuc", ""),
            "processing_time": local_procedure["processing_time"] if local_procedure else 0,
            "time_unit": local_procedure["time_unit"] if local_procedure else "working_days",
        },
        applicant={
            "full_name": record.get("ChuHoSo", ""),
            "id_number": identity.get("SoDinhDanh", ""),
            "id_type": {1: "cccd", 2: "cmnd", 3: "passport"}.get(
                identity.get("LoaiDinhDanh"), "cccd"
            ),
            "phone": record.get("SoDienThoai", ""),
            "email": record.get("Email", ""),
        },
        officer=SYNC_ACTOR,
        received_at=received,
        due_at=portal_mapping.from_portal_date(record.get("NgayHenTra")) or received,
        status=1,
        channel="online",
        return_method="post" if record.get("HinhThuc") == 2 else "counter",
        created_at=now,
        updated_at=now,
        sync_state="synced",
        portal_version=change.get("version"),
        events=[(received, SYNC_ACTOR, None, 1, "Nộp trực tuyến trên Cổng DVC")],
        documents=[
            {
                "name": d.get("TenGiayTo", ""),
                "kind": kinds.get(d.get("LoaiGiayTo"), "original"),
                "count": int(d.get("SoLuong") or 1),
            }
            for d in record.get("DanhSachTepDinhKemKhac") or []
        ],
        fees=[
            {
                "code": f.get("MaPhiLePhi", ""),
                "name": f.get("TenPhiLePhi", ""),
                "amount": int(f.get("Gia") or 0),
                "paid": False,
            }
            for f in record.get("DanhSachLePhi") or []
        ],
    )
    insert_dossiers(conn, [online])
    audit.append(
        conn,
        actor=SYNC_ACTOR,
        action="dossier.online",
        entity=record["MaHoSo"],
        detail={"uuid": record["Uuid"]},
    )
    report.online_received += 1


def _due(service: CounterService, key: str, interval: timedelta) -> bool:
    last = get_state(service, key)
    return last is None or clock.now() - clock.from_storage(last) >= interval


def force_reference_pull(service: CounterService) -> None:
    """Make the next pass fetch the catalogue and holidays (e.g. a technician's "sync now")."""
    with service.store.write() as conn:
        conn.execute("DELETE FROM sync_state WHERE key = 'reference_pulled_at'")


# -- durable sync state -------------------------------------------------------------------
def get_state(service: CounterService, key: str) -> str | None:
    row = (
        service.store.conn()
        .execute("SELECT value FROM sync_state WHERE key = ?", (key,))
        .fetchone()
    )
    return row["value"] if row else None


def set_state(service: CounterService, key: str, value: str) -> None:
    with service.store.write() as conn:
        _set_state(conn, key, value)


def _set_state(conn: sqlite3.Connection, key: str, value: str) -> None:
    conn.execute(
        "INSERT INTO sync_state (key, value) VALUES (?, ?) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        (key, value),
    )


def recover_after_crash(service: CounterService) -> None:
    """Nothing to undo: 'sending' batches keep their key and are resent first. This only
    refreshes the dossiers' visible state, in case a crash fell between two writes."""
    with service.store.write() as conn:
        for row in conn.execute(
            "SELECT DISTINCT dossier_id FROM outbox WHERE state = 'sending'"
        ).fetchall():
            refresh_dossier_sync_state(conn, row["dossier_id"])
