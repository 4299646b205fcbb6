"""Reading dossier rows inside a caller's connection; shared by every dossier use case."""

from __future__ import annotations

import json
from typing import Any

from counter_app.domain import addresses, clock
from counter_app.domain.status import RECEIPT_STATUS_LIST, Status, reception, status_name
from counter_app.services.errors import NotFound
from counter_app.store import driver as sqlite3

# A dossier `d` that was received (DESIGN §3; domain.status.reception in SQL): the register,
# the fee summary, the hand-over list and the centre's figures count "received" by it, one way.
RECEIVED_SQL = (
    f"(d.status IN ({RECEIPT_STATUS_LIST}) OR EXISTS (SELECT 1 FROM status_events r2 "
    "WHERE r2.dossier_id = d.id AND r2.to_status = 2))"
)


def now_text() -> str:
    return clock.to_storage(clock.now())


def new_uuid() -> str:
    """A fresh random UUID (a dossier's, an outbox entry's key, a handover batch's)."""
    import uuid  # on first use: on Linux it imports platform, ~2.5 ms of the GUI's start

    return str(uuid.uuid4())


def dossier_id(conn: sqlite3.Connection, code_or_uuid: str) -> int:
    key = code_or_uuid.strip()
    row = conn.execute("SELECT id FROM dossiers WHERE code = ? OR uuid = ?", (key, key)).fetchone()
    if row is None:
        raise NotFound(f"Không tìm thấy hồ sơ '{key}' / dossier not found")
    return row["id"]


def was_received(conn: sqlite3.Connection, dossier_id: int) -> bool:
    """Whether the dossier was ever received (a status-2 event): one refused or sent back for
    completion at the counter was not."""
    return (
        conn.execute(
            "SELECT 1 FROM status_events WHERE dossier_id = ? AND to_status = 2 LIMIT 1",
            (dossier_id,),
        ).fetchone()
        is not None
    )


def load_dossier(conn: sqlite3.Connection, dossier_id: int) -> dict[str, Any]:
    row = conn.execute("SELECT * FROM dossiers WHERE id = ?", (dossier_id,)).fetchone()
    dossier = dict(row)
    dossier.pop("search_text", None)
    applicant = dict(
        conn.execute(
            "SELECT * FROM applicants WHERE id = ?", (dossier.pop("applicant_id"),)
        ).fetchone()
    )
    applicant.pop("id")
    applicant["commune_name"] = applicant["province_name"] = ""
    if applicant["ward_code"]:
        commune = addresses.commune(applicant["ward_code"])
        applicant["commune_name"] = commune.name
        applicant["province_name"] = commune.province_name
    elif applicant["province_code"]:
        applicant["province_name"] = addresses.province(applicant["province_code"]).name
    dossier["applicant"] = applicant
    dossier["procedure"] = {
        "code": dossier.pop("procedure_code"),
        "name": dossier.pop("procedure_name"),
        "field_code": dossier.pop("field_code"),
        "field_name": dossier.pop("field_name"),
        "processing_time": dossier.pop("processing_time"),
        "time_unit": dossier.pop("time_unit"),
    }
    dossier["status_name"] = status_name(dossier["status"])
    dossier["reception"] = reception(
        dossier["status"], has_receipt_event=was_received(conn, dossier_id)
    )
    dossier["documents"] = [
        dict(r)
        for r in conn.execute(
            "SELECT name, kind, count FROM documents WHERE dossier_id = ? ORDER BY position",
            (dossier_id,),
        )
    ]
    dossier["fees"] = [
        dict(r, paid=bool(r["paid"]))
        for r in conn.execute(
            "SELECT code, name, amount, paid FROM fees WHERE dossier_id = ? ORDER BY id",
            (dossier_id,),
        )
    ]
    staff = {
        r["username"]: r
        for r in conn.execute(
            "SELECT s.username, full_name, coalesce(p.phone, '') AS phone FROM staff s "
            "LEFT JOIN staff_phones p ON p.username = s.username"
        )
    }
    names = {username: row["full_name"] for username, row in staff.items()}
    phones = {username: row["phone"] for username, row in staff.items()}
    dossier["officer_name"] = names.get(dossier["officer"], dossier["officer"])
    dossier["events"] = [
        dict(
            r,
            by_name=names.get(r["by"], r["by"]),
            by_phone=phones.get(r["by"], ""),
            detail=json.loads(r["detail"] or "{}"),
        )
        for r in conn.execute(
            "SELECT at, by, from_status, to_status, reason, detail FROM status_events "
            "WHERE dossier_id = ? ORDER BY id",
            (dossier_id,),
        )
    ]
    for event in dossier["events"]:
        if event["to_status"] == Status.RETURNED and "collected_by" not in event["detail"]:
            # returned before the event kept the collector: the dossier's record of it
            event["detail"]["collected_by"] = dossier.get("collected_by") or ""
            event["detail"]["collected_id_number"] = dossier.get("collected_id_number") or ""
    dossier["due_changes"] = [
        dict(r, by_name=names.get(r["by"], r["by"]))
        for r in conn.execute(
            "SELECT at, by, kind, old_due, new_due, reason FROM due_changes "
            "WHERE dossier_id = ? ORDER BY id",
            (dossier_id,),
        )
    ]
    dossier["handovers"] = [
        dict(r)
        for r in conn.execute(
            "SELECT batch, direction, at, agency, giver, receiver, notes, by FROM handovers "
            "WHERE dossier_id = ? ORDER BY at, id",
            (dossier_id,),
        )
    ]
    dossier["prints"] = [
        dict(r)
        for r in conn.execute(
            "SELECT at, officer, form, copy, paper, reprint_reason FROM print_log "
            "WHERE dossier_id = ? ORDER BY id",
            (dossier_id,),
        )
    ]
    return dossier
