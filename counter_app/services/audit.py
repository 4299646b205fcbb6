"""Checking the audit trail: its keyed hash chain, and its records against the live rows."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from counter_app.store import audit

if TYPE_CHECKING:
    from counter_app.services.front import CounterService


class AuditLog:
    def __init__(self, service: CounterService) -> None:
        self._service = service

    def verify(self) -> audit.AuditReport:
        store = self._service.store
        return audit.verify(store.read(), store.audit_key)

    def head(self) -> tuple[int, str] | None:
        """(row id, hash) of the chain's last row: what a sync batch anchors at the portal."""
        return audit.head(self._service.store.read())

    def verify_against(self, heads: Iterable[Mapping[str, Any]]) -> audit.AuditReport:
        """The local check plus the heads the portal stored for this counter (truncation,
        rollback to an old backup, a replaced database)."""
        report = self.verify()
        anchored = audit.verify_anchors(self._service.store.read(), heads)
        problems = report.problems + anchored
        return audit.AuditReport(ok=not problems, rows=report.rows, problems=problems)
