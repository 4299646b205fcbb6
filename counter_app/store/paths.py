"""Where the app keeps its data: platformdirs, overridable for tests and portable installs."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "counter-app"
DATA_DIR_ENV = "COUNTER_APP_DATA"
LOG_DIR_ENV = "COUNTER_APP_LOGS"


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """--data-dir wins, then $COUNTER_APP_DATA, then the platform's user data folder."""
    if override:
        return Path(override).expanduser().resolve()
    if os.environ.get(DATA_DIR_ENV):
        return Path(os.environ[DATA_DIR_ENV]).expanduser().resolve()
    return default_data_dir()


def default_data_dir() -> Path:
    """The platform's user data folder (e.g. ~/.local/share/counter-app, %LOCALAPPDATA%)."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def db_path(folder: Path) -> Path:
    return folder / "counter.db"


def backups_dir(folder: Path) -> Path:
    return folder / "backups"


def logs_dir(folder: Path) -> Path:
    """Log files of the data folder `folder`.

    $COUNTER_APP_LOGS wins. The platform's data folder logs to the platform's user log
    folder (e.g. ~/.local/state/counter-app/log, %LOCALAPPDATA%\\counter-app\\Logs); any
    other data folder (--data-dir, $COUNTER_APP_DATA: tests, portable installs, training)
    keeps its logs beside its data in `<folder>/logs`, so everything stays together.
    """
    if os.environ.get(LOG_DIR_ENV):
        return Path(os.environ[LOG_DIR_ENV]).expanduser().resolve()
    if _same_path(Path(folder), default_data_dir()):
        return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))
    return Path(folder) / "logs"


def _same_path(a: Path, b: Path) -> bool:
    try:
        return a.expanduser().resolve() == b.expanduser().resolve()
    except OSError:
        return a == b
