"""Sync problems as people see them: dossiers the portal refused or that clash with it, and the
portal's items set aside because they do not fit their declared shape."""

from __future__ import annotations

from typing import Any

from counter_app.gui import sync_status
from counter_app.gui.context import AppContext
from counter_app.gui.operations import QueryOp

SyncProblems = tuple[list[dict[str, Any]], list[dict[str, Any]]]


def load_sync_problems(*, ctx: AppContext, parent: object) -> QueryOp[SyncProblems]:
    """(dossiers with a rejection or a conflict, quarantined portal items), newest items first."""

    def op(service: Any) -> SyncProblems:
        from counter_app.sync.quarantine import list_quarantined

        return sync_status.rejected_rows(service), list_quarantined(service)

    return QueryOp(ctx=ctx, parent=parent, op=op)
