"""The capture dialog's page list: a thumbnail per page, reordered by drag or Alt+Up/Down,
turned with R / Shift+R, removed with Del; files dropped from outside are handed on.

The list renders a `DocumentDraft` (capture/pages.py) and never changes it: it reports what
the officer asked (`move_asked`, `rotate_asked`, `remove_asked`, `files_dropped`) and the
dialog changes the draft, then calls `show_pages` again.
"""

from __future__ import annotations

import io
import tempfile
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QIcon,
    QImage,
    QKeyEvent,
    QPainter,
    QPixmap,
    QTransform,
)
from PySide6.QtWidgets import QAbstractItemView, QListView, QListWidget, QListWidgetItem, QWidget

from counter_app.capture.pages import Page

THUMB = 150  # pixels, the longer side


def dropped_paths(event: QDropEvent | QDragEnterEvent | QDragMoveEvent) -> list[Path]:
    """Local files carried by a drag from outside (a file manager, the desktop)."""
    mime = event.mimeData()
    if not mime.hasUrls():
        return []
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]


def page_image(page: Page) -> QImage:
    """A small picture of `page` as it lies now (before its rotation is applied)."""
    if page.is_image:
        picture = page.image.copy()
        picture.thumbnail((THUMB * 2, THUMB * 2))
        if picture.mode not in ("L", "RGB"):
            picture = picture.convert("RGB")
        buffer = io.BytesIO()
        picture.save(buffer, "PNG")
        image = QImage()
        image.loadFromData(buffer.getvalue(), "PNG")
        return image
    return _pdf_page_image(page)


def _pdf_page_image(page: Page) -> QImage:
    """pdfium (QtPdf) draws the page; loaded from a file, which QPdfDocument reads at once
    (from a QIODevice it may still be loading when asked to render)."""
    from pypdf import PdfWriter
    from PySide6.QtPdf import QPdfDocument

    from counter_app.gui.memory import keep_pdf_engine_loaded

    writer = PdfWriter()
    writer.add_page(page.pdf.pages[page.index])
    keep_pdf_engine_loaded()
    with tempfile.TemporaryDirectory(prefix="counter-thumb-") as folder:
        path = Path(folder) / "page.pdf"
        with open(path, "wb") as handle:
            writer.write(handle)
        document = QPdfDocument()
        document.load(str(path))
        size = document.pagePointSize(0)
        scale = THUMB * 2 / max(size.width(), size.height(), 1.0)
        image = document.render(0, QSize(int(size.width() * scale), int(size.height() * scale)))
        document.close()
    return image


class PageList(QListWidget):
    move_asked = Signal(int, int)  # page, where it goes
    rotate_asked = Signal(int, int)  # page, degrees clockwise
    remove_asked = Signal(int)
    files_dropped = Signal(list)  # [Path]

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("capturePages")
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setFlow(QListView.Flow.LeftToRight)
        self.setWrapping(True)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setIconSize(QSize(THUMB, THUMB))
        self.setGridSize(QSize(THUMB + 24, THUMB + 44))
        self.setMovement(QListView.Movement.Snap)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAcceptDrops(True)
        self._images: dict[int, QImage] = {}  # id(page) -> its picture, made once

    # -- showing -------------------------------------------------------------------------
    def show_pages(self, pages: list[Page], current: int = -1) -> None:
        alive = {id(p) for p in pages}
        self._images = {k: v for k, v in self._images.items() if k in alive}
        self.clear()
        for number, page in enumerate(pages, 1):
            image = self._images.get(id(page))
            if image is None:
                image = self._images[id(page)] = page_image(page)
            if page.rotation:
                image = image.transformed(QTransform().rotate(page.rotation))
            pixmap = QPixmap.fromImage(image).scaled(
                THUMB,
                THUMB,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
            painter = QPainter(pixmap)  # the sheet's edge: a white page on a white list
            painter.setPen(QColor("#8a8a8a"))
            painter.drawRect(0, 0, pixmap.width() - 1, pixmap.height() - 1)
            painter.end()
            text = self.tr("Trang {n}").format(n=number)
            item = QListWidgetItem(QIcon(pixmap), text)
            item.setToolTip(
                f"{text} · {page.origin}" + (f" · {page.rotation}°" if page.rotation else "")
            )
            item.setData(Qt.ItemDataRole.UserRole, id(page))
            self.addItem(item)
        if pages:
            self.setCurrentRow(min(max(current, 0), len(pages) - 1))

    # -- the keyboard --------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt API)
        row = self.currentRow()
        key, mods = event.key(), event.modifiers()
        alt = mods & Qt.KeyboardModifier.AltModifier
        if row >= 0 and alt and key in (Qt.Key.Key_Up, Qt.Key.Key_Left):
            if row > 0:
                self.move_asked.emit(row, row - 1)
            return
        if row >= 0 and alt and key in (Qt.Key.Key_Down, Qt.Key.Key_Right):
            if row < self.count() - 1:
                self.move_asked.emit(row, row + 1)
            return
        if row >= 0 and key == Qt.Key.Key_R and not mods & ~Qt.KeyboardModifier.ShiftModifier:
            shift = mods & Qt.KeyboardModifier.ShiftModifier
            self.rotate_asked.emit(row, 270 if shift else 90)
            return
        if row >= 0 and key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.remove_asked.emit(row)
            return
        super().keyPressEvent(event)

    # -- drag and drop -------------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 (Qt API)
        if event.source() is not self and dropped_paths(event):
            event.acceptProposedAction()
            return
        super().dragEnterEvent(event)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:  # noqa: N802 (Qt API)
        if event.source() is not self and dropped_paths(event):
            event.acceptProposedAction()
            return
        super().dragMoveEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 (Qt API)
        if event.source() is not self:
            paths = dropped_paths(event)
            if paths:
                event.acceptProposedAction()
                self.files_dropped.emit(paths)
            return
        row = self.currentRow()
        target = self.indexAt(event.position().toPoint()).row()
        event.setDropAction(Qt.DropAction.IgnoreAction)  # the draft moves, then the list
        event.accept()
        if row >= 0:
            self.move_asked.emit(row, self.count() - 1 if target < 0 else target)

    def order(self) -> list[Any]:
        return [self.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.count())]
