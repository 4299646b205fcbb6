"""Printed forms: render them for the preview, print or save them, log every printed copy."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from counter_app.forms.print_setup import print_choice
from counter_app.gui.context import AppContext
from counter_app.gui.operations import CoreOp, OpChanges, QueryOp
from counter_app.services import CounterService
from counter_app.store import file_modes


def render_first_receipt(
    *, ctx: AppContext, parent: object, code: str
) -> QueryOp[tuple[bytes, str, dict[str, Any]] | None]:
    """Mẫu 01 as first printed (pdf, paper, dossier), or None when it was printed before."""

    def op(service: CounterService) -> tuple[bytes, str, dict[str, Any]] | None:
        paper = service.settings.get("paper")
        first = service.prints.first_print(code, "receipt", paper=paper)
        return None if first is None else (first[0], paper, first[1])

    return QueryOp(ctx=ctx, parent=parent, op=op)


def render_receipt_reprint(
    *, ctx: AppContext, parent: object, code: str
) -> QueryOp[tuple[bytes, str, dict[str, Any]]]:
    """Mẫu 01 marked "BẢN IN LẠI", on the receipt's paper: (pdf, paper, dossier)."""

    def op(service: CounterService) -> tuple[bytes, str, dict[str, Any]]:
        dossier = service.dossiers.get(code)
        paper = print_choice(service.settings.all(), "receipt").paper
        return service.prints.render(dossier, "receipt", paper=paper, reprint=True), paper, dossier

    return QueryOp(ctx=ctx, parent=parent, op=op)


def render_control_sheet(*, ctx: AppContext, parent: object, code: str) -> QueryOp[bytes]:
    return QueryOp(
        ctx=ctx,
        parent=parent,
        op=lambda service: service.prints.render(service.dossiers.get(code), "control"),
    )


def render_form(*, ctx: AppContext, parent: object, code: str, form: str) -> QueryOp[bytes]:
    """One form of the table, from what the dossier recorded (not logged: the preview does)."""
    return QueryOp(
        ctx=ctx,
        parent=parent,
        op=lambda service: service.prints.render(service.dossiers.get(code), form),
    )


def rerender(*, ctx: AppContext, parent: object, render: Any, paper: str) -> QueryOp[bytes]:
    """The same form again on another paper size (`render(paper)` from the opener)."""
    return QueryOp(ctx=ctx, parent=parent, op=lambda _service: render(paper))


def send_to_printer(
    *, ctx: AppContext, parent: object | None, pdf: bytes, printer: Any
) -> QueryOp[int]:
    """Rasterise and print (on the DB thread, like every slow job); the result is the pages."""
    from counter_app.gui.dialogs.preview import print_pdf

    return QueryOp(ctx=ctx, parent=parent, op=lambda _service: print_pdf(pdf, printer))


def send_to_queue(
    *, ctx: AppContext, parent: object | None, pdf: bytes, queue: str, copies: int, title: str
) -> QueryOp[int]:
    """Queue the PDF itself on a CUPS queue (lp); the result is the copies sent."""
    from counter_app.forms.spooler import submit_pdf

    def op(_service: CounterService) -> int:
        submit_pdf(pdf, queue=queue, copies=copies, title=title)
        return copies

    return QueryOp(ctx=ctx, parent=parent, op=op)


def save_pdf(*, ctx: AppContext, parent: object, pdf: bytes, target: Path) -> QueryOp[Path]:
    """Write the PDF next to `target` first, then replace it: no half-written file."""

    def op(_service: CounterService) -> Path:
        partial = target.with_name(target.name + ".part")
        file_modes.write_private_bytes(partial, pdf)
        os.replace(partial, target)
        return target

    return QueryOp(ctx=ctx, parent=parent, op=op)


def record_print(
    *,
    ctx: AppContext,
    parent: object | None,
    code: str,
    form: str,
    officer: str,
    copies: Sequence[str],
    paper: str,
    reprint_reason: str = "",
) -> CoreOp[None]:
    """Log the printed copies in the dossier's print log."""
    return CoreOp(
        ctx=ctx,
        parent=parent,
        op=lambda service: service.prints.record(
            code,
            form=form,
            officer=officer,
            copies=copies,
            paper=paper,
            reprint_reason=reprint_reason,
        ),
        changes=OpChanges.for_dossier(code),
    )


def render_handover_batch(*, ctx: AppContext, parent: object, batch: str) -> QueryOp[bytes]:
    """The daily hand-over list of exactly one recorded batch."""
    return QueryOp(
        ctx=ctx, parent=parent, op=lambda service: service.prints.handover_batch_list(batch)
    )


def record_batch_print(
    *,
    ctx: AppContext,
    parent: object | None,
    batch: str,
    officer: str,
    copies: Sequence[str],
    paper: str,
) -> CoreOp[None]:
    """Log the printed hand-over list in the print log of every dossier of the batch."""
    return CoreOp(
        ctx=ctx,
        parent=parent,
        op=lambda service: service.prints.record_batch(
            batch, form="handover", officer=officer, copies=list(copies), paper=paper
        ),
        changes=OpChanges(all_dossiers=True),
    )
