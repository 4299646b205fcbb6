"""Pull: the portal's changes feed (status changes, online dossiers), and the reference data
(catalogue, holidays) fetched every few hours.

Every item is checked against its declared shape (portal/answers.py) before use; one that does
not fit, or that cannot be applied, is quarantined (sync/quarantine.py) and the rest goes on:
a bad item never holds the cursor, and a cursor that does not advance ends the pull."""

from __future__ import annotations

import json
import logging
from datetime import date, timedelta
from typing import Any

from counter_app.domain import catalogue, clock
from counter_app.domain.status import Status
from counter_app.portal import answers
from counter_app.portal import mapping as portal_mapping
from counter_app.portal.client import PortalClient
from counter_app.services import CounterService
from counter_app.store import audit
from counter_app.store import driver as sqlite3
from counter_app.store.dossier_writer import insert_dossiers
from counter_app.sync import centre
from counter_app.sync.conflicts import apply_status_change
from counter_app.sync.quarantine import quarantine
from counter_app.sync.state import SYNC_ACTOR, get_state, is_due, set_state, set_state_in
from counter_app.sync.status import PassReport

# The catalogue and holidays change rarely; fetching them every pass would be most of a
# counter's traffic to the portal.
REFERENCE_PULL_INTERVAL = timedelta(hours=6)
CHANGES_PAGE = 500
# What applying a checked item may still raise on data the schema cannot rule out (e.g. a
# dossier code already taken locally): the item is quarantined, the pull goes on.
ITEM_FAILURES = (ValueError, TypeError, KeyError, IndexError, sqlite3.IntegrityError)

log = logging.getLogger(__name__)


def pull_reference_data_if_due(
    service: CounterService, client: PortalClient, report: PassReport
) -> None:
    """Catalogue and holidays, when the last fetch is REFERENCE_PULL_INTERVAL old or more."""
    if not is_due(service, "reference_pulled_at", REFERENCE_PULL_INTERVAL):
        return
    pull_catalogue(service, client, report)
    pull_holidays(service, client, report)
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
    bad = []
    for index, procedure in enumerate(remote["data"]):
        try:
            answers.check_procedure(procedure, index)
        except answers.AnswerError as error:
            bad.append((procedure, str(error)))
    if bad:
        # The catalogue is one whole: a version with a bad procedure is not taken at all.
        with service.store.write() as conn:
            for procedure, reason in bad:
                quarantine(conn, "catalogue", procedure, f"{version}: {reason}")
        report.quarantined += len(bad)
        set_state(service, "catalogue_error", f"{version}: {bad[0][1]}")
        return
    document = portal_mapping.catalogue_document(remote)
    raw = json.dumps(document, ensure_ascii=False).encode("utf-8")
    try:
        parsed = catalogue.parse_catalogue(raw)
    except catalogue.CatalogueError as error:
        set_state(service, "catalogue_error", f"{version}: {error}")
        with service.store.write() as conn:
            quarantine(conn, "catalogue", remote, f"{version}: {error}")
        report.quarantined += 1
        return  # keep the current catalogue; a bad remote one must not break intake
    with service.store.write() as conn:
        catalogue.apply_catalogue(conn, parsed, source="portal", actor=SYNC_ACTOR)
    report.catalogue_version = version


def pull_holidays(service: CounterService, client: PortalClient, report: PassReport) -> None:
    days: list[tuple[date, bool, str]] = []
    bad = []
    for index, item in enumerate(client.fetch_holiday_overrides()):
        try:
            answers.check_holiday(item, index)
        except answers.AnswerError as error:
            bad.append((item, str(error)))
            continue
        days.append((date.fromisoformat(item["date"]), item["working"], item.get("note") or ""))
    if bad:
        with service.store.write() as conn:
            for item, reason in bad:
                quarantine(conn, "holidays", item, reason)
        report.quarantined += len(bad)
    service.calendar.apply_portal_holidays(days, actor=SYNC_ACTOR)


def pull_changes(service: CounterService, client: PortalClient, report: PassReport) -> None:
    unit = service.settings.get("unit_code")
    asked: set[str | None] = set()
    while True:
        cursor = get_state(service, "changes_cursor")
        asked.add(cursor)
        page = client.fetch_changes(unit, cursor, limit=CHANGES_PAGE)
        with service.store.write() as conn:
            for index, change in enumerate(page["changes"]):
                apply_change(service, conn, change, index, report, cursor=cursor)
            set_state_in(conn, "changes_cursor", page["cursor"])
        if not page["has_more"]:
            return
        if page["cursor"] in asked:
            warning = (
                f"Cổng báo còn thay đổi nhưng con trỏ không tiến ({page['cursor']!r}); "
                "dừng nhận thay đổi ở lượt này / the changes feed says has_more but its cursor "
                "does not advance; pull stopped for this pass"
            )
            log.warning("sync: %s", warning)
            report.warnings.append(warning)
            return


def apply_change(
    service: CounterService,
    conn: sqlite3.Connection,
    change: object,
    index: int,
    report: PassReport,
    *,
    cursor: str | None = None,
) -> bool:
    """Apply one feed item in the caller's transaction; False when it was quarantined."""
    try:
        answers.check_change(change, index)
    except answers.AnswerError as error:
        quarantine(conn, "changes", change, str(error), cursor=cursor)
        report.quarantined += 1
        return False
    assert isinstance(change, dict)  # check_change guarantees it
    conn.execute("SAVEPOINT feed_item")
    try:
        own_counter = service.settings.get("counter")
        if change["type"] == "status":
            apply_status_change(conn, change, report, own_counter=own_counter)
        elif change["type"] == "dossier":
            centre.apply_dossier_change(conn, change, report, own_counter=own_counter)
        else:
            _apply_online_dossier(service, conn, change, report)
    except ITEM_FAILURES as error:
        conn.execute("ROLLBACK TO feed_item")
        reason = f"changes[{index}]: không áp dụng được / cannot be applied: {error}"
        quarantine(conn, "changes", change, reason, cursor=cursor)
        report.quarantined += 1
        return False
    finally:
        conn.execute("RELEASE feed_item")
    report.pulled_changes += 1
    return True


def _apply_online_dossier(
    service: CounterService, conn: sqlite3.Connection, change: dict[str, Any], report: PassReport
) -> None:
    record = change["dossier"]
    if conn.execute(
        "SELECT 1 FROM dossiers WHERE uuid = ? OR code = ?", (record["Uuid"], record["MaHoSo"])
    ).fetchone():
        return
    online = centre.new_dossier_from_record(
        conn,
        record,
        status=Status.REGISTERED,
        channel="online",
        version=change.get("version"),
        received_counter=None,
        reason="Nộp trực tuyến trên Cổng DVC",
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
