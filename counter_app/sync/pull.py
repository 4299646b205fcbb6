"""Pull: the portal's changes feed (status changes, online dossiers), and the reference data
(catalogue, holidays) fetched every few hours."""

from __future__ import annotations

import json
import sqlite3
from datetime import date, timedelta
from typing import Any

from counter_app.domain import catalogue, clock
from counter_app.domain.status import Status
from counter_app.portal import mapping as portal_mapping
from counter_app.portal.client import PortalClient
from counter_app.services import CounterService
from counter_app.store import audit
from counter_app.store.dossier_writer import NewDossier, insert_dossiers
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
    if not version or version == service.catalogue.version():
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
    procedure_code = record.get("MaTTHC", "")
    local_procedure = conn.execute(
        "SELECT processing_time, time_unit FROM procedures WHERE code = ?", (procedure_code,)
    ).fetchone()
    received = portal_mapping.from_portal_date(record.get("NgayTiepNhan")) or clock.to_storage(
        clock.now()
    )
    now = clock.to_storage(clock.now())
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
            "id_type": portal_mapping.local_value(identity, "LoaiDinhDanh"),
            "phone": record.get("SoDienThoai", ""),
            "email": record.get("Email", ""),
        },
        officer=SYNC_ACTOR,
        received_at=received,
        due_at=portal_mapping.from_portal_date(record.get("NgayHenTra")) or received,
        status=Status.REGISTERED,
        channel="online",
        return_method=portal_mapping.local_value(record, "HinhThuc"),
        created_at=now,
        updated_at=now,
        sync_state="synced",
        portal_version=change.get("version"),
        events=[(received, SYNC_ACTOR, None, Status.REGISTERED, "Nộp trực tuyến trên Cổng DVC")],
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
    insert_dossiers(conn, [online])
    audit.append(
        conn,
        actor=SYNC_ACTOR,
        action="dossier.online",
        entity=record["MaHoSo"],
        detail={"uuid": record["Uuid"]},
    )
    report.online_received += 1
