"""Windows sized to the screen they open on: commune offices mostly have 1366×768 or 1280×720.

Every window and dialog asks for its preferred size through `fit_to_screen`, which gives at
most the screen's available geometry (taskbar excluded) less room for the title bar and
borders, lowers a minimum size that would not fit, and keeps the window on that screen. Lay
the contents out to compress or scroll (QScrollArea) below the preferred size.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

# Title bar and borders the window manager adds around the client area (unknown before the
# window is shown; generous for the usual Windows/Linux themes).
FRAME_ALLOWANCE = QSize(16, 40)


def available_geometry(widget: QWidget) -> QRect:
    """The available geometry of the screen `widget` (or its parent) is on."""
    anchor = widget.parentWidget() or widget
    screen = anchor.screen() if anchor is not None else None
    screen = screen or QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else QRect(0, 0, 1366, 768)


def largest_client_size(widget: QWidget) -> QSize:
    """The largest client size whose frame still fits on the screen."""
    available = available_geometry(widget)
    return QSize(
        max(320, available.width() - FRAME_ALLOWANCE.width()),
        max(240, available.height() - FRAME_ALLOWANCE.height()),
    )


def fit_to_screen(widget: QWidget, width: int, height: int) -> QSize:
    """Resize `widget` to width×height or the largest size that fits; returns the size given."""
    largest = largest_client_size(widget)
    minimum = widget.minimumSize()
    if minimum.width() > largest.width() or minimum.height() > largest.height():
        widget.setMinimumSize(minimum.boundedTo(largest))
    size = QSize(width, height).boundedTo(largest)
    widget.resize(size)
    keep_on_screen(widget)
    return size


def keep_on_screen(widget: QWidget) -> None:
    """Move a top-level window so that its frame lies inside the available geometry."""
    if not widget.isWindow():
        return
    available = available_geometry(widget)
    frame = widget.frameGeometry()
    extra_w = max(frame.width() - widget.width(), 0)
    extra_h = max(frame.height() - widget.height(), 0)
    width = widget.width() + max(extra_w, FRAME_ALLOWANCE.width())
    height = widget.height() + max(extra_h, FRAME_ALLOWANCE.height())
    x = min(max(frame.x(), available.left()), available.right() + 1 - width)
    y = min(max(frame.y(), available.top()), available.bottom() + 1 - height)
    if (x, y) != (frame.x(), frame.y()):
        widget.move(max(x, available.left()), max(y, available.top()))
