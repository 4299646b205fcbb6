"""Dossier use cases: read one, change its status, move its appointment, record a hand-over,
retry a rejected sync."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from counter_app.gui import sync_status
from counter_app.gui.context import AppContext
from counter_app.gui.operations import CoreOp, OpChanges, QueryOp
from counter_app.gui.widgets.messages import error_text
from counter_app.services import CounterService


def load_dossier(
    *, ctx: AppContext, parent: object, code: str
) -> QueryOp[tuple[dict[str, Any], list]]:
    """The dossier and the status codes it may move to now."""
    return QueryOp(
        ctx=ctx,
        parent=parent,
        op=lambda service: (service.dossiers.get(code), service.dossiers.allowed_actions(code)),
    )


def change_status(
    *,
    ctx: AppContext,
    parent: object,
    code: str,
    target: int,
    by: str,
    reason: str = "",
    collected_by: str = "",
    collected_id_number: str = "",
    documents: list[dict[str, Any]] | None = None,
    form: str = "",
) -> CoreOp[dict[str, Any]]:
    """Move the dossier to `target`; with `form`, also render that printed form.

    The result is {"dossier", "pdf", "pdf_error"}: a form that fails to render does not
    undo the saved change (it can be printed again from the dossier).
    """

    def op(service: CounterService) -> dict[str, Any]:
        dossier = service.dossiers.change_status(
            code,
            target,
            by=by,
            reason=reason,
            collected_by=collected_by,
            collected_id_number=collected_id_number,
            documents=documents,
        )
        out: dict[str, Any] = {"dossier": dossier, "pdf": None, "pdf_error": ""}
        if form:
            try:  # rendered from what was recorded (the event's reason and documents)
                out["pdf"] = service.prints.render(dossier, form)
            except Exception as exc:  # the status change is saved; the form can be redone
                out["pdf_error"] = error_text(exc)
        return out

    return CoreOp(ctx=ctx, parent=parent, op=op, changes=OpChanges.for_dossier(code))


def move_due(
    *, ctx: AppContext, parent: object, code: str, new_due: datetime, by: str, reason: str
) -> CoreOp[dict[str, Any]]:
    return CoreOp(
        ctx=ctx,
        parent=parent,
        op=lambda service: service.dossiers.move_due(code, new_due, by=by, reason=reason),
        changes=OpChanges.for_dossier(code),
    )


def record_handover(
    *,
    ctx: AppContext,
    parent: object,
    code: str,
    direction: str,
    agency: str,
    giver: str,
    receiver: str,
    by: str,
    notes: str = "",
) -> CoreOp[str]:
    """One hand-over of this dossier to the deciding agency ('out') or back ('back');
    the result is the batch key the daily hand-over list groups by."""
    return CoreOp(
        ctx=ctx,
        parent=parent,
        op=lambda service: service.dossiers.record_handover(
            [code],
            direction=direction,
            agency=agency,
            giver=giver,
            receiver=receiver,
            by=by,
            notes=notes,
        ),
        changes=OpChanges.for_dossier(code),
    )


def load_awaiting_handover(
    *, ctx: AppContext, parent: object, day: date
) -> QueryOp[tuple[list[dict[str, Any]], str]]:
    """The dossiers received on `day` not yet handed over, and the usual agency."""
    return QueryOp(
        ctx=ctx,
        parent=parent,
        op=lambda service: (
            service.dossiers.awaiting_handover(day),
            service.dossiers.last_handover_agency(),
        ),
    )


def record_batch_handover(
    *,
    ctx: AppContext,
    parent: object,
    codes: list[str],
    agency: str,
    giver: str,
    receiver: str,
    by: str,
    notes: str = "",
) -> CoreOp[str]:
    """The day's hand-over of many dossiers to the back office as one batch (its key)."""
    return CoreOp(
        ctx=ctx,
        parent=parent,
        op=lambda service: service.dossiers.record_handover(
            list(codes),
            direction="out",
            agency=agency,
            giver=giver,
            receiver=receiver,
            by=by,
            notes=notes,
        ),
        changes=OpChanges(dossiers=frozenset(codes)),
    )


def retry_rejected(*, ctx: AppContext, parent: object, code: str, actor: str) -> CoreOp[int]:
    """Queue a dossier the portal rejected for another push."""
    return CoreOp(
        ctx=ctx,
        parent=parent,
        op=lambda service: sync_status.retry_rejected(service, code, actor=actor),
        changes=OpChanges.for_dossier(code),
    )
