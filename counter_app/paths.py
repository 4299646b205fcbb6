"""Where the app keeps its data: platformdirs, overridable for tests and portable installs."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "counter-app"
DATA_DIR_ENV = "COUNTER_APP_DATA"


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """--data-dir wins, then $COUNTER_APP_DATA, then the platform's user data folder."""
    if override:
        return Path(override).expanduser().resolve()
    if os.environ.get(DATA_DIR_ENV):
        return Path(os.environ[DATA_DIR_ENV]).expanduser().resolve()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def db_path(folder: Path) -> Path:
    return folder / "counter.db"


def backups_dir(folder: Path) -> Path:
    return folder / "backups"


def logs_dir(folder: Path) -> Path:
    return folder / "logs"
