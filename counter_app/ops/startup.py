"""Opening the data folder when the desktop app starts (the real one or the training one).

The GUI asks for the folder here instead of reaching into the store: which folder (paths),
the single-writer lock and the schema check are start-up concerns, and the two ways the
folder can refuse to open arrive as one `FolderRefused`.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import platformdirs

from counter_app.services import CounterService
from counter_app.store import paths
from counter_app.store.database import DatabaseDamaged, SchemaTooNew
from counter_app.store.driver import EncryptionKeyError
from counter_app.store.folder_identity import DatabaseLost
from counter_app.store.folder_lock import DataFolderLocked
from counter_app.store.migrations import MigrationProgress


class FolderRefused(RuntimeError):
    """The data folder cannot be opened now.

    `locked`: another window (or user) holds it; `lost`: the folder held data but its
    database is missing, empty, replaced or damaged (restore a backup); `needs_key`: the
    database is encrypted and this account has not its key (unlock with the recovery key);
    otherwise it was written by a newer version.
    """

    def __init__(
        self, details: str, *, locked: bool, lost: bool = False, needs_key: bool = False
    ) -> None:
        super().__init__(details)
        self.locked = locked
        self.lost = lost
        self.needs_key = needs_key


@dataclass
class OpenedFolder:
    folder: Path
    service: CounterService
    logs: Path
    training: Any = None  # what the training opener returned (gui/training.TrainingEnvironment)


def training_folder(data_dir_override: str | None = None) -> Path:
    """The training folder: next to an explicit data folder, else its own platform folder."""
    if data_dir_override or os.environ.get(paths.DATA_DIR_ENV):
        return paths.data_dir(data_dir_override).parent / "demo"
    return Path(platformdirs.user_data_dir("counter-app-demo", appauthor=False))


def open_data_folder(
    data_dir_override: str | None = None,
    *,
    training: Callable[[Path], Any] | None = None,
    migration_progress: MigrationProgress | None = None,
) -> OpenedFolder:
    """Open the counter's data folder; with `training`, the training folder through it.

    `migration_progress(what, done, total)` hears how a schema upgrade of an existing folder
    goes (the pre-migration backup, then e.g. rebuilding the search index): the GUI shows it.

    `training(folder)` prepares the training folder and returns an object with `.service`.
    Raises FolderRefused when the folder is locked or too new.
    """
    try:
        if training is not None:
            folder = training_folder(data_dir_override)
            environment = training(folder)
            service = environment.service
        else:
            folder = paths.data_dir(data_dir_override)
            environment = None
            service = CounterService.open(folder, migration_progress=migration_progress)
    except DataFolderLocked as exc:
        raise FolderRefused(str(exc), locked=True) from exc
    except SchemaTooNew as exc:
        raise FolderRefused(str(exc), locked=False) from exc
    except (DatabaseLost, DatabaseDamaged) as exc:
        raise FolderRefused(str(exc), locked=False, lost=True) from exc
    except EncryptionKeyError as exc:
        raise FolderRefused(str(exc), locked=False, needs_key=True) from exc
    return OpenedFolder(
        folder=folder, service=service, logs=paths.logs_dir(folder), training=environment
    )
