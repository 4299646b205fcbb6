"""`CounterService`: the store plus one manager per use-case area (Anki's `col.decks`)."""

from __future__ import annotations

from pathlib import Path

from counter_app.domain import catalogue as catalogue_rules
from counter_app.services.audit import AuditLog
from counter_app.services.calendar import CalendarManager
from counter_app.services.catalogue import CatalogueManager
from counter_app.services.dossiers import DossierManager
from counter_app.services.drafts import DraftManager
from counter_app.services.intake import IntakeManager
from counter_app.services.prints import Prints
from counter_app.services.search import SearchManager
from counter_app.services.settings import SettingsManager
from counter_app.services.staff import StaffManager
from counter_app.store.database import Store
from counter_app.store.migrations import MigrationProgress


class CounterService:
    def __init__(self, store: Store) -> None:
        self.store = store
        self.settings = SettingsManager(self)
        self.staff = StaffManager(self)
        self.calendar = CalendarManager(self)
        self.catalogue = CatalogueManager(self)
        self.intake = IntakeManager(self)
        self.dossiers = DossierManager(self)
        self.drafts = DraftManager(self)
        self.search = SearchManager(self)
        self.prints = Prints(self)
        self.audit = AuditLog(self)
        if self.store.read().execute("SELECT 1 FROM procedures LIMIT 1").fetchone() is None:
            self.catalogue.import_file(catalogue_rules.seed_path(), actor="system")

    @classmethod
    def open(
        cls,
        folder: Path,
        *,
        lock_timeout: float = 0.0,
        migration_progress: MigrationProgress | None = None,
    ) -> CounterService:
        """`migration_progress(what, done, total)`: see Store (long schema upgrades)."""
        return cls(Store(folder, lock_timeout=lock_timeout, migration_progress=migration_progress))

    def close(self) -> None:
        self.store.close()
