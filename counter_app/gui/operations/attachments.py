"""Digitised documents (issue 16): taking pages in, checking, attaching, listing, opening and
removing a dossier's documents (`service.attachments`, services/attachments.py).

Pages are decoded and checked off the GUI thread (Pillow, pypdf and scanimage can take
seconds); the `DocumentDraft` they go into is the capture dialog's model, touched by one op at
a time while the dialog waits. With an `OpenCapture`, the files taken in and the draft's
layout are durable before the pages are shown, and every edit's layout is written in turn
(services/open_captures.py): ops run one after the other, in the order they were started.

The documents captured at intake (services/attachments.py `Capture`) are stored by the
intake's own save (operations/intake.py), in the dossier's transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from counter_app.capture import scanners, sources
from counter_app.capture.pages import DocumentDraft, SavedDocument
from counter_app.gui.context import AppContext
from counter_app.gui.operations import CoreOp, OpChanges, QueryOp
from counter_app.services import CounterService
from counter_app.services.open_captures import OpenCapture, Recovered
from counter_app.sync import attachments as attachments_sync


def add_pages(
    *,
    ctx: AppContext,
    parent: object,
    capture: OpenCapture | None,
    draft: DocumentDraft | None,
    source: sources.CaptureSource,
) -> QueryOp[tuple[DocumentDraft, list[sources.CapturedFile]]]:
    """Acquire a source's files and append their pages to `draft` (a new one at the counter's
    resolution when None): all of them or none (InputError, ScannerUnavailable); with
    `capture`, spooled first. Returns the draft and the files taken (the watch folder moves
    them once the document is kept)."""
    return QueryOp(
        ctx=ctx,
        parent=parent,
        op=lambda service: service.open_captures.take(capture, draft, source),
    )


def record_open_capture(
    *, ctx: AppContext, parent: object, capture: OpenCapture, draft: DocumentDraft
) -> QueryOp[None]:
    """Write the draft's layout as it is now (after a move, turn or removal)."""
    layout, files = draft.layout(), draft.used_files()  # now, on the GUI thread
    return QueryOp(
        ctx=ctx,
        parent=parent,
        op=lambda service: service.open_captures.record(capture, layout, files),
    )


def clear_open_capture(*, ctx: AppContext, parent: object, capture: OpenCapture) -> QueryOp[bool]:
    """The dialog was cancelled, or its document is safe: its open capture goes."""
    return QueryOp(ctx=ctx, parent=parent, op=lambda service: service.open_captures.clear(capture))


def recover_open_capture(
    *, ctx: AppContext, parent: object, officer: str, at: str
) -> QueryOp[Recovered | None]:
    """The officer's capture left open `at` the intake or a dossier by a crash, rebuilt."""
    return QueryOp(
        ctx=ctx, parent=parent, op=lambda service: service.open_captures.recover(officer, at=at)
    )


def check_document(
    *, ctx: AppContext, parent: object, draft: DocumentDraft
) -> QueryOp[SavedDocument]:
    """The document's PDF as it would be stored (InputError when empty or too big)."""
    return QueryOp(ctx=ctx, parent=parent, op=lambda _service: draft.to_pdf())


def scanner_devices(*, ctx: AppContext, parent: object) -> QueryOp[list[tuple[str, str]]]:
    """The scanners found: SANE, or WIA on Windows (ScannerUnavailable without either)."""
    return QueryOp(ctx=ctx, parent=parent, op=lambda _service: scanners.scanner_devices())


def scan_pages(
    *,
    ctx: AppContext,
    parent: object,
    capture: OpenCapture | None,
    draft: DocumentDraft | None,
    device: str,
) -> QueryOp[tuple[DocumentDraft, list[sources.CapturedFile]]]:
    """Scan with `device` at the counter's resolution and colour mode, adding the pages."""

    def op(service: CounterService) -> tuple[DocumentDraft, list[sources.CapturedFile]]:
        settings = service.settings
        source = scanners.scanner_for(
            device, dpi=settings.get("capture_dpi"), colour=settings.get("capture_colour")
        )
        return service.open_captures.take(capture, draft, source)

    return QueryOp(ctx=ctx, parent=parent, op=op)


def watch_folder_files(
    *, ctx: AppContext, parent: object, watch: sources.WatchFolder, code: str
) -> QueryOp[list[Path]]:
    """Complete files in the scan folder for dossier `code` (or, with no code, for the
    dossier being received: files whose name names no dossier)."""

    def op(_service: CounterService) -> list[Path]:
        return [p for p in watch.ready() if watch.dossier_for(p) in {code, watch.receiving}]

    return QueryOp(ctx=ctx, parent=parent, op=op)


def done_with_scans(
    *, ctx: AppContext, parent: object, watch: sources.WatchFolder, files: Sequence[Any]
) -> QueryOp[list[Path]]:
    """Move the scan-folder files of a kept document to processed/."""
    return QueryOp(ctx=ctx, parent=parent, op=lambda _service: watch.done_with(list(files)))


def list_attachments(
    *, ctx: AppContext, parent: object, code: str
) -> QueryOp[list[dict[str, Any]]]:
    return QueryOp(ctx=ctx, parent=parent, op=lambda service: service.attachments.list(code))


def open_attachment(*, ctx: AppContext, parent: object, attachment_id: int) -> QueryOp[bytes]:
    """The decrypted PDF (AttachmentFileError when missing or altered)."""
    return QueryOp(
        ctx=ctx, parent=parent, op=lambda service: service.attachments.open(attachment_id)
    )


def fetch_and_open(
    *, ctx: AppContext, parent: object, code: str, attachment_id: int
) -> CoreOp[bytes]:
    """A document attached at another counter (state 'remote'): downloaded from the portal
    (size and SHA-256 checked, kept encrypted here), then opened; network I/O, so off the GUI
    thread like every op. DownloadMismatch / PortalError / InputError (no portal) on failure."""

    def op(service: CounterService) -> bytes:
        attachments_sync.fetch(service, attachment_id)
        return service.attachments.open(attachment_id)

    return CoreOp(ctx=ctx, parent=parent, op=op, changes=OpChanges.for_dossier(code))


def retry_upload(
    *, ctx: AppContext, parent: object, code: str, attachment_id: int, by: str
) -> CoreOp[dict[str, Any]]:
    """Send a document the portal refused again (audited; the next sync pass uploads it)."""
    return CoreOp(
        ctx=ctx,
        parent=parent,
        op=lambda service: service.attachments.retry_upload(attachment_id, by=by),
        changes=OpChanges.for_dossier(code),
    )


def attach(
    *,
    ctx: AppContext,
    parent: object,
    code: str,
    draft: DocumentDraft,
    by: str,
    kind: str = "submitted",
    item: int | None = None,
    label: str = "",
) -> CoreOp[dict[str, Any]]:
    """Store one document of dossier `code`."""
    return CoreOp(
        ctx=ctx,
        parent=parent,
        op=lambda service: service.attachments.attach(
            code, draft, by=by, kind=kind, item=item, label=label
        ),
        changes=OpChanges.for_dossier(code),
    )


def remove_attachment(
    *, ctx: AppContext, parent: object, code: str, attachment_id: int, by: str, reason: str
) -> CoreOp[None]:
    return CoreOp(
        ctx=ctx,
        parent=parent,
        op=lambda service: service.attachments.remove(attachment_id, by=by, reason=reason),
        changes=OpChanges.for_dossier(code),
    )
