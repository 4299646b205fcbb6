"""Issue 11: the recovery key of a new data folder, shown once at start with a print button;
a folder whose key this account lacks refuses to open with the unlock instruction."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from counter_app.gui.dialogs.recovery_key import RecoveryKeyDialog
from counter_app.ops import startup
from counter_app.store import db_key

SHOTS = os.environ.get("COUNTER_APP_SHOTS")


def test_a_new_folder_has_a_recovery_key_to_show_and_print(qtbot, tmp_path: Path) -> None:
    opened = startup.open_data_folder(str(tmp_path / "data"))
    try:
        shown = opened.service.store.recovery_key_created
        assert shown and db_key.parse_recovery_key(shown) == opened.service.store.key
    finally:
        opened.service.close()
    dialog = RecoveryKeyDialog(shown, "Trung tâm Phục vụ hành chính công phường Hoàn Kiếm")
    qtbot.addWidget(dialog)
    dialog.show()
    label = dialog.key_label.text()
    assert label.replace("\n", "") == shown  # every group, on two lines
    page = dialog.page_document().toPlainText()
    assert "".join(page.split()).find(shown) >= 0 and "Hoàn Kiếm" in page
    assert dialog.print_button.isEnabled()
    if SHOTS:
        dialog.grab().save(str(Path(SHOTS) / "recovery-key.png"))
    reopened = startup.open_data_folder(str(tmp_path / "data"))
    try:
        assert reopened.service.store.recovery_key_created is None  # once
    finally:
        reopened.service.close()


def test_a_folder_without_its_key_is_refused_with_the_unlock_instruction(
    qtbot, tmp_path: Path
) -> None:
    folder = tmp_path / "data"
    startup.open_data_folder(str(folder)).service.close()
    moved = tmp_path / "moved"
    shutil.copytree(folder, moved, ignore=shutil.ignore_patterns("counter-secrets.json"))
    with pytest.raises(startup.FolderRefused) as refused:
        startup.open_data_folder(str(moved))
    assert refused.value.needs_key and not refused.value.lost and not refused.value.locked
    assert "unlock --recovery-key" in str(refused.value)
