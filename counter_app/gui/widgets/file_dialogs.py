"""The file dialogs: always Qt's own (widget) dialogs, never the platform's native ones.

A native dialog speaks the operating system's language, and many commune offices run an
English Windows; Qt's dialog speaks the interface language (Vietnamese through our
resources/i18n/qtbase_vi.ts), looks the same on every counter and can be tested offscreen.
Every "Lưu…" / "Chọn tệp…" in the GUI goes through these functions.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

OPTIONS = QFileDialog.Option.DontUseNativeDialog


def save_file_name(parent: QWidget | None, title: str, suggested: str | Path, filters: str) -> str:
    """Ask where to save (Qt's dialog, `suggested` pre-filled); "" when cancelled."""
    path, _selected = QFileDialog.getSaveFileName(
        parent, title, str(suggested), filters, "", OPTIONS
    )
    return path


def open_file_name(parent: QWidget | None, title: str, folder: str | Path, filters: str) -> str:
    """Ask for an existing file (Qt's dialog); "" when cancelled."""
    path, _selected = QFileDialog.getOpenFileName(parent, title, str(folder), filters, "", OPTIONS)
    return path


def open_file_names(
    parent: QWidget | None, title: str, folder: str | Path, filters: str
) -> list[str]:
    """Ask for one or more existing files (Qt's dialog); [] when cancelled."""
    paths, _selected = QFileDialog.getOpenFileNames(
        parent, title, str(folder), filters, "", OPTIONS
    )
    return list(paths)
