"""What the sync engine and a sync pass report; light to import (the GUI shows it before sync
starts)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from counter_app.domain import clock
from counter_app.domain.clock import CLOCK_SKEW_LIMIT
from counter_app.store import driver as sqlite3

if TYPE_CHECKING:  # the client pulls in requests; the GUI imports this module at start
    from counter_app.portal.errors import PortalError


@dataclass(frozen=True)
class SyncStatus:
    state: str  # disabled | offline | syncing | synced | error
    pending: int = 0
    rejected: int = 0
    conflicts: int = 0
    last_success: datetime | None = None
    clock_skew_seconds: float | None = None
    message: str = ""
    oldest_pending: datetime | None = None
    # digitised documents (sync/attachments.py): waiting to upload, being uploaded, refused
    files_pending: int = 0
    files_uploading: int = 0
    files_rejected: int = 0

    @property
    def clock_skew_warning(self) -> bool:
        return (
            self.clock_skew_seconds is not None and abs(self.clock_skew_seconds) > CLOCK_SKEW_LIMIT
        )


@dataclass
class PassReport:
    """What one sync pass did; `error` is the portal failure that ended it, if any."""

    sent: int = 0
    rejected: int = 0
    pulled_changes: int = 0
    conflicts: int = 0
    online_received: int = 0
    centre_received: int = 0  # other counters' dossiers copied here (sync/centre.py)
    centre_applied: int = 0  # other counters' changes applied to local copies
    catalogue_version: str | None = None
    clock_skew_seconds: float | None = None
    error: PortalError | None = None  # the first failure; `failures` has each step's
    rejected_messages: list[tuple[str, str]] = field(default_factory=list)
    quarantined: int = 0  # portal items set aside in this pass (sync/quarantine.py)
    warnings: list[str] = field(default_factory=list)
    failures: list[tuple[str, PortalError]] = field(default_factory=list)  # (step, error)
    files_uploaded: int = 0  # documents committed on the portal in this pass
    files_rejected: int = 0  # documents the portal refused (their message in rejected_messages)
    files_deferred: int = 0  # left for the next pass by the per-pass budget
    centre_files: int = 0  # other counters' documents recorded here ('remote')

    @property
    def unreachable(self) -> bool:
        return self.error is not None and self.error.retryable


def queue_counts(conn: sqlite3.Connection) -> dict[str, object]:
    """The outbox as people see it: waiting (pending or in flight), rejected, conflicts; and
    the digitised documents waiting, being uploaded, refused (files_*)."""
    counts = dict(
        conn.execute(
            "SELECT state, count(*) FROM outbox WHERE state IN ('pending', 'sending', 'rejected') "
            "GROUP BY state"
        ).fetchall()
    )
    oldest = conn.execute(
        "SELECT min(created_at) FROM outbox WHERE state IN ('pending', 'sending')"
    ).fetchone()[0]
    conflicts = conn.execute(
        "SELECT count(*) FROM dossiers WHERE sync_state = 'conflict'"
    ).fetchone()[0]
    files: dict[str, int] = {}
    has_attachments = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'attachments'"
    ).fetchone()
    if has_attachments is not None:  # doctor may read a database of an older schema
        files = dict(
            conn.execute(
                "SELECT upload_state, count(*) FROM attachments WHERE upload_state IN "
                "('pending', 'uploading', 'rejected') GROUP BY upload_state"
            ).fetchall()
        )
    return {
        "files_pending": files.get("pending", 0),
        "files_uploading": files.get("uploading", 0),
        "files_rejected": files.get("rejected", 0),
        "pending": counts.get("pending", 0) + counts.get("sending", 0),
        "rejected": counts.get("rejected", 0),
        "conflicts": conflicts,
        "oldest_pending": clock.from_storage(oldest) if oldest else None,
    }
