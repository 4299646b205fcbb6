"""Pull: the portal's changes feed (status changes, online dossiers), and the reference data
(catalogue, holidays) fetched every few hours."""

from __future__ import annotations

import json
import sqlite3
from datetime import date, timedelta
from typing import Any

from counter_app.domain import catalogue, clock
from counter_app.portal import mapping as portal_mapping
from counter_app.portal.client import PortalClient
from counter_app.service import CounterService, search_text
from counter_app.store import audit
from counter_app.sync.conflicts import apply_status_change
from counter_app.sync.state import SYNC_ACTOR, get_state, is_due, set_state, set_state_in
from counter_app.sync.status import PassReport

# The catalogue and holidays change rarely; fetching them every pass would be most of a
# counter's traffic to the portal.
REFERENCE_PULL_INTERVAL = timedelta(hours=6)
CHANGES_PAGE = 500


def pull_reference_data_if_due(
    service: CounterService, client: PortalClient, report: PassReport
) -> None:
    """Catalogue and holidays, when the last fetch is REFERENCE_PULL_INTERVAL old or more."""
    if not is_due(service, "reference_pulled_at", REFERENCE_PULL_INTERVAL):
        return
    pull_catalogue(service, client, report)
    pull_holidays(service, client)
    set_state(service, "reference_pulled_at", clock.to_storage(clock.now()))


def force_reference_pull(service: CounterService) -> None:
    """Make the next pass fetch the catalogue and holidays (e.g. a technician's "sync now")."""
    with service.store.write() as conn:
        conn.execute("DELETE FROM sync_state WHERE key = 'reference_pulled_at'")


def pull_catalogue(service: CounterService, client: PortalClient, report: PassReport) -> None:
    remote = client.fetch_catalogue()
    version = remote["version"]
    if not version or version == service.catalogue_version():
        return
    document = portal_mapping.catalogue_document(remote)
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
    service.apply_portal_holidays(
        [(date.fromisoformat(i["date"]), i["working"], i.get("note", "")) for i in remote],
        actor=SYNC_ACTOR,
    )


def pull_changes(service: CounterService, client: PortalClient, report: PassReport) -> None:
    unit = service.setting("unit_code")
    while True:
        cursor = get_state(service, "changes_cursor")
        page = client.fetch_changes(unit, cursor, limit=CHANGES_PAGE)
        with service.store.write() as conn:
            for change in page["changes"]:
                if change["type"] == "status":
                    apply_status_change(conn, change, report)
                elif change["type"] == "online_dossier":
                    _apply_online_dossier(service, conn, change, report)
                report.pulled_changes += 1
            set_state_in(conn, "changes_cursor", page["cursor"])
        if not page["has_more"]:
            return


def _apply_online_dossier(
    service: CounterService, conn: sqlite3.Connection, change: dict[str, Any], report: PassReport
) -> None:
    record = change["dossier"]
    if conn.execute(
        "SELECT 1 FROM dossiers WHERE uuid = ? OR code = ?", (record["Uuid"], record["MaHoSo"])
    ).fetchone():
        return
    identity = (record.get("DinhDanhCHS") or [{}])[0]
    id_type = portal_mapping.local_value(identity, "LoaiDinhDanh")
    applicant = {
        "full_name": record.get("ChuHoSo", ""),
        "id_number": identity.get("SoDinhDanh", ""),
        "phone": record.get("SoDienThoai", ""),
    }
    applicant_id = conn.execute(
        "INSERT INTO applicants (full_name, id_number, id_type, phone, email) VALUES (?, ?, ?, ?, ?)",
        (
            applicant["full_name"],
            applicant["id_number"],
            id_type,
            applicant["phone"],
            record.get("Email", ""),
        ),
    ).lastrowid
    procedure_code = record.get("MaTTHC", "")
    local_procedure = conn.execute(
        "SELECT processing_time, time_unit FROM procedures WHERE code = ?", (procedure_code,)
    ).fetchone()
    received = portal_mapping.from_portal_date(record.get("NgayTiepNhan")) or clock.to_storage(
        clock.now()
    )
    due = portal_mapping.from_portal_date(record.get("NgayHenTra")) or received
    now = clock.to_storage(clock.now())
    dossier_id = conn.execute(
        "INSERT INTO dossiers (uuid, code, procedure_code, procedure_name, field_code, field_name, "
        "processing_time, time_unit, applicant_id, sets, officer, received_at, due_at, status, "
        "channel, return_method, notes, search_text, created_at, updated_at, sync_state, "
        "portal_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, 1, 'online', ?, '', ?, ?, ?, "
        "'synced', ?)",
        (
            record["Uuid"],
            record["MaHoSo"],
            procedure_code,
            record.get("TenTTHC", ""),
            record.get("MaLinhVuc", ""),
            record.get("TenLinhVuc", ""),
            local_procedure["processing_time"] if local_procedure else 0,
            local_procedure["time_unit"] if local_procedure else "working_days",
            applicant_id,
            SYNC_ACTOR,
            received,
            due,
            portal_mapping.local_value(record, "HinhThuc"),
            search_text(applicant, record["MaHoSo"]),
            now,
            now,
            change.get("version"),
        ),
    ).lastrowid
    conn.executemany(
        "INSERT INTO documents (dossier_id, position, name, kind, count) VALUES (?, ?, ?, ?, ?)",
        [
            (
                dossier_id,
                i,
                d.get("TenGiayTo", ""),
                portal_mapping.local_value(d, "LoaiGiayTo"),
                int(d.get("SoLuong") or 1),
            )
            for i, d in enumerate(record.get("DanhSachTepDinhKemKhac") or [], 1)
        ],
    )
    conn.executemany(
        "INSERT INTO fees (dossier_id, code, name, amount, paid) VALUES (?, ?, ?, ?, 0)",
        [
            (dossier_id, f.get("MaPhiLePhi", ""), f.get("TenPhiLePhi", ""), int(f.get("Gia") or 0))
            for f in record.get("DanhSachLePhi") or []
        ],
    )
    conn.execute(
        "INSERT INTO status_events (dossier_id, at, by, from_status, to_status, reason) "
        "VALUES (?, ?, ?, NULL, 1, 'Nộp trực tuyến trên Cổng DVC')",
        (dossier_id, received, SYNC_ACTOR),
    )
    audit.append(
        conn,
        actor=SYNC_ACTOR,
        action="dossier.online",
        entity=record["MaHoSo"],
        detail={"uuid": record["Uuid"]},
    )
    report.online_received += 1
