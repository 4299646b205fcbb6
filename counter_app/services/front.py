"""`CounterService`: the store plus one manager per use-case area (Anki's `col.decks`)."""

from __future__ import annotations

import importlib
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from counter_app.domain import catalogue as catalogue_rules
from counter_app.services.audit import AuditLog
from counter_app.services.calendar import CalendarManager
from counter_app.services.catalogue import CatalogueManager
from counter_app.services.dossiers import DossierManager
from counter_app.services.intake import IntakeManager
from counter_app.services.search import SearchManager
from counter_app.services.settings import SettingsManager
from counter_app.services.staff import StaffManager
from counter_app.store.database import ReadOnlyStore, Store
from counter_app.store.migrations import SCHEMA_VERSION, MigrationProgress

if TYPE_CHECKING:
    from counter_app.services.attachments import AttachmentManager
    from counter_app.services.drafts import DraftManager
    from counter_app.services.open_captures import OpenCaptureManager
    from counter_app.services.prints import Prints
    from counter_app.services.reports import ReportsManager

_FIRST_USE = threading.RLock()  # one manager may use another as it is made


class _OnFirstUse:
    """A manager whose module is imported when it is first used, not at start: the forms
    (ReportLab, ~350 ms to import), the digitised documents (the capture, spool and
    attachment modules) and the reports are not needed to show the window. Made once per
    service, under a lock (the DB, sync and GUI threads share a service)."""

    def __init__(self, module: str, name: str) -> None:
        self._module, self._name = module, name

    def __set_name__(self, owner: type, attribute: str) -> None:
        self._attribute = "_" + attribute

    def __get__(self, service: Any, owner: type | None = None) -> Any:
        if service is None:
            return self
        manager = service.__dict__.get(self._attribute)
        if manager is None:
            with _FIRST_USE:
                manager = service.__dict__.get(self._attribute)
                if manager is None:
                    manager_class = getattr(importlib.import_module(self._module), self._name)
                    manager = service.__dict__[self._attribute] = manager_class(service)
        return manager


class CounterService:
    prints: Prints = _OnFirstUse("counter_app.services.prints", "Prints")  # type: ignore[assignment]
    attachments: AttachmentManager = _OnFirstUse(  # type: ignore[assignment]
        "counter_app.services.attachments", "AttachmentManager"
    )
    drafts: DraftManager = _OnFirstUse("counter_app.services.drafts", "DraftManager")  # type: ignore[assignment]
    open_captures: OpenCaptureManager = _OnFirstUse(  # type: ignore[assignment]
        "counter_app.services.open_captures", "OpenCaptureManager"
    )
    reports: ReportsManager = _OnFirstUse("counter_app.services.reports", "ReportsManager")  # type: ignore[assignment]

    def __init__(self, store: Store) -> None:
        self.store = store
        self.settings = SettingsManager(self)
        self.staff = StaffManager(self)
        self.calendar = CalendarManager(self)
        self.catalogue = CatalogueManager(self)
        self.intake = IntakeManager(self)
        self.dossiers = DossierManager(self)
        self.search = SearchManager(self)
        self.audit = AuditLog(self)
        if self.store.readonly:
            return
        if self.store.read().execute("SELECT 1 FROM procedures LIMIT 1").fetchone() is None:
            self.catalogue.import_file(catalogue_rules.seed_path(), actor="system")

    @classmethod
    def open(
        cls,
        folder: Path,
        *,
        lock_timeout: float = 0.0,
        migration_progress: MigrationProgress | None = None,
        plain_backups: str | None = None,
    ) -> CounterService:
        """`migration_progress(what, done, total)`, `plain_backups`: see Store (long schema
        upgrades; encrypting a plain database)."""
        return cls(
            Store(
                folder,
                lock_timeout=lock_timeout,
                migration_progress=migration_progress,
                plain_backups=plain_backups,
            )
        )

    @classmethod
    def open_for_reading(cls, folder: Path, *, lock_timeout: float = 0.0) -> CounterService:
        """For read-only use cases: no folder lock, so it works beside the running app.

        A folder that still needs its migrations (or has no database yet) is opened as
        the writer instead, which migrates it under the lock.
        """
        try:
            store = ReadOnlyStore(folder)
        except FileNotFoundError:
            return cls.open(folder, lock_timeout=lock_timeout)
        if store.schema_version != SCHEMA_VERSION:
            store.close()
            return cls.open(folder, lock_timeout=lock_timeout)
        return cls(store)

    def close(self) -> None:
        self.store.close()
