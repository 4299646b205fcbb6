"""Half-filled intake forms, one per officer, and their captured documents: the service's door
to store/drafts and store/capture_spool.

A draft may name documents captured at intake in its `captures` map (capture key ->
{"sha256", "pages", "source"}); their PDFs wait in the officer's spool (`spool`), are given
back with the draft (`load`: under CAPTURED, DocumentDrafts ready for the screen) and go when
the dossier is saved or the draft discarded (`clear(..., spool=True)`).

A capture dialog that was still open at intake when the app died (services/open_captures.py)
belongs to the draft too: `load` gives it back under OPEN_CAPTURE (even with no form to
offer), and it goes with the draft's other documents.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from counter_app.capture.pages import DocumentDraft
from counter_app.services.open_captures import AT_INTAKE
from counter_app.store import attachment_files, capture_spool, drafts

if TYPE_CHECKING:
    from counter_app.services.front import CounterService

CAPTURES = capture_spool.DRAFT_KEY  # the draft's map of spooled documents
CAPTURED = "_captured"  # load(): capture key -> DocumentDraft (not saved)
CAPTURES_LOST = "_captures_lost"  # load(): how many named documents could not be read
OPEN_CAPTURE = "_open_capture"  # load(): the capture dialog open at intake (Recovered) or None
LOADED_ONLY = (CAPTURED, CAPTURES_LOST, OPEN_CAPTURE)  # never saved
SPOOLED_NAME = "tai-lieu-da-so-hoa.pdf"  # the pages' origin once brought back


class DraftManager:
    def __init__(self, service: CounterService) -> None:
        self._service = service

    def _spool(self, officer: str) -> attachment_files.AttachmentFiles:
        store = self._service.store
        return capture_spool.files(store.folder, store.key, officer)

    def load(self, officer: str) -> dict[str, Any] | None:
        """The officer's draft (with `_updated_at`), or None; the documents it names are
        under CAPTURED (those that could not be read counted in CAPTURES_LOST), the capture
        dialog open at intake under OPEN_CAPTURE (then the draft may have nothing else)."""
        draft = drafts.load_draft(self._service, officer) if officer else None
        recovered = self._service.open_captures.recover(officer, at=AT_INTAKE) if officer else None
        if draft is None and recovered is None:
            return None
        draft = draft if draft is not None else {}
        draft[OPEN_CAPTURE] = recovered
        named = draft.get(CAPTURES)
        documents: dict[str, DocumentDraft] = {}
        lost = 0
        if isinstance(named, dict):
            spool = self._spool(officer)
            for key, entry in named.items():
                try:
                    pdf = spool.read(str(entry["sha256"]))
                    document = self._service.attachments.new_document()
                    document.add_file(SPOOLED_NAME, pdf)
                    document.source = str(entry.get("source") or "file")
                except Exception:  # noqa: BLE001 - missing, altered or unreadable: say how many
                    lost += 1
                    continue
                documents[str(key)] = document
        draft[CAPTURED] = documents
        draft[CAPTURES_LOST] = lost
        return draft

    def save(self, officer: str, draft: dict[str, Any]) -> None:
        """Replace the officer's draft. Spooled documents it no longer names (one captured
        again) stay until the dossier is saved or the draft discarded: a document still being
        spooled is not named yet, and must not be taken for an old one."""
        saved = {k: v for k, v in draft.items() if k not in LOADED_ONLY}
        drafts.save_draft(self._service, officer, saved)

    def clear(self, officer: str, *, spool: bool = False) -> None:
        """Remove the officer's draft; with `spool`, their spooled documents too (the dossier
        was saved with them, or the draft was discarded), and a capture left open at intake.
        Without it they stay while the screen may still bring the form back (Ctrl+N's undo):
        the next save or discard of that officer's draft, or the orphan cleaning, removes
        them."""
        drafts.clear_draft(self._service, officer)
        if spool:
            capture_spool.remove(self._service.store.folder, officer)
            self._service.open_captures.discard(officer, at=AT_INTAKE)

    def spool(self, officer: str, document: DocumentDraft) -> dict[str, Any]:
        """Keep a document captured at intake durably, as the PDF it will be stored as
        (InputError when empty or too big); its entry for the draft's CAPTURES map."""
        saved = document.to_pdf()
        sha256 = self._spool(officer).put(saved.pdf)
        return {"sha256": sha256, "pages": saved.pages, "source": document.source}

    def clean_spool(self, max_age_days: float = capture_spool.ORPHAN_DAYS) -> int:
        """Remove open captures untouched for `max_age_days` (with their files) and spooled
        files no draft or open capture names, older than that; how many."""
        stale = self._service.open_captures.clean_stale(max_age_days)
        return stale + capture_spool.clean(
            self._service.store.folder, self.spool_names(), max_age_days=max_age_days
        )

    def spool_orphans(self) -> list[capture_spool.Orphan]:
        """Spooled files no draft or open capture names (any age), for doctor."""
        return capture_spool.orphans(self._service.store.folder, self.spool_names())

    def spool_names(self) -> dict[str, set[str]]:
        """Owner folder -> the sha256 its officer's draft (or open capture) names."""
        return capture_spool.named(self._service.store.read())
