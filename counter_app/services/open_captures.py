"""A capture dialog still open, kept across a kill or power cut (issue 16).

While a person assembles a document in the capture dialog, every file taken in (chosen,
dropped, scanned, from the scan folder) is written to the officer's open-capture spool as it
came (store/capture_spool.py: encrypted, content-addressed, so a file added twice is stored
once) in the same background step that adds its pages — before they are shown — and the
draft's layout (capture/pages.py `layout()`) is written after every add, move, turn and
removal: a small row of `drafts` under `capture:<officer>` (store/drafts.py CAPTURE). The
row also says where the dialog was opened (`OpenCapture`): at intake (the checklist row's
capture key and label) or for a dossier (its code, the kind of document, the item, the label).

After a crash `recover` rebuilds the draft from the row and the files (the same pages, the
same PDF bytes); a page whose file cannot be read is counted, not fatal. The screen reopens
the dialog where it was (gui/intake/captures.py, gui/dossier/documents_tab.py) and the
officer keeps or cancels. The row and its files go when the dialog is cancelled, or once the
kept document is itself safe (in the intake draft's spool, or stored with its dossier):
`clear`, for that dialog's session only. A kill in between leaves a row whose document is
already kept: `recover` sees the same PDF there and clears it instead of offering it twice.
One open capture per officer (the dialog is modal); one untouched for
capture_spool.ORPHAN_DAYS days is removed with its files (`clean_stale`).
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from counter_app.capture import scanners, sources
from counter_app.capture.pages import DocumentDraft
from counter_app.domain.values import InputError
from counter_app.services.attachments import SUBMITTED
from counter_app.store import attachment_files, capture_spool, drafts
from counter_app.store.drafts import CAPTURE

if TYPE_CHECKING:
    from counter_app.services.front import CounterService

AT_INTAKE, FOR_DOSSIER = "intake", "dossier"
CAPTURE_KEY = "capture"  # the row's OpenCapture


def new_session() -> str:
    return uuid.uuid4().hex


@dataclass(frozen=True)
class OpenCapture:
    """Whose capture dialog, opened where; `session` tells one dialog from the next."""

    officer: str
    at: str  # AT_INTAKE or FOR_DOSSIER
    label: str = ""
    key: str = ""  # at intake: the checklist row's capture key
    code: str = ""  # for a dossier: its code
    kind: str = SUBMITTED  # for a dossier: 'submitted' or 'result'
    item: int | None = None  # for a dossier: the checklist item (None: other, or the result)
    session: str = field(default_factory=new_session)

    @classmethod
    def at_intake(cls, officer: str, key: str, label: str) -> OpenCapture:
        return cls(officer, AT_INTAKE, label, key=key)

    @classmethod
    def for_dossier(
        cls, officer: str, code: str, *, kind: str, item: int | None, label: str
    ) -> OpenCapture:
        return cls(officer, FOR_DOSSIER, label, code=code, kind=kind, item=item)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        del data["officer"]
        return data

    @classmethod
    def from_dict(cls, officer: str, data: Mapping[str, Any]) -> OpenCapture:
        item = data.get("item")
        return cls(
            officer,
            str(data.get("at") or AT_INTAKE),
            str(data.get("label") or ""),
            key=str(data.get("key") or ""),
            code=str(data.get("code") or ""),
            kind=str(data.get("kind") or SUBMITTED),
            item=int(item) if item is not None else None,
            session=str(data.get("session") or new_session()),
        )


@dataclass
class Recovered:
    """An open capture brought back: its dialog's draft, and how many pages were lost."""

    capture: OpenCapture
    draft: DocumentDraft
    lost: int
    updated_at: str = ""


class OpenCaptureManager:
    def __init__(self, service: CounterService) -> None:
        self._service = service

    def _files(self, officer: str) -> attachment_files.AttachmentFiles:
        store = self._service.store
        return capture_spool.files(store.folder, store.key, officer, CAPTURE)

    # -- while the dialog is open -----------------------------------------------------------
    def take(
        self,
        capture: OpenCapture | None,
        draft: DocumentDraft | None,
        source: sources.CaptureSource,
    ) -> tuple[DocumentDraft, list[sources.CapturedFile]]:
        """Acquire a source's files and append their pages to `draft` (a new one at the
        counter's resolution when None): all of them or none (InputError,
        ScannerUnavailable). With `capture`, the files and the new layout are durable before
        this returns (else the draft is as it was, and the error raised). Returns the draft
        and the files taken (the watch folder moves them once the document is kept)."""
        document = draft if draft is not None else self._service.attachments.new_document()
        files = source.acquire()
        if not files:
            raise scanners.ScannerUnavailable("Không nhận được trang nào / no pages came in")
        before = (list(document.pages), dict(document.files), document.takes, document.source)
        empty = not document.pages
        document.add_files((f.name, f.data) for f in files)
        if empty:
            document.source = source.source
        if capture is not None:
            try:
                self.record(capture, document.layout(), document.used_files())
            except BaseException:
                document.pages, document.files, document.takes, document.source = before
                raise
        return document, files

    def record(
        self, capture: OpenCapture, layout: dict[str, Any], files: Mapping[str, bytes]
    ) -> None:
        """Write the files `layout` names that are not spooled yet, then the layout itself
        (after an add, a move, a turn, a removal): durable when this returns."""
        spool = self._files(capture.officer)
        for sha256 in capture_spool.layout_files({capture_spool.LAYOUT_KEY: layout}):
            if not spool.has(sha256):
                spool.put(files[sha256])
        drafts.save_draft(
            self._service,
            capture.officer,
            {CAPTURE_KEY: capture.to_dict(), capture_spool.LAYOUT_KEY: layout},
            kind=CAPTURE,
        )

    # -- after a crash ----------------------------------------------------------------------
    def pending(self, officer: str) -> tuple[OpenCapture, int] | None:
        """The officer's open capture and its page count, read from its row only."""
        data = drafts.load_draft(self._service, officer, kind=CAPTURE) if officer else None
        if data is None:
            return None
        layout = data.get(capture_spool.LAYOUT_KEY)
        pages = layout.get("pages") if isinstance(layout, dict) else None
        return OpenCapture.from_dict(officer, data.get(CAPTURE_KEY) or {}), len(pages or [])

    def load(self, officer: str) -> Recovered | None:
        """The officer's open capture rebuilt from its files (None when there is none)."""
        data = drafts.load_draft(self._service, officer, kind=CAPTURE) if officer else None
        if data is None:
            return None
        capture = OpenCapture.from_dict(officer, data.get(CAPTURE_KEY) or {})
        layout = data.get(capture_spool.LAYOUT_KEY)
        layout = layout if isinstance(layout, dict) else {}
        try:
            draft, lost = DocumentDraft.from_layout(layout, self._files(officer).read)
        except (InputError, TypeError, ValueError):  # a resolution or colour no longer valid
            draft, lost = self._service.attachments.new_document(), len(layout.get("pages") or [])
        return Recovered(capture, draft, lost, str(data.get("_updated_at") or ""))

    def recover(self, officer: str, *, at: str | None = None) -> Recovered | None:
        """The officer's open capture (only one opened `at` there, when given) to reopen;
        None when there is none, or when its document turns out to be kept already (a kill
        after the keep, before the clear): that one is cleared."""
        found = self.pending(officer)
        if found is None or at is not None and found[0].at != at:
            return None
        recovered = self.load(officer)
        if recovered is None:
            return None
        if not recovered.draft.pages and not recovered.lost or self._already_kept(recovered):
            self.clear(recovered.capture)
            return None
        return recovered

    def _already_kept(self, recovered: Recovered) -> bool:
        try:
            sha256 = attachment_files.digest(recovered.draft.to_pdf().pdf)
        except InputError:
            return False
        capture = recovered.capture
        if capture.at == AT_INTAKE:
            draft = drafts.load_draft(self._service, capture.officer) or {}
            entry = (draft.get(capture_spool.DRAFT_KEY) or {}).get(capture.key)
            return isinstance(entry, dict) and entry.get("sha256") == sha256
        return self._service.attachments.holds(
            capture.code, sha256, kind=capture.kind, item=capture.item
        )

    # -- closing ----------------------------------------------------------------------------
    def clear(self, capture: OpenCapture) -> bool:
        """The dialog was cancelled, or its document is safe: its row and files go (not
        those of a later dialog of the same officer); whether they went."""
        removed = drafts.clear_draft(
            self._service,
            capture.officer,
            kind=CAPTURE,
            when=lambda data: (data.get(CAPTURE_KEY) or {}).get("session") == capture.session,
        )
        if removed:
            capture_spool.remove(self._service.store.folder, capture.officer, CAPTURE)
        return removed

    def discard(self, officer: str, *, at: str | None = None) -> bool:
        """Whatever capture the officer has open (only one opened `at` there, when given)
        goes with its files: its intake draft was discarded or saved."""
        removed = drafts.clear_draft(
            self._service,
            officer,
            kind=CAPTURE,
            when=None if at is None else lambda data: (data.get(CAPTURE_KEY) or {}).get("at") == at,
        )
        if removed:
            capture_spool.remove(self._service.store.folder, officer, CAPTURE)
        return removed

    def clean_stale(self, max_age_days: float = capture_spool.ORPHAN_DAYS) -> int:
        """Remove the open captures untouched for `max_age_days`, with their files; how many."""
        conn = self._service.store.read()
        old = [
            officer
            for officer, data in capture_spool.open_captures(conn)
            if capture_spool.stale(data, max_age_days=max_age_days)
        ]
        return sum(self.discard(officer) for officer in old)
