"""Attachments through sync (issue 16): upload this counter's documents, record the other
counters' ones, fetch those on demand.

Upload, a step of each pass after the push (records first: a file never delays a dossier
record). `service.attachments.upload_queue()` is sent with `portal.uploads.upload`, each row's
state moving pending → uploading (uploaded_bytes, every PROGRESS_STEP percent) → uploaded
(portal_file_ref = MaTep), or rejected with the portal's message (`retry_upload` queues it
again). An UploadInterrupted leaves the row 'uploading' and ends the step: the next pass
resumes the same upload (keyed by the file's SHA-256; only the chunk in flight is sent again).
A pass sends at most UPLOAD_BYTES_PER_PASS / UPLOAD_SECONDS_PER_PASS (one file at least), so a
backlog of scans never starves record sync. Once none of a dossier's documents is waiting, a
record update carrying its lists (DanhSachTepDinhKem / DanhSachGiayToKetQua with MaTep) goes
through the outbox (services/outbox.py `dossier_record`) and is pushed in the same pass.

Files wait for their record: a dossier whose create the portal has not accepted (queued, or
refused until a person fixes it) has none of its files sent (`upload_queue`), so the portal
never holds a file for a record it does not have; once the record is accepted they go.

Other counters: the unit's feed carries the record with its lists (MaTep, sha256, KichThuoc,
TenGiayTo, ViTriGiayTo, TenTep), each complete for the dossier when carried; `record_remote`
adds a row per unknown file, 'remote' (no content here), withdraws another counter's file a
list no longer names and brings back one listed again. `fetch(service, id)` downloads one (portal/downloads.py), checks size and
SHA-256 and keeps it in the encrypted store; then `service.attachments.open(id)` reads it.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from counter_app.domain import clock
from counter_app.portal import downloads, uploads
from counter_app.portal import mapping as portal_mapping
from counter_app.portal.client import PortalClient
from counter_app.portal.errors import UploadInterrupted, UploadRejected
from counter_app.services import CounterService, NotFound
from counter_app.services.attachments import (
    OTHER_LABEL,
    REMOTE,
    RESULT_LABEL,
    SUBMITTED,
    WithdrawnAttachment,
    is_withdrawn,
)
from counter_app.services.outbox import queue_dossier
from counter_app.store import attachment_files, audit
from counter_app.store import driver as sqlite3
from counter_app.sync.state import SYNC_ACTOR
from counter_app.sync.status import PassReport

log = logging.getLogger(__name__)

UPLOAD_BYTES_PER_PASS = 32 * 1024 * 1024
UPLOAD_SECONDS_PER_PASS = 60.0
UPLOAD_CHUNK_SIZE = uploads.DEFAULT_CHUNK_SIZE
UPLOAD_RETRY = uploads.RetryPolicy()  # transient faults within one file's upload
PROGRESS_STEP = 25  # percent between two writes of a file's uploaded_bytes
GROUPS = {"submitted": "TepDinhKem", "result": "GiayToKetQua"}  # NhomTep of each kind
DEFAULT_LABELS = {"submitted": OTHER_LABEL, "result": RESULT_LABEL}


@dataclass(frozen=True)
class StoredDocument:
    """One stored document as `portal.uploads.upload` reads it (the decrypted, checked PDF)."""

    dossier_code: str
    group: str
    item: str
    file_name: str
    sha256: str
    data: bytes = field(repr=False)

    @property
    def size(self) -> int:
        return len(self.data)

    def read_at(self, offset: int, length: int) -> bytes:
        return self.data[offset : offset + length]


def upload_attachments(service: CounterService, client: PortalClient, report: PassReport) -> None:
    """The sync step: upload what is waiting (bounded), then push the lists now complete."""
    started = time.monotonic()
    sent = 0
    manager = service.attachments
    for row in manager.upload_queue(limit=1000):
        if sent and (
            sent >= UPLOAD_BYTES_PER_PASS or time.monotonic() - started >= UPLOAD_SECONDS_PER_PASS
        ):
            report.files_deferred += 1
            continue
        try:
            _upload_one(service, client, row, report)
        except NotFound:
            continue  # removed by a person while it was being sent: nothing left to record
        sent += row["bytes"] - row["uploaded_bytes"]
    if queue_attachment_lists(service):
        from counter_app.sync.push import push_outbox  # push imports centre, centre imports us

        push_outbox(service, client, report)


def _upload_one(
    service: CounterService, client: PortalClient, row: dict[str, Any], report: PassReport
) -> None:
    manager = service.attachments
    code = manager.get(row["id"])["dossier_code"]
    try:
        data = manager.files().read(row["sha256"])
    except attachment_files.AttachmentFileError as error:
        # nothing to send: a person restores it from a backup (doctor names it), then retries
        manager.set_upload_state(row["id"], "rejected", error=str(error))
        report.files_rejected += 1
        report.rejected_messages.append((code, str(error)))
        return
    source = StoredDocument(
        dossier_code=code,
        group=GROUPS[row["kind"]],
        item=row["label"],
        file_name=portal_mapping.attachment_file_name(row),
        sha256=row["sha256"],
        data=data,
    )
    manager.set_upload_state(row["id"], "uploading")
    try:
        ref = uploads.upload(
            client,
            source,
            chunk_size=UPLOAD_CHUNK_SIZE,
            retry=UPLOAD_RETRY,
            on_progress=_progress_writer(service, row["id"], len(data)),
        )
    except UploadRejected as error:
        message = error.portal_message or error.message
        manager.set_upload_state(row["id"], "rejected", error=message)
        report.files_rejected += 1
        report.rejected_messages.append((code, message))
        return
    except UploadInterrupted as error:
        if error.offset is not None:
            manager.set_upload_state(row["id"], "uploading", uploaded_bytes=error.offset)
        raise  # the portal is in trouble: the pass records it, the next one resumes
    manager.set_upload_state(row["id"], "uploaded", portal_file_ref=ref)
    report.files_uploaded += 1


def _progress_writer(
    service: CounterService, attachment_id: int, size: int
) -> Callable[[int], None]:
    shown = [-PROGRESS_STEP]

    def write(percent: int) -> None:
        if percent < 100 and percent - shown[0] >= PROGRESS_STEP:
            shown[0] = percent
            service.attachments.set_upload_state(
                attachment_id, "uploading", uploaded_bytes=size * percent // 100
            )

    return write


_UNLISTED = """
SELECT DISTINCT d.code FROM attachments a JOIN dossiers d ON d.id = a.dossier_id
WHERE a.upload_state = 'uploaded' AND a.listed = 0 AND a.portal_file_ref IS NOT NULL
  AND a.source != 'portal' AND d.sync_state != 'local'
  AND NOT EXISTS (SELECT 1 FROM attachments w WHERE w.dossier_id = a.dossier_id
                  AND w.upload_state IN ('pending', 'uploading'))
ORDER BY d.code
"""


def queue_attachment_lists(service: CounterService) -> int:
    """Queue a record update for each dossier with an uploaded file its portal record does not
    list yet, once none of its files is still waiting; returns how many were queued."""
    codes = [r[0] for r in service.store.read().execute(_UNLISTED).fetchall()]
    unit = service.settings.get("unit_code")
    for code in codes:
        dossier = service.dossiers.get(code)
        with service.store.write() as conn:
            queue_dossier(conn, dossier, unit_code=unit, is_updating=True)
    return len(codes)


# ---- other counters' files --------------------------------------------------------------


def record_remote(conn: sqlite3.Connection, dossier_id: int, record: dict[str, Any]) -> int:
    """Follow the attachment lists a feed record carries (in the caller's transaction, after
    the feed's version checks): a list present is complete for the dossier, a list absent
    says nothing (docs/portal-contract.md, "Lists in the record").

    - a file listed that this counter does not know: one 'remote' row (source 'portal', no
      content here); an item without KichThuoc and sha256 cannot be verified when fetched and
      is skipped;
    - a file listed that is known: nothing changes, unless it was withdrawn: then it is back;
    - another counter's file (source 'portal') that a carried list no longer names: withdrawn
      (`listed` 0: kept for the audit, not digitised, not fetched). This counter's own files
      are never touched by another counter's list.
    Each change is audited. Returns the rows added or brought back."""
    rows = conn.execute(
        "SELECT id, kind, portal_file_ref, source, listed FROM attachments "
        "WHERE dossier_id = ? AND portal_file_ref IS NOT NULL",
        (dossier_id,),
    ).fetchall()
    known = {r["portal_file_ref"]: r for r in rows}
    positions = {
        r[0]
        for r in conn.execute("SELECT position FROM documents WHERE dossier_id = ?", (dossier_id,))
    }
    added: list[dict[str, Any]] = []
    restored: list[dict[str, Any]] = []
    withdrawn: list[dict[str, Any]] = []
    now = clock.to_storage(clock.now())
    for kind, name in portal_mapping.ATTACHMENT_LISTS.items():
        items = record.get(name)
        if not isinstance(items, list):
            continue  # not carried (absent or null): nothing known about this list
        listed = {item.get("MaTep") for item in items}
        for row in rows:
            if row["kind"] == kind and row["source"] == "portal" and row["listed"]:
                if row["portal_file_ref"] not in listed:
                    withdrawn.append({"attachment_id": row["id"], "MaTep": row["portal_file_ref"]})
        for item in items:
            ref, sha256, size = item.get("MaTep"), item.get("sha256"), item.get("KichThuoc")
            held = known.get(ref)
            if held is not None:
                if held["source"] == "portal" and not held["listed"]:
                    restored.append({"attachment_id": held["id"], "MaTep": ref})
                    known[ref] = {**dict(held), "listed": 1}
                continue
            if not sha256 or not size:
                continue
            position = item.get("ViTriGiayTo")
            if kind != SUBMITTED or position not in positions:
                position = None
            label = (item.get("TenGiayTo") or "").strip() or DEFAULT_LABELS[kind]
            cursor = conn.execute(
                "INSERT INTO attachments (dossier_id, kind, item, label, sha256, bytes, pages, "
                "source, created_at, created_by, upload_state, uploaded_bytes, portal_file_ref, "
                "listed) VALUES (?, ?, ?, ?, ?, ?, ?, 'portal', ?, ?, ?, ?, ?, 1)",
                (
                    dossier_id,
                    kind,
                    position,
                    label,
                    sha256,
                    size,
                    item.get("SoTrang") or 0,
                    now,
                    SYNC_ACTOR,
                    REMOTE,
                    size,
                    ref,
                ),
            )
            known[ref] = {"id": cursor.lastrowid, "kind": kind, "source": "portal", "listed": 1}
            added.append({"attachment_id": cursor.lastrowid, "MaTep": ref, "sha256": sha256})
    for change, value in ((withdrawn, 0), (restored, 1)):
        conn.executemany(
            "UPDATE attachments SET listed = ? WHERE id = ?",
            [(value, c["attachment_id"]) for c in change],
        )
    if added or withdrawn or restored:
        code = conn.execute("SELECT code FROM dossiers WHERE id = ?", (dossier_id,)).fetchone()
        for action, files in (
            ("attachment.centre", added),
            ("attachment.withdrawn", withdrawn),
            ("attachment.relisted", restored),
        ):
            if files:
                audit.append(
                    conn, actor=SYNC_ACTOR, action=action, entity=code[0], detail={"files": files}
                )
    return len(added) + len(restored)


def fetch(
    service: CounterService, attachment_id: int, client: PortalClient | None = None
) -> dict[str, Any]:
    """Bring a remote document's content here (verified, encrypted at rest) and return its
    row, now 'uploaded'; a document already here is returned as it is. With no `client`, the
    portal of the settings is used. Raises DownloadMismatch (the portal's bytes are not the
    announced file: nothing kept), PortalError (unreachable, FILE_NOT_FOUND…), InputError (no
    portal configured)."""
    row = service.attachments.get(attachment_id)
    if is_withdrawn(row):
        raise WithdrawnAttachment(attachment_id)
    if row["upload_state"] != REMOTE:
        return row
    data = download_remote(service, attachment_id, client)
    return service.attachments.store_fetched(attachment_id, data, by=SYNC_ACTOR)


def download_remote(
    service: CounterService, attachment_id: int, client: PortalClient | None = None
) -> bytes:
    """A remote document's content from the portal, its size and SHA-256 checked against the
    feed's, without keeping it (a read-only command saving it to a file); see `fetch`."""
    row = service.attachments.get(attachment_id)
    if is_withdrawn(row):
        raise WithdrawnAttachment(attachment_id)
    if client is None:
        from counter_app.sync.engine import configured_portal  # the engine imports this module

        with PortalClient(configured_portal(service)) as own:
            return download_remote(service, attachment_id, own)
    return downloads.download(
        client, row["portal_file_ref"], size=row["bytes"], sha256=row["sha256"], retry=UPLOAD_RETRY
    )
