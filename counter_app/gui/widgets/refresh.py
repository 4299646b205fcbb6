"""Screens over core data: a change reloads a visible screen at once; a hidden one is
only marked stale and reloads when it is shown next (no work for screens nobody sees)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QWidget


class RefreshWhenShown(QObject):
    """Watches `screen` (its parent): `core_changed()` reloads it now or on its next show.

    `stale` starts True when the screen has not loaded anything yet; the screen calls
    `mark_fresh()` whenever it reloads by itself (F5, a timer, a filter changed).
    """

    def __init__(self, screen: QWidget, refresh: Callable[[], None], *, stale: bool = True):
        super().__init__(screen)
        self._screen = screen
        self._refresh = refresh
        self.stale = stale
        screen.installEventFilter(self)

    def core_changed(self) -> None:
        """What the screen shows changed in the core."""
        if self._screen.isVisible():
            self.refresh()
        else:
            self.stale = True

    def mark_fresh(self) -> None:
        self.stale = False

    def refresh(self) -> None:
        self.stale = False
        self._refresh()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if watched is self._screen and event.type() == QEvent.Type.Show and self.stale:
            self.refresh()
        return False
