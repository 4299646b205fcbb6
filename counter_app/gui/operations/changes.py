"""What a finished write touched: the one notification views refresh on."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class OpChanges:
    """Published once per successful write on `ctx.signals.changed`; views filter it."""

    dossiers: frozenset[str] = frozenset()
    all_dossiers: bool = False
    settings: bool = False
    staff: bool = False
    catalogue: bool = False
    calendar: bool = False

    @classmethod
    def for_dossier(cls, code: str) -> OpChanges:
        """One dossier, or every dossier when `code` is empty."""
        return cls(dossiers=frozenset({code})) if code else cls(all_dossiers=True)

    def touches_dossier(self, code: str) -> bool:
        return self.all_dossiers or code in self.dossiers

    @property
    def any_dossier(self) -> bool:
        return self.all_dossiers or bool(self.dossiers)
