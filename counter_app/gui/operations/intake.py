"""Intake use cases: what the screen needs to open, its drafts, and recording a dossier."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from counter_app.capture.pages import DocumentDraft
from counter_app.domain import addresses, clock
from counter_app.domain.appointments import WorkCalendar
from counter_app.forms.print_setup import print_choice
from counter_app.forms.registry import FORMS
from counter_app.gui.context import AppContext
from counter_app.gui.operations import CoreOp, OpChanges, QueryOp
from counter_app.gui.widgets.messages import error_text
from counter_app.services import CounterService
from counter_app.services.attachments import Capture
from counter_app.services.open_captures import FOR_DOSSIER


@dataclass
class Recorded:
    """A dossier just recorded, and its printed form (None with `pdf_error` when the form
    failed to render: the dossier is saved either way and can be printed from its detail)."""

    dossier: dict[str, Any]
    warnings: list[Any]
    form: str
    pdf: bytes | None = None
    pdf_error: str = ""
    paper: str = "a4"
    copies: tuple[str, ...] = field(default_factory=tuple)
    direct: bool = False  # the form's printer is set to print without preview
    attached: int = 0  # captured documents stored with the dossier (same transaction)


def load_intake(*, ctx: AppContext, parent: object, officer: str) -> QueryOp[dict[str, Any]]:
    """The catalogue, the work calendar and the officer's draft with its captured documents
    (indexes warmed off the GUI; the capture spool's old orphans removed), and a capture the
    officer left open for a dossier (`open_for_dossier`: (OpenCapture, pages) or None)."""

    def op(service: CounterService) -> dict[str, Any]:
        calendar = service.calendar.work_calendar()
        calendar.due_at(clock.now(), 1, "working_days")  # warm the holiday tables
        addresses.find_communes("a", limit=1)  # build the commune index off the GUI thread
        with contextlib.suppress(OSError):  # a crash's captured documents no draft names
            service.drafts.clean_spool()
        pending = service.open_captures.pending(officer)
        return {
            "procedures": service.catalogue.procedures(),
            "calendar": calendar,
            "draft": service.drafts.load(officer),
            "open_for_dossier": pending if pending and pending[0].at == FOR_DOSSIER else None,
        }

    return QueryOp(ctx=ctx, parent=parent, op=op)


def load_calendar(
    *, ctx: AppContext, parent: object
) -> QueryOp[tuple[WorkCalendar, list[dict[str, Any]]]]:
    """The work calendar and the catalogue again (after settings or holidays changed)."""
    return QueryOp(
        ctx=ctx,
        parent=parent,
        op=lambda service: (service.calendar.work_calendar(), service.catalogue.procedures()),
    )


def load_draft(*, ctx: AppContext, parent: object, officer: str) -> QueryOp[dict[str, Any] | None]:
    return QueryOp(ctx=ctx, parent=parent, op=lambda service: service.drafts.load(officer))


# Drafts are the screen's own scratch space: no other view shows them, so their writes
# run as plain jobs and publish no change.
def save_draft(
    *,
    ctx: AppContext,
    parent: object,
    officer: str,
    draft: dict[str, Any],
    on_saved: Callable[[None], Any],
    on_failed: Callable[[BaseException], Any],
) -> None:
    """Write the draft in the background; once the background thread is shut down (the
    app closing), write it here and now, and never fail the closing."""
    op = QueryOp(ctx=ctx, parent=parent, op=lambda service: service.drafts.save(officer, draft))
    try:
        op.success(on_saved).failure(on_failed).run_in_background()
    except RuntimeError:
        try:
            ctx.service.drafts.save(officer, draft)
        except Exception:  # noqa: BLE001 - last resort at shutdown; never crash closing
            pass


def clear_draft(
    *, ctx: AppContext, parent: object, officer: str, spool: bool = False
) -> QueryOp[None]:
    """Remove the officer's draft; with `spool` its captured documents too (services/drafts)."""
    op = QueryOp(
        ctx=ctx, parent=parent, op=lambda service: service.drafts.clear(officer, spool=spool)
    )
    return op.failure(lambda _exc: None)


def spool_capture(
    *, ctx: AppContext, parent: object, officer: str, draft: DocumentDraft
) -> QueryOp[dict[str, Any]]:
    """Keep a document captured at intake in the officer's spool (encrypted, durable) at
    once; its entry for the draft (services/drafts.py `spool`)."""
    return QueryOp(ctx=ctx, parent=parent, op=lambda service: service.drafts.spool(officer, draft))


def _render(service: CounterService, recorded: Recorded, **options: Any) -> Recorded:
    try:  # rendered from what was recorded
        recorded.pdf = service.prints.render(recorded.dossier, recorded.form, **options)
    except Exception as exc:  # the dossier is saved; the form can be printed again
        recorded.pdf_error = error_text(exc)
    return recorded


def _dossier_changes(recorded: Recorded) -> OpChanges:
    return OpChanges.for_dossier(recorded.dossier["code"])


def receive_and_print(
    *,
    ctx: AppContext,
    parent: object,
    data: dict[str, Any],
    captures: Sequence[Capture] = (),
) -> CoreOp[Recorded]:
    """Record the dossier (status 2) with its captured documents in one transaction (a
    document that cannot be stored refuses the whole save) and render its Mẫu 01."""

    def op(service: CounterService) -> Recorded:
        result = service.intake.receive(data, captures=captures)
        choice = print_choice(service.settings.all(), "receipt")
        recorded = Recorded(
            result.dossier,
            list(result.warnings),
            "receipt",
            paper=choice.paper,
            copies=FORMS["receipt"].copies,
            direct=choice.direct,
            attached=result.attached,
        )
        return _render(service, recorded, paper=choice.paper)

    return CoreOp(ctx=ctx, parent=parent, op=op, changes=_dossier_changes)


def receive_with_status(
    *,
    ctx: AppContext,
    parent: object,
    data: dict[str, Any],
    target: int,
    by: str,
    reason: str,
    documents: list[Any] | None,
    form: str,
    copies: tuple[str, ...],
    captures: Sequence[Capture] = (),
) -> CoreOp[Recorded]:
    """Record the dossier at `target` with its captured documents in one transaction, then
    render `form`."""

    def op(service: CounterService) -> Recorded:
        result = service.intake.receive_with_status(
            data, int(target), by=by, reason=reason, documents=documents, captures=captures
        )
        choice = print_choice(service.settings.all(), form)
        recorded = Recorded(
            result.dossier,
            list(result.warnings),
            form,
            copies=copies,
            direct=choice.direct,
            attached=result.attached,
        )
        return _render(service, recorded)

    return CoreOp(ctx=ctx, parent=parent, op=op, changes=_dossier_changes)


def rerender_receipt(*, dossier: dict[str, Any], ctx: AppContext) -> Callable[[str], bytes]:
    """For the preview's paper switch (it runs `render(paper)` through operations.prints)."""
    service = ctx.service
    return lambda paper: service.prints.render(dossier, "receipt", paper=paper)
