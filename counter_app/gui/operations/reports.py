"""The centre's figures for the dashboard, and writing them to a file."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from counter_app.gui.context import AppContext
from counter_app.gui.operations import QueryOp
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
