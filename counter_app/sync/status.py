"""What the sync engine reports; light to import (the GUI shows it before sync starts)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from counter_app.clock import CLOCK_SKEW_LIMIT


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

    @property
    def clock_skew_warning(self) -> bool:
        return (
            self.clock_skew_seconds is not None and abs(self.clock_skew_seconds) > CLOCK_SKEW_LIMIT
        )
