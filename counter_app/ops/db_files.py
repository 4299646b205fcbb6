"""The app's database files opened outside the store: read-only, and written durably.

Backups, restore and the doctor read a data folder's database (or a backup) without the
store's migrations and lock, so they can run beside a running app or on a damaged folder.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from counter_app.store import db_key, durable
from counter_app.store import driver as sqlite3


def open_readonly(path: Path, keys: Sequence[bytes] = ()) -> sqlite3.Connection:
    """A read-only connection with rows by name; never writes, never creates the file.

    `keys`: the keys that may open it (an encrypted file); a plain file (a backup made
    before encryption) opens without. None fitting raises sqlite3.EncryptionKeyError."""
    try:
        conn = sqlite3.open_file(path, keys, isolation_level=None)
    except sqlite3.EncryptionKeyError:
        raise
    except sqlite3.OperationalError:
        # read-only medium with a WAL-mode file and no -shm: read the file as it is
        conn = sqlite3.open_file(path, keys, isolation_level=None, immutable=True)
    conn.row_factory = sqlite3.Row
    return conn


def folder_keys(folder: Path) -> list[bytes]:
    """The keys of a data folder's database and backups (empty when it has none)."""
    return db_key.folder_keys(Path(folder))


def read_settings(conn: sqlite3.Connection) -> dict[str, Any]:
    """The settings table as stored (JSON values decoded), or {} when it cannot be read."""
    try:
        rows = conn.execute("SELECT key, value FROM settings").fetchall()
    except sqlite3.DatabaseError:
        return {}
    values: dict[str, Any] = {}
    for key, value in rows:
        try:
            values[key] = json.loads(value)
        except (TypeError, ValueError):
            values[key] = value
    return values


def fsync_file(path: Path) -> None:
    """Flush a backup or restored file before it is renamed into place (best effort: a second
    folder on a share may refuse fsync, and the copy is still checked after)."""
    try:
        durable.fsync_file(path)
    except OSError:
        pass
