"""Anchoring the audit chain at the portal (issue 11): every sync request carries the chain's
current head (PortalClient.audit_head → X-Audit-Head), and `audit verify --against-portal`
checks the file against the history of heads the portal kept for this counter."""

from __future__ import annotations

from counter_app.portal.client import PortalClient
from counter_app.services import CounterService
from counter_app.store.audit import AuditReport


def counter_identity(service: CounterService) -> tuple[str, int] | None:
    unit = service.settings.get("unit_code")
    counter = service.settings.get("counter")
    if not unit or not counter:
        return None
    return str(unit), int(counter)


def note_head(service: CounterService, client: PortalClient) -> None:
    """Give the client the chain's head as it stands (called on the sync thread before its
    requests: the client itself never reads the database)."""
    identity = counter_identity(service)
    head = service.audit.head()
    client.audit_head = (*identity, *head) if identity and head else None


def verify_against_portal(service: CounterService, client: PortalClient) -> AuditReport:
    """The local check plus the portal's heads for this counter; a counter not set up is
    reported, never silently passed."""
    identity = counter_identity(service)
    if identity is None:
        report = service.audit.verify()
        problems = [
            *report.problems,
            "Quầy chưa cấu hình đơn vị/số quầy: không đối chiếu được với Cổng / the counter "
            "is not set up: nothing to compare with the portal",
        ]
        return AuditReport(ok=False, rows=report.rows, problems=problems)
    heads = client.fetch_audit_heads(*identity)
    return service.audit.verify_against(heads)
