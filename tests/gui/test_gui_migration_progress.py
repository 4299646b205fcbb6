"""The window shown while an existing data folder is upgraded at start-up."""

from __future__ import annotations

from pathlib import Path

import sqlite_utils
from old_schemas import folder_at
from PySide6.QtCore import QCoreApplication

from counter_app.gui.dialogs.migration_progress import STEP_LABELS, MigrationProgressWindow
from counter_app.ops import startup
from counter_app.store import migrations
from counter_app.store.migrations import MIGRATIONS, SCHEMA_VERSION, apply_migration

COUNTER_COLUMN = MIGRATIONS.index(migrations._v10_dossiers_receiving_counter) + 1


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
        # last, the seals of the rows the migrations rewrote (none here), with its own label
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


def test_the_seal_check_before_an_upgrade_has_its_own_label(qtbot, tmp_path: Path) -> None:
    """A folder from before the receiving counter (v10 rewrites its dossiers): their seals are
    checked first, then the backup, the migrations, and those rows are sealed again."""
    folder = folder_at(tmp_path / "data", COUNTER_COLUMN - 1)
    window = MigrationProgressWindow()
    labels: dict[str, str] = {}

    def progress(what: str, done: int, total: int) -> None:
        window(what, done, total)
        labels[what] = window._dialog.labelText()

    opened = startup.open_data_folder(str(folder), migration_progress=progress)
    try:
        assert list(labels) == ["seal-check", "backup", "search index", "digitisation", "seals"]
        assert labels == {what: STEP_LABELS[what] for what in labels}
    finally:
        window.close()
        opened.service.close()


def test_every_step_label_has_its_english_translation(qapp) -> None:
    from counter_app.gui import i18n

    assert i18n.install_translator("en")
    try:
        for label in STEP_LABELS.values():
            english = QCoreApplication.translate("MigrationProgress", label)
            assert english == label.split(" / ", 1)[1]
    finally:
        i18n.install_translator("vi")
