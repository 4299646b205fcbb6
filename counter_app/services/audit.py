"""Checking the audit log's hash chain."""

from __future__ import annotations

from typing import TYPE_CHECKING

from counter_app.store import audit

if TYPE_CHECKING:
    from counter_app.services.front import CounterService


class AuditLog:
    def __init__(self, service: CounterService) -> None:
        self._service = service

    def verify(self) -> audit.AuditReport:
        return audit.verify(self._service.store.read())
