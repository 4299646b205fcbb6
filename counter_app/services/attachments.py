"""Digitised documents of a dossier (issue 16): attach, list, open, remove, digitised or not.

`service.attachments`. A document is attached as one PDF made from a `DocumentDraft`
(capture/pages.py: pages from files, the watch folder or a scanner) or straight from file
paths; the documents captured at intake go with their new dossier in its own transaction
(`prepare` before it, `record_prepared` inside it: services/intake.py). The order of a save is what makes it kill-safe: the PDF is made and checked in memory,
its encrypted file put in place (store/attachment_files.py: temp + fsync + rename), and only
then the row and its audit record are committed in one transaction. A kill before the commit
leaves at most a file no row names (stored once by content: the next save reuses it); a
retry of the same save finds the row and writes nothing (`already_attached`).

Kinds: 'submitted' with `item` = the position of a checklist item (documents.position) or
None for "other documents"; 'result' for what is handed back. When a dossier is digitised
is services/digitisation.py's rule; `digitisation(code)` reads it for one dossier.

Upload states (sync/attachments.py moves them): pending → uploading (uploaded_bytes) →
uploaded (portal_file_ref), or rejected (upload_error, the portal's message) → pending again
on `retry_upload` (audited). A document attached at another counter of the centre is 'remote'
here (known from the unit's feed, no local content: `open` raises RemoteAttachment) until
`counter_app.sync.attachments.fetch` brings its content (hash checked): then 'uploaded'.

Such a row (source 'portal') follows the portal's lists: when another counter's record no
longer lists its file (removed there, with a reason), it is *withdrawn* here — `listed` 0,
kept for the audit, not digitised, not fetched, `open` raises WithdrawnAttachment — and
comes back if a later record lists it again (sync/attachments.py `follow_lists`).
`WITHDRAWN_SQL` is that one rule, over an attachments row aliased `a`.

A file of a dossier whose record the portal has not accepted yet (its create waits or was
refused) is not sent: it waits for the record (`RECORD_WAITING_SQL`), and goes once the
record is accepted; `list` rows say `waits_for_record` while the portal refused the record
(`RECORD_REFUSED_SQL`: a person must fix and retry it).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from counter_app.capture import sources
from counter_app.capture.pages import DocumentDraft
from counter_app.domain import limits, values
from counter_app.domain.text import nfc
from counter_app.services import digitisation, records
from counter_app.services.errors import InputError, NotFound
from counter_app.services.outbox import RECORD_REFUSED_SQL, RECORD_WAITING_SQL, queue_dossier
from counter_app.store import attachment_files, audit

if TYPE_CHECKING:
    from counter_app.services.front import CounterService

SUBMITTED, RESULT = "submitted", "result"
KINDS = (SUBMITTED, RESULT)
SOURCES = ("scanner", "folder", "file")
UPLOAD_STATES = ("pending", "uploading", "uploaded", "rejected")
REMOTE = "remote"  # attached at another counter: on the portal, not fetched here yet
OTHER_LABEL = "Giấy tờ khác"
RESULT_LABEL = "Kết quả giải quyết"
COLUMNS = (
    "id, kind, item, label, sha256, bytes, pages, source, created_at, created_by, "
    "upload_state, uploaded_bytes, portal_file_ref, upload_error, listed"
)


def is_withdrawn(row: dict[str, Any]) -> bool:
    """`WITHDRAWN_SQL` for a row already read: another counter's file the portal's list of
    its dossier no longer names."""
    return row.get("source") == "portal" and not row.get("listed")


class WithdrawnAttachment(NotFound):
    """Another counter's document that its dossier's list on the portal no longer names (it
    was removed there): kept for the audit, neither opened nor fetched."""

    def __init__(self, attachment_id: int) -> None:
        self.attachment_id = attachment_id
        super().__init__(
            f"Tài liệu số hóa {attachment_id} đã bị gỡ khỏi hồ sơ ở quầy khác (Cổng DVC không "
            "còn liệt kê tệp này); chỉ còn lưu vết / removed from the dossier at another "
            "counter (no longer on the portal's list): kept for the audit only"
        )


class RemoteAttachment(NotFound):
    """The document was attached at another counter and its content is not here yet: fetch
    it from the portal first (counter_app.sync.attachments.fetch)."""

    def __init__(self, attachment_id: int) -> None:
        self.attachment_id = attachment_id
        super().__init__(
            f"Tài liệu số hóa {attachment_id} được đính kèm ở quầy khác, chưa tải về máy này: "
            "cần tải về từ Cổng DVC / attached at another counter, fetch it from the portal first"
        )


@dataclass(frozen=True)
class Digitisation:
    """How far a dossier is digitised: its checklist items with and without a document;
    `missing` and so `submitted_done` follow services/digitisation.py's rule."""

    code: str
    items: int
    missing_items: tuple[int, ...]  # positions of checklist items without a document
    others: int  # submitted documents outside the checklist
    results: int
    missing: int  # digitisation.MISSING_SQL: 0 when the submitted documents are digitised

    @property
    def submitted_done(self) -> bool:
        return self.missing == 0

    @property
    def result_done(self) -> bool:
        return self.results > 0


@dataclass(frozen=True)
class Capture:
    """A document captured before its dossier exists (intake): stored with the dossier."""

    draft: DocumentDraft
    item: int | None  # documents.position of its checklist row; None: "Giấy tờ khác"
    label: str = ""


@dataclass(frozen=True)
class StoredDocument:
    """A captured document whose file is in place (`prepare`), waiting for its row."""

    item: int | None
    label: str
    sha256: str
    size: int  # bytes of the PDF
    pages: int
    source: str


class AttachmentManager:
    def __init__(self, service: CounterService) -> None:
        self._service = service

    # -- files ----------------------------------------------------------------------------
    def files(self) -> attachment_files.AttachmentFiles:
        store = self._service.store
        return attachment_files.AttachmentFiles(attachment_files.root(store.folder), store.key)

    def new_document(self) -> DocumentDraft:
        """An empty document at this counter's resolution and colour mode (settings)."""
        settings = self._service.settings
        return DocumentDraft(dpi=settings.get("capture_dpi"), colour=settings.get("capture_colour"))

    def document_from_files(self, paths: Sequence[Path | str]) -> DocumentDraft:
        """A document of the pages of `paths`, in order (each checked: InputError)."""
        return self.document_from(sources.FileList(paths))

    def document_from(self, source: sources.CaptureSource) -> DocumentDraft:
        """A document of the files a capture source gives (a file list, the watch folder, a
        scanner); the GUI then lets a person reorder, rotate and remove pages."""
        draft = self.new_document()
        draft.add_files((f.name, f.data) for f in source.acquire())
        draft.source = source.source
        return draft

    # -- attaching --------------------------------------------------------------------------
    def attach(
        self,
        code: str,
        document: DocumentDraft | Sequence[Path | str],
        *,
        by: str,
        kind: str = SUBMITTED,
        item: int | None = None,
        label: str = "",
        source: str | None = None,
    ) -> dict[str, Any]:
        """Store one document of dossier `code`; returns its row (with `already_attached`
        True when this very document was attached there before: nothing is written).
        `source`: 'scanner', 'folder' or 'file' (default: where the draft's pages came from)."""
        officer = self._service.staff.get(by)
        if source is None:
            source = document.source if isinstance(document, DocumentDraft) else "file"
        if kind not in KINDS:
            raise InputError("kind", "Loại giấy tờ: 'submitted' (hồ sơ nộp) hoặc 'result'")
        if source not in SOURCES:
            raise InputError("source", "Nguồn: 'scanner', 'folder' hoặc 'file'")
        if kind == RESULT and item is not None:
            raise InputError("item", "Kết quả không thuộc mục nào của danh mục giấy tờ")
        label = values.text(label, "label", max_len=limits.TITLE_MAX)
        conn = self._service.store.read()
        dossier_id = records.dossier_id(conn, code)
        label = label or self._default_label(dossier_id, kind, item)
        draft = document if isinstance(document, DocumentDraft) else None
        if draft is None:
            draft = self.document_from_files(list(document))  # type: ignore[arg-type]
        saved = draft.to_pdf()
        sha256 = attachment_files.digest(saved.pdf)
        existing = self._find(dossier_id, kind, item, sha256)
        if existing is not None:
            return {**existing, "already_attached": True}
        self._check_dossier_room(dossier_id, len(saved.pdf))
        files = self.files()
        files.clear_partials()
        files.put(saved.pdf)  # in place (fsynced) before any row names it
        stored = StoredDocument(item, label, sha256, len(saved.pdf), saved.pages, source)
        with self._service.store.write() as wconn:
            again = self._find(dossier_id, kind, item, sha256, wconn)
            if again is not None:
                return {**again, "already_attached": True}
            self._check_dossier_room(dossier_id, len(saved.pdf), wconn)
            attachment_id = _insert(wconn, dossier_id, stored, kind=kind, by=officer["username"])
            row = self._row(wconn, attachment_id)
        return {**row, "already_attached": False}

    # -- documents captured before their dossier (intake) ----------------------------------
    def prepare(
        self, captures: Sequence[Capture], documents: Sequence[dict[str, Any]]
    ) -> list[StoredDocument]:
        """Before a new dossier's transaction: make each captured document's PDF, check it
        against the dossier's checklist `documents` (positions from 1) and the limits, and put
        its file in place (durable; content-addressed, so a re-run stores it once). InputError
        refuses the whole save before anything is written but spare files."""
        if len(captures) > limits.DOSSIER_ATTACHMENTS_MAX:
            raise InputError(
                "attachments",
                f"Tối đa {limits.DOSSIER_ATTACHMENTS_MAX} tài liệu số hóa cho một hồ sơ / "
                "too many documents for one dossier",
            )
        made = []
        total = 0
        for capture in captures:
            if capture.item is not None and not 1 <= capture.item <= len(documents):
                raise InputError(
                    "attachments",
                    f"Hồ sơ không có mục giấy tờ số {capture.item} / no such checklist item",
                )
            saved = capture.draft.to_pdf()  # InputError: empty or too big
            total += len(saved.pdf)
            made.append((capture, saved))
        if total > limits.DOSSIER_ATTACHMENTS_BYTES_MAX:
            raise InputError(
                "attachments",
                f"Tổng dung lượng tài liệu số hóa {total / 1e6:.1f} MB, tối đa "
                f"{limits.DOSSIER_ATTACHMENTS_BYTES_MAX / 1e6:.0f} MB / the dossier's documents "
                "would be too large",
            )
        files = self.files()
        if made:
            files.clear_partials()
        stored: list[StoredDocument] = []
        for capture, saved in made:
            item = capture.item
            label = values.text(capture.label, "label", max_len=limits.TITLE_MAX)
            if not label:
                label = str(documents[item - 1]["name"]) if item is not None else OTHER_LABEL
            sha256 = files.put(saved.pdf)  # in place (fsynced) before the rows are written
            if any(s.item == item and s.sha256 == sha256 for s in stored):
                continue  # the same document twice on one row: once
            source = capture.draft.source if capture.draft.source in SOURCES else "file"
            stored.append(StoredDocument(item, label, sha256, len(saved.pdf), saved.pages, source))
        return stored

    def record_prepared(
        self, conn: Any, dossier_id: int, stored: Sequence[StoredDocument], *, by: str
    ) -> int:
        """Inside the new dossier's transaction: the rows (sealed by the store) and audit
        records of documents `prepare` put in place; how many."""
        for document in stored:
            _insert(conn, dossier_id, document, kind=SUBMITTED, by=by)
        return len(stored)

    def _default_label(self, dossier_id: int, kind: str, item: int | None) -> str:
        if kind == RESULT:
            return RESULT_LABEL
        if item is None:
            return OTHER_LABEL
        row = (
            self._service.store.read()
            .execute(
                "SELECT name FROM documents WHERE dossier_id = ? AND position = ?",
                (dossier_id, item),
            )
            .fetchone()
        )
        if row is None:
            positions = self._positions(dossier_id)
            raise InputError(
                "item",
                f"Hồ sơ không có mục giấy tờ số {item}"
                + (
                    f" (các mục: {', '.join(str(p) for p in positions)})"
                    if positions
                    else " (danh mục giấy tờ trống)"
                )
                + " / no such checklist item",
            )
        return str(row[0])

    def _positions(self, dossier_id: int) -> list[int]:
        conn = self._service.store.read()
        return [
            r[0]
            for r in conn.execute(
                "SELECT position FROM documents WHERE dossier_id = ? ORDER BY position",
                (dossier_id,),
            )
        ]

    def _check_dossier_room(self, dossier_id: int, size: int, conn: Any = None) -> None:
        conn = conn or self._service.store.read()
        count, total = conn.execute(
            "SELECT count(*), coalesce(sum(bytes), 0) FROM attachments WHERE dossier_id = ?",
            (dossier_id,),
        ).fetchone()
        if count >= limits.DOSSIER_ATTACHMENTS_MAX:
            raise InputError(
                "attachments",
                f"Hồ sơ đã có {count} tài liệu số hóa, tối đa {limits.DOSSIER_ATTACHMENTS_MAX} / "
                "too many documents for one dossier",
            )
        if total + size > limits.DOSSIER_ATTACHMENTS_BYTES_MAX:
            raise InputError(
                "attachments",
                f"Tổng dung lượng tài liệu của hồ sơ sẽ là {(total + size) / 1e6:.1f} MB, tối đa "
                f"{limits.DOSSIER_ATTACHMENTS_BYTES_MAX / 1e6:.0f} MB / the dossier's documents "
                "would be too large",
            )

    def _find(
        self, dossier_id: int, kind: str, item: int | None, sha256: str, conn: Any = None
    ) -> dict[str, Any] | None:
        conn = conn or self._service.store.read()
        row = conn.execute(
            f"SELECT {COLUMNS} FROM attachments WHERE dossier_id = ? AND kind = ? "
            "AND item IS ? AND sha256 = ?",
            (dossier_id, kind, item, sha256),
        ).fetchone()
        return dict(row) if row is not None else None

    def holds(self, code: str, sha256: str, *, kind: str, item: int | None) -> bool:
        """Whether dossier `code` has this very document (its PDF's SHA-256) as `kind`/`item`
        (False when there is no such dossier)."""
        try:
            dossier_id = records.dossier_id(self._service.store.read(), code)
        except NotFound:
            return False
        return self._find(dossier_id, kind, item, sha256) is not None

    def _row(self, conn: Any, attachment_id: int) -> dict[str, Any]:
        row = conn.execute(
            f"SELECT {COLUMNS} FROM attachments WHERE id = ?", (attachment_id,)
        ).fetchone()
        if row is None:
            raise NotFound(f"Không có tài liệu số hóa {attachment_id} / no such attachment")
        return dict(row)

    # -- reading ----------------------------------------------------------------------------
    def list(self, code: str) -> list[dict[str, Any]]:
        """The dossier's documents: submitted ones by checklist item, then results."""
        conn = self._service.store.read()
        dossier_id = records.dossier_id(conn, code)
        waiting = conn.execute(
            f"SELECT {RECORD_REFUSED_SQL} FROM dossiers d WHERE d.id = ?", (dossier_id,)
        ).fetchone()[0]
        rows = conn.execute(
            f"SELECT {COLUMNS} FROM attachments WHERE dossier_id = ? "
            "ORDER BY kind = 'result', item IS NULL, item, id",
            (dossier_id,),
        ).fetchall()
        return [
            {
                **dict(r),
                "withdrawn": is_withdrawn(dict(r)),
                "waits_for_record": bool(waiting) and r["upload_state"] in ("pending", "uploading"),
            }
            for r in rows
        ]

    def get(self, attachment_id: int) -> dict[str, Any]:
        conn = self._service.store.read()
        row = self._row(conn, attachment_id)
        dossier = conn.execute(
            "SELECT d.code FROM attachments a JOIN dossiers d ON d.id = a.dossier_id "
            "WHERE a.id = ?",
            (attachment_id,),
        ).fetchone()
        return {**row, "dossier_code": dossier[0]}

    def open(self, attachment_id: int) -> bytes:
        """The decrypted PDF, its SHA-256 checked (AttachmentFileError when the file is
        missing or altered: `doctor` says which, a backup has it)."""
        row = self.get(attachment_id)
        if is_withdrawn(row):
            raise WithdrawnAttachment(attachment_id)
        if row["upload_state"] == REMOTE:
            raise RemoteAttachment(attachment_id)
        return self.files().read(row["sha256"])

    def digitisation(self, code: str) -> Digitisation:
        """How far dossier `code` is digitised, by services/digitisation.py's SQL rule."""
        conn = self._service.store.read()
        dossier_id = records.dossier_id(conn, code)
        row = conn.execute(
            f"SELECT d.code, {digitisation.MISSING_SQL} AS missing, "
            "(SELECT count(*) FROM documents doc WHERE doc.dossier_id = d.id) AS items, "
            "(SELECT count(*) FROM attachments a WHERE a.dossier_id = d.id "
            f"AND a.kind = 'submitted' AND a.item IS NULL AND {digitisation.HAS_FILE_SQL}) "
            "AS others, (SELECT count(*) FROM attachments a WHERE a.dossier_id = d.id "
            f"AND a.kind = 'result' AND {digitisation.HAS_FILE_SQL}) AS results "
            "FROM dossiers d WHERE d.id = ?",
            (dossier_id,),
        ).fetchone()
        missing_items = tuple(
            r[0]
            for r in conn.execute(
                "SELECT doc.position FROM documents doc WHERE doc.dossier_id = ? "
                f"AND {digitisation.ITEM_MISSING_SQL} ORDER BY doc.position",
                (dossier_id,),
            )
        )
        return Digitisation(
            code=row["code"],
            items=row["items"],
            missing_items=missing_items,
            others=row["others"],
            results=row["results"],
            missing=row["missing"],
        )

    def undigitised_codes(self, codes: Iterable[str]) -> list[str]:
        """Those of `codes` whose submitted documents are not all digitised ("chưa số hóa"),
        in their order, by services/digitisation.py's rule (a query per 500 codes)."""
        wanted = list(dict.fromkeys(codes))
        conn = self._service.store.read()
        missing: dict[str, int] = {}
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            marks = ", ".join("?" * len(chunk))
            sql = f"SELECT d.code, {digitisation.MISSING_SQL} FROM dossiers d WHERE d.code IN ({marks})"
            missing.update((r[0], r[1]) for r in conn.execute(sql, chunk))
        for code in wanted:
            if code not in missing:
                raise NotFound(f"Không tìm thấy hồ sơ '{code}' / dossier not found")
        return [c for c in wanted if missing[c] > 0]

    # -- removing ---------------------------------------------------------------------------
    def remove(self, attachment_id: int, *, by: str, reason: str) -> None:
        """Remove one document of a dossier (audited with its SHA-256 and the reason). Its
        file goes when no other row names the same content; backups keep their copy."""
        officer = self._service.staff.get(by)
        reason = values.text(reason, "reason", max_len=limits.TEXT_MAX, multiline=True)
        if not reason:
            raise InputError("reason", "Cần ghi lý do xóa tài liệu số hóa / a reason is needed")
        with self._service.store.write() as conn:
            row = self._row(conn, attachment_id)
            dossier_id = conn.execute(
                "SELECT dossier_id FROM attachments WHERE id = ?", (attachment_id,)
            ).fetchone()[0]
            conn.execute("DELETE FROM attachments WHERE id = ?", (attachment_id,))
            if row["portal_file_ref"]:  # the portal's record must stop naming it
                queue_dossier(
                    conn,
                    records.load_dossier(conn, dossier_id),
                    unit_code=self._service.settings.get("unit_code"),
                    is_updating=True,
                )
            audit.append(
                conn,
                actor=officer["username"],
                action="attachment.remove",
                entity=_code_of(conn, dossier_id),
                detail={
                    "attachment_id": attachment_id,
                    "sha256": row["sha256"],
                    "kind": row["kind"],
                    "item": row["item"],
                    "reason": reason,
                },
            )
            still_named = conn.execute(
                "SELECT 1 FROM attachments WHERE sha256 = ? LIMIT 1", (row["sha256"],)
            ).fetchone()
        if still_named is None:
            self.files().remove(row["sha256"])  # after COMMIT: a kill before leaves a spare file

    # -- sync (counter_app/sync/attachments.py) ------------------------------------------------
    def upload_queue(self, limit: int = 100) -> list[dict[str, Any]]:
        """Documents not uploaded yet (pending or uploading; rejected wait for a retry), demo
        dossiers' aside (they never leave the machine), and those of dossiers whose record
        the portal has not accepted yet (`RECORD_WAITING_SQL`: they wait for it)."""
        rows = (
            self._service.store.read()
            .execute(
                f"SELECT {COLUMNS} FROM attachments a WHERE upload_state IN "
                "('pending', 'uploading') AND NOT EXISTS (SELECT 1 FROM dossiers d "
                f"WHERE d.id = a.dossier_id AND (d.sync_state = 'local' OR {RECORD_WAITING_SQL})) "
                "ORDER BY id LIMIT ?",
                (limit,),
            )
            .fetchall()
        )
        return [dict(r) for r in rows]

    def set_upload_state(
        self,
        attachment_id: int,
        state: str,
        *,
        uploaded_bytes: int | None = None,
        portal_file_ref: str | None = None,
        error: str = "",
    ) -> dict[str, Any]:
        """Record an upload's progress; 'pending' again is the retry of a rejected one."""
        if state not in UPLOAD_STATES:
            raise InputError("upload_state", f"Trạng thái tải lên không hợp lệ: {state!r}")
        with self._service.store.write() as conn:
            row = self._row(conn, attachment_id)
            done = row["uploaded_bytes"] if uploaded_bytes is None else int(uploaded_bytes)
            if state == "uploaded":
                done = row["bytes"]
            elif state == "pending":
                done = 0
            conn.execute(
                "UPDATE attachments SET upload_state = ?, uploaded_bytes = ?, "
                "portal_file_ref = coalesce(?, portal_file_ref), upload_error = ? WHERE id = ?",
                (state, done, portal_file_ref, nfc(error)[: limits.TEXT_MAX], attachment_id),
            )
            return self._row(conn, attachment_id)

    def retry_upload(self, attachment_id: int, *, by: str) -> dict[str, Any]:
        """Send a rejected document again (after the portal's limit changed, or the cause was
        fixed): pending, from the start; audited. InputError unless it was rejected."""
        officer = self._service.staff.get(by)
        with self._service.store.write() as conn:
            row = self._row(conn, attachment_id)
            if row["upload_state"] != "rejected":
                raise InputError(
                    "upload_state",
                    f"Chỉ gửi lại được tài liệu bị Cổng từ chối (tài liệu {attachment_id} đang "
                    f"'{row['upload_state']}') / only a rejected document can be retried",
                )
            conn.execute(
                "UPDATE attachments SET upload_state = 'pending', uploaded_bytes = 0, "
                "upload_error = '' WHERE id = ?",
                (attachment_id,),
            )
            dossier_id = conn.execute(
                "SELECT dossier_id FROM attachments WHERE id = ?", (attachment_id,)
            ).fetchone()[0]
            audit.append(
                conn,
                actor=officer["username"],
                action="attachment.retry_upload",
                entity=_code_of(conn, dossier_id),
                detail={
                    "attachment_id": attachment_id,
                    "sha256": row["sha256"],
                    "rejected": row["upload_error"],
                },
            )
            return self._row(conn, attachment_id)

    def upload_counts(self) -> dict[str, int]:
        """Documents by upload state, for the status bar and doctor: pending, uploading,
        rejected, remote (not fetched here), uploaded."""
        rows = self._service.store.read().execute(
            "SELECT upload_state, count(*) FROM attachments GROUP BY upload_state"
        )
        counts = {state: 0 for state in (*UPLOAD_STATES, REMOTE)}
        counts.update({state: int(n) for state, n in rows})
        return counts

    def store_fetched(self, attachment_id: int, data: bytes, *, by: str) -> dict[str, Any]:
        """Keep the content of a remote document fetched from the portal: its size and SHA-256
        must be those the feed announced (else AttachmentFileError, nothing kept), then it is
        stored encrypted like any other and the row says 'uploaded'."""
        row = self.get(attachment_id)
        if is_withdrawn(row):
            raise WithdrawnAttachment(attachment_id)
        if row["upload_state"] != REMOTE:
            return row
        if len(data) != row["bytes"] or attachment_files.digest(data) != row["sha256"]:
            raise attachment_files.AttachmentFileError(
                row["sha256"],
                attachment_files.ALTERED,
                f"tải về {len(data)} byte không khớp mã băm / the download does not match",
            )
        self.files().put(data)  # in place before the row says it is here
        with self._service.store.write() as conn:
            conn.execute(
                "UPDATE attachments SET upload_state = 'uploaded', uploaded_bytes = bytes "
                "WHERE id = ? AND upload_state = ? AND listed = 1",
                (attachment_id, REMOTE),
            )
            audit.append(
                conn,
                actor=by,
                action="attachment.fetch",
                entity=row["dossier_code"],
                detail={"attachment_id": attachment_id, "sha256": row["sha256"]},
            )
            return self._row(conn, attachment_id)


def _insert(conn: Any, dossier_id: int, document: StoredDocument, *, kind: str, by: str) -> int:
    """One attachment row and its audit record, in the caller's transaction; its id."""
    cursor = conn.execute(
        "INSERT INTO attachments (dossier_id, kind, item, label, sha256, bytes, pages, "
        "source, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            dossier_id,
            kind,
            document.item,
            document.label,
            document.sha256,
            document.size,
            document.pages,
            document.source,
            records.now_text(),
            by,
        ),
    )
    attachment_id = int(cursor.lastrowid)
    audit.append(
        conn,
        actor=by,
        action="attachment.add",
        entity=_code_of(conn, dossier_id),
        detail={
            "attachment_id": attachment_id,
            "sha256": document.sha256,
            "kind": kind,
            "item": document.item,
            "bytes": document.size,
            "pages": document.pages,
            "source": document.source,
        },
    )
    return attachment_id


def _code_of(conn: Any, dossier_id: int) -> str:
    return conn.execute("SELECT code FROM dossiers WHERE id = ?", (dossier_id,)).fetchone()[0]
