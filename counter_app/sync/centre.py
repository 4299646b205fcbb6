"""One centre, many counters (issue 14): local copies of the other counters' dossiers.

The unit's feed carries every counter's creates and updates (`dossier` items, the full record
with the counter it came from, `MaQuay`). Each counter applies the others' to its local copy
(status, dates, who collected, and the applicant's details and return method a correction
changed) and skips its own. A copy with unsent local changes is left alone: those changes
carry the portal version they were based on (push), the portal refuses them as stale, and
the push answer flags the conflict here with what the portal holds (`record_push_conflict`),
so a person settles it with the existing conflict flow (sync/conflicts.py).
"""

from __future__ import annotations

import json
from typing import Any

from counter_app.domain import addresses, clock
from counter_app.domain.status import STATUS_NAMES, Status
from counter_app.portal import mapping as portal_mapping
from counter_app.store import audit
from counter_app.store import driver as sqlite3
from counter_app.store.dossier_writer import NewDossier, insert_dossiers, search_text
from counter_app.sync import attachments
from counter_app.sync.state import SYNC_ACTOR
from counter_app.sync.status import PassReport

UNSENT_STATES = ("pending", "sending", "rejected")


def has_unsent(conn: sqlite3.Connection, dossier_id: int) -> bool:
    return (
        conn.execute(
            "SELECT 1 FROM outbox WHERE dossier_id = ? AND state IN (?, ?, ?) LIMIT 1",
            (dossier_id, *UNSENT_STATES),
        ).fetchone()
        is not None
    )


def new_dossier_from_record(
    conn: sqlite3.Connection,
    record: dict[str, Any],
    *,
    status: int,
    channel: str,
    version: int | None,
    received_counter: int | None,
    reason: str,
) -> NewDossier:
    """The local copy of a portal record (an online submission or another counter's dossier)."""
    procedure_code = record.get("MaTTHC", "")
    local_procedure = conn.execute(
        "SELECT processing_time, time_unit FROM procedures WHERE code = ?", (procedure_code,)
    ).fetchone()
    now = clock.to_storage(clock.now())
    received = portal_mapping.from_portal_date(record.get("NgayTiepNhan")) or now
    events: list[tuple[str, str, int | None, int, str]] = [
        (received, SYNC_ACTOR, None, int(status), reason)
    ]
    return NewDossier(
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
        applicant=checked_applicant(record),
        officer=SYNC_ACTOR,
        received_at=received,
        due_at=portal_mapping.from_portal_date(record.get("NgayHenTra")) or received,
        status=int(status),
        channel=channel,
        return_method=portal_mapping.local_value(record, "HinhThuc"),
        created_at=now,
        updated_at=now,
        sync_state="synced",
        portal_version=version,
        received_counter=received_counter,
        returned_at=portal_mapping.from_portal_date(record.get("NgayTra")),
        collected_by=portal_mapping.collector(record),
        events=events,
        documents=[
            {
                "name": d.get("TenGiayTo", ""),
                "kind": portal_mapping.local_value(d, "LoaiGiayTo"),
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


def checked_applicant(record: dict[str, Any], *, said_only: bool = False) -> dict[str, Any]:
    """The applicant a portal record names (`portal_mapping.applicant_of`); an unknown commune
    or province code raises ValueError (the feed item is quarantined, nothing applied)."""
    applicant = portal_mapping.applicant_of(record, said_only=said_only)
    if applicant.get("ward_code") is not None:
        addresses.commune(applicant["ward_code"])
    if applicant.get("province_code") is not None:
        addresses.province(applicant["province_code"])
    return applicant


def _apply_applicant(
    conn: sqlite3.Connection, row: sqlite3.Row, record: dict[str, Any]
) -> list[str]:
    """Another counter's correction of the applicant or the return method, applied to the
    local copy; returns the names of the fields that changed (the audit row names no data)."""
    applicant = checked_applicant(record, said_only=True)
    if "full_name" in applicant and not applicant["full_name"].strip():
        raise ValueError("ChuHoSo trống: không xoá họ tên người nộp / a blank applicant name")
    held = conn.execute("SELECT * FROM applicants WHERE id = ?", (row["applicant_id"],)).fetchone()
    changes = {
        key: value
        for key, value in applicant.items()
        if held[key] != value and not (held[key] in (None, "") and value in (None, ""))
    }
    if changes:
        assignments = ", ".join(f"{key} = ?" for key in changes)
        conn.execute(
            f"UPDATE applicants SET {assignments} WHERE id = ?",
            (*changes.values(), row["applicant_id"]),
        )
        conn.execute(
            "UPDATE dossiers SET search_text = ? WHERE id = ?",
            (search_text({**dict(held), **changes}, row["code"]), row["id"]),
        )
    fields = [f"applicant.{key}" for key in changes]
    return_method = portal_mapping.local_value(record, "HinhThuc")
    if "HinhThuc" in record and return_method != row["return_method"]:
        conn.execute(
            "UPDATE dossiers SET return_method = ? WHERE id = ?", (return_method, row["id"])
        )
        fields.append("return_method")
    return fields


def counter_label(counter: int | None) -> str:
    return f"quầy {counter}" if counter else "Cổng DVC"


def apply_dossier_change(
    conn: sqlite3.Connection,
    change: dict[str, Any],
    report: PassReport,
    *,
    own_counter: int | None,
    force: bool = False,
) -> None:
    """Another counter's create or update, applied to the local copy (inserted when new).

    Skipped: this counter's own changes, versions already held, and copies with unsent local
    changes (unless `force`: a person chose the portal's side of a conflict)."""
    origin = change.get("MaQuay")
    if not force and own_counter is not None and origin == own_counter:
        return
    record = change["dossier"]
    version = change.get("version")
    receiving = change.get("QuayTiepNhan")
    status = portal_mapping.local_value(record, "TrangThaiHoSo")
    row = conn.execute(
        "SELECT id, code, status, due_at, returned_at, portal_version, received_counter, "
        "applicant_id, return_method FROM dossiers WHERE uuid = ? OR code = ?",
        (record["Uuid"], record["MaHoSo"]),
    ).fetchone()
    if row is None:
        channel = portal_mapping.local_value(record, "KenhThucHien") or "counter"
        copy = new_dossier_from_record(
            conn,
            record,
            status=status,
            channel=channel,
            version=version,
            received_counter=receiving,
            reason=f"Tiếp nhận tại {counter_label(receiving)}",
        )
        insert_dossiers(conn, [copy])
        copied = conn.execute("SELECT id FROM dossiers WHERE uuid = ?", (record["Uuid"],))
        report.centre_files += attachments.record_remote(conn, copied.fetchone()[0], record)
        audit.append(
            conn,
            actor=SYNC_ACTOR,
            action="dossier.centre",
            entity=record["MaHoSo"],
            detail={"counter": receiving, "version": version},
        )
        report.centre_received += 1
        return
    if not force:
        if row["portal_version"] is not None and version is not None:
            if version <= row["portal_version"]:
                return
        if has_unsent(conn, row["id"]):
            return  # the portal's version check decides: a clash comes back with the push
    at = portal_mapping.from_portal_date(change.get("changed_at")) or clock.to_storage(clock.now())
    corrected = _apply_applicant(conn, row, record)
    due = portal_mapping.from_portal_date(record.get("NgayHenTra")) or row["due_at"]
    returned = portal_mapping.from_portal_date(record.get("NgayTra")) or row["returned_at"]
    conn.execute(
        "UPDATE dossiers SET status = ?, due_at = ?, returned_at = ?, portal_version = ?, "
        "received_counter = coalesce(?, received_counter), updated_at = ?, "
        "collected_by = coalesce(?, collected_by) WHERE id = ?",
        (
            status,
            due,
            returned,
            version,
            receiving,
            at,
            portal_mapping.collector(record),
            row["id"],
        ),
    )
    if status != row["status"]:
        if row["status"] == Status.REGISTERED and receiving:
            reason = f"Đã tiếp nhận tại quầy {receiving}"
        else:
            reason = f"Cập nhật từ {counter_label(origin)}"
        conn.execute(
            "INSERT INTO status_events (dossier_id, at, by, from_status, to_status, reason) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (row["id"], at, SYNC_ACTOR, row["status"], status, reason),
        )
    if due != row["due_at"]:
        conn.execute(
            "INSERT INTO due_changes (dossier_id, at, by, kind, old_due, new_due, reason) "
            "VALUES (?, ?, ?, 'moved', ?, ?, ?)",
            (row["id"], at, SYNC_ACTOR, row["due_at"], due, f"Đổi tại {counter_label(origin)}"),
        )
    audit.append(
        conn,
        actor=SYNC_ACTOR,
        action="dossier.centre",
        entity=row["code"],
        detail={
            "from": row["status"],
            "to": status,
            "counter": origin,
            "version": version,
            **({"fields": corrected} if corrected else {}),
        },
    )
    report.centre_files += attachments.record_remote(conn, row["id"], record)
    report.centre_applied += 1


def conflict_message(current: dict[str, Any], portal_message: str) -> str:
    """What the officer sees: the portal's side, with the winner's receipt details."""
    record = current.get("dossier") or {}
    status = record.get("TrangThaiHoSo")
    parts = [
        f"Cổng đã có thay đổi mới hơn (phiên bản {current.get('version')}): trạng thái "
        f"{status} ({STATUS_NAMES.get(status, '')})"
    ]
    receiving = current.get("QuayTiepNhan")
    if receiving:
        received = portal_mapping.from_portal_date(record.get("NgayTiepNhan") or None)
        when = f" lúc {clock.from_storage(received):%H:%M %d/%m/%Y}" if received else ""
        parts.append(f"đã tiếp nhận tại quầy {receiving}{when}")
    if current.get("NguoiXuLy"):
        parts.append(f"cán bộ {current['NguoiXuLy']}")
    return (
        "; ".join(parts)
        + f". {portal_message} / the portal holds a newer change; a person must decide"
    )


def record_push_conflict(
    conn: sqlite3.Connection,
    entry: sqlite3.Row,
    result: dict[str, Any],
    report: PassReport,
) -> None:
    """A change refused as stale: held (pending) and the dossier flagged with the portal's side."""
    current = result.get("current") if isinstance(result.get("current"), dict) else {}
    change = {
        "type": "dossier",
        "MaHoSo": result.get("MaHoSo"),
        "version": current.get("version", result.get("version")),
        "QuayTiepNhan": current.get("QuayTiepNhan"),
        "dossier": current.get("dossier"),
        "NguoiXuLy": current.get("NguoiXuLy", ""),
    }
    message = conflict_message(current, str(result.get("message") or ""))
    conn.execute(
        "UPDATE outbox SET state = 'pending', batch_key = NULL, attempts = attempts + 1, "
        "last_error = ? WHERE id = ?",
        (message, entry["id"]),
    )
    already = conn.execute(
        "SELECT conflict FROM dossiers WHERE id = ?", (entry["dossier_id"],)
    ).fetchone()
    if already is not None and already["conflict"]:
        return
    conn.execute(
        "UPDATE dossiers SET conflict = ?, sync_state = 'conflict', sync_message = ? WHERE id = ?",
        (json.dumps(change, ensure_ascii=False), message, entry["dossier_id"]),
    )
    audit.append(
        conn,
        actor=SYNC_ACTOR,
        action="sync.conflict",
        entity=str(result.get("MaHoSo") or ""),
        detail={"portal_version": change["version"], "counter": change["QuayTiepNhan"]},
    )
    report.conflicts += 1
