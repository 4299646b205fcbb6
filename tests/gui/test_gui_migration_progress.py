"""The window shown while an existing data folder is upgraded at start-up."""

from __future__ import annotations

from pathlib import Path

import sqlite_utils

from counter_app.gui.dialogs.migration_progress import STEP_LABELS, MigrationProgressWindow
from counter_app.ops import startup
from counter_app.store.migrations import SCHEMA_VERSION, apply_migration


def _old_folder(folder: Path) -> None:
    folder.mkdir(parents=True)
    db = sqlite_utils.Database(folder / "counter.db")
    for version in range(1, SCHEMA_VERSION):
        apply_migration(version, db)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION - 1}")
    db.conn.commit()
    db.close()


def test_upgrade_shows_progress_then_closes(qtbot, tmp_path: Path) -> None:
    folder = tmp_path / "data"
    _old_folder(folder)
    window = MigrationProgressWindow()
    seen: list[tuple[str, int, int]] = []

    def progress(what: str, done: int, total: int) -> None:
        window(what, done, total)
        seen.append((what, done, total))

    opened = startup.open_data_folder(str(folder), migration_progress=progress)
    try:
        assert opened.service.store.schema_version == SCHEMA_VERSION
        assert seen and seen[0][0] == "backup" and window.shown
        # last, every row sealed again, with its own label (minutes at 1M)
        assert seen[-1][0] == "seals" and seen[-1][1] == seen[-1][2]
        assert window._dialog.labelText() == STEP_LABELS["seals"]
        window.close()
        assert not window.shown
    finally:
        opened.service.close()


def test_nothing_shows_for_a_folder_that_needs_no_upgrade(qtbot, tmp_path: Path) -> None:
    window = MigrationProgressWindow()
    opened = startup.open_data_folder(str(tmp_path / "new"), migration_progress=window)
    opened.service.close()
    assert not window.shown
