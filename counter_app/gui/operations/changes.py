"""What a finished write touched: the one notification views refresh on."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class OpChanges:
    """Published once per successful write on `ctx.signals.changed`; views filter it."""

    dossiers: frozenset[str] = frozenset()
    all_dossiers: bool = False
    settings: bool = False
    staff: bool = False
    catalogue: bool = False
    calendar: bool = False
    # Published for what a sync pass did (not a local write): the sync engine is not
    # nudged again by it.
    from_sync: bool = False

    @classmethod
    def for_dossier(cls, code: str) -> OpChanges:
        """One dossier, or every dossier when `code` is empty."""
        return cls(dossiers=frozenset({code})) if code else cls(all_dossiers=True)

    def touches_dossier(self, code: str) -> bool:
        return self.all_dossiers or code in self.dossiers

    @property
    def any_dossier(self) -> bool:
        return self.all_dossiers or bool(self.dossiers)

    @property
    def is_local_dossier_write(self) -> bool:
        """A write at this counter that the portal should hear about soon."""
        return self.any_dossier and not self.from_sync


def changes_from_sync_pass(report: Any) -> OpChanges | None:
    """What a finished sync pass (`counter_app.sync.status.PassReport`) changed, or None.

    The portal's answers change the sync state of the dossiers sent (Chờ gửi -> Đã đồng bộ,
    Cổng từ chối), the pull changes statuses, adds online and other counters' dossiers and
    may bring a new catalogue: every screen showing any of that reloads.
    """
    touched = (
        report.sent
        or report.rejected
        or report.pulled_changes
        or report.conflicts
        or report.online_received
        or report.centre_received
        or report.centre_applied
    )
    catalogue = report.catalogue_version is not None
    if not touched and not catalogue:
        return None
    return OpChanges(all_dossiers=bool(touched), catalogue=catalogue, from_sync=True)
