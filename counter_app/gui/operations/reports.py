"""The centre's figures for the dashboard, the register and the fee summary, and writing
them to files."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from counter_app.gui.context import AppContext
from counter_app.gui.operations import QueryOp
from counter_app.services.ledgers import FeeSummary, RegisterBook
from counter_app.services.reports import CentreFigures


def centre_figures(
    *, ctx: AppContext, parent: object, date_from: date, date_to: date
) -> QueryOp[CentreFigures]:
    return QueryOp(
        ctx=ctx,
        parent=parent,
        op=lambda service: service.reports.centre_figures(date_from, date_to),
    )


def export_figures(
    *, ctx: AppContext, parent: object, figures: CentreFigures, path: Path, fmt: str
) -> QueryOp[Path]:
    """Write a file, change no data: a query on the DB thread, off the GUI thread."""
    from counter_app.services.report_export import export

    return QueryOp(ctx=ctx, parent=parent, op=lambda _service: export(figures, path, fmt))


def register_book(
    *, ctx: AppContext, parent: object, date_from: date, date_to: date
) -> QueryOp[RegisterBook]:
    return QueryOp(
        ctx=ctx, parent=parent, op=lambda service: service.reports.register(date_from, date_to)
    )


def fee_summary(
    *, ctx: AppContext, parent: object, date_from: date, date_to: date
) -> QueryOp[FeeSummary]:
    return QueryOp(
        ctx=ctx, parent=parent, op=lambda service: service.reports.fees(date_from, date_to)
    )


def export_ledger(
    *, ctx: AppContext, parent: object, book: RegisterBook | FeeSummary, path: Path, fmt: str
) -> QueryOp[Path]:
    """The register or the fee summary to .xlsx/.csv (a query: no data changes)."""
    from counter_app.services.ledger_export import export_fees, export_register

    write = export_register if isinstance(book, RegisterBook) else export_fees
    return QueryOp(ctx=ctx, parent=parent, op=lambda _service: write(book, path, fmt))  # type: ignore[arg-type]


def render_register(
    *, ctx: AppContext, parent: object, date_from: date, date_to: date
) -> QueryOp[bytes]:
    """Mẫu 07 of the period as PDF, for the preview (printed on the register's printer)."""
    return QueryOp(
        ctx=ctx, parent=parent, op=lambda service: service.prints.register(date_from, date_to)
    )


def render_handover_list(*, ctx: AppContext, parent: object, day: date) -> QueryOp[bytes]:
    """The day's list of dossiers handed over to the back office, as PDF."""
    return QueryOp(ctx=ctx, parent=parent, op=lambda service: service.prints.handover_list(day))
