"""The document capture dialog (page editor): the pages of one document, from files (chooser
or drag-and-drop), the scanner (SANE; WIA on Windows) or the office's scan folder, put in
order, turned and removed, previewed as the PDF that will be stored, then kept.

Keys: Ctrl+O files, F9 scan, F10 take from the scan folder; on the page list Alt+Up/Alt+Down
move a page, R / Shift+R turn it, Del removes it; Ctrl+P preview; Ctrl+S or Ctrl+Enter keep.
A refused file, a scanner error or a limit shows next to the page list and leaves the pages
as they were. "Lưu" checks the whole document (`to_pdf`, the limits) before handing the
`DocumentDraft` to `on_save(draft)`; an opener that stores it at once (the dossier detail)
calls `fail(message)` when the store refuses, and the dialog stays open with its pages.

The dialog edits a copy of the draft it is given: "Hủy" leaves the opener's document as it
was. With an `OpenCapture` (who, opened where) its pages survive a kill: the files are
spooled and the layout written as they come in and after every edit
(services/open_captures.py). "Hủy" removes that open capture (or, with `cancel_restores`,
writes back the draft it was opened with: a document kept only in the opener's memory); once
a kept document is safe, its opener removes it (`clear_open_capture`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from counter_app.capture import sources
from counter_app.capture.pages import DocumentDraft, SavedDocument
from counter_app.gui.capture.page_list import PageList, dropped_paths
from counter_app.gui.context import AppContext
from counter_app.gui.dialogs.preview import PreviewDialog
from counter_app.gui.operations import alive, guard
from counter_app.gui.operations import attachments as ops
from counter_app.gui.operations import settings as settings_ops
from counter_app.gui.widgets.file_dialogs import open_file_names
from counter_app.gui.widgets.messages import BUSY_STYLE, ERROR_STYLE, INFO_STYLE, error_text
from counter_app.gui.widgets.screen import fit_to_screen
from counter_app.services.open_captures import OpenCapture

FILE_FILTERS = "PDF, JPEG, PNG, TIFF (*.pdf *.jpg *.jpeg *.png *.tif *.tiff);;* (*)"
WATCH_POLL_MS = 1500


class CaptureDialog(QDialog):
    """Capture one document titled `label`; `draft` continues an earlier capture (a copy
    is edited).

    `code` is the dossier's code once it has one (scan-folder files naming it are offered);
    at intake there is none yet and files naming no dossier are offered. After "Lưu",
    `draft` is the document and `on_save(draft)` is called (None: the dialog accepts).
    `capture`: keep the pages across a kill (None: in memory only).
    """

    def __init__(
        self,
        ctx: AppContext,
        label: str,
        parent: QWidget | None = None,
        *,
        draft: DocumentDraft | None = None,
        code: str = "",
        on_save: Callable[[DocumentDraft], None] | None = None,
        capture: OpenCapture | None = None,
        cancel_restores: bool = False,
    ) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setObjectName("CaptureDialog")
        self.setWindowTitle(self.tr("Số hóa giấy tờ: {label}").format(label=label))
        self.ctx = ctx
        self.label = label
        self.code = code
        self.draft = draft.copy() if draft is not None else None
        self.on_save = on_save
        self.capture = capture
        self._opened_with = draft if cancel_restores else None
        self.busy = False
        self.watch: sources.WatchFolder | None = None
        self._folder_files: list[sources.CapturedFile] = []  # moved to processed/ once kept
        self._preview: PreviewDialog | None = None
        self.setAcceptDrops(True)
        self._build()
        fit_to_screen(self, 980, 700)
        self._show_pages()
        self._load_scanners()
        settings_ops.load_settings(ctx=ctx, parent=self).success(self._settings_read).failure(
            lambda _exc: None
        ).run_in_background()

    # -- layout --------------------------------------------------------------------------
    def _build(self) -> None:
        title = QLabel(f"<b>{self.windowTitle()}</b>")
        title.setWordWrap(True)
        self.files_button = QPushButton(self.tr("Chọn &tệp… (Ctrl+O)"))
        self.files_button.setToolTip(
            self.tr("Thêm trang từ tệp PDF, JPEG, PNG, TIFF; có thể kéo thả tệp vào đây")
        )
        self.files_button.clicked.connect(self.choose_files)
        self.scanner_combo = QComboBox()
        self.scanner_combo.setMinimumWidth(220)
        self.scanner_combo.setAccessibleName(self.tr("Máy quét"))
        self.scan_button = QPushButton(self.tr("&Quét (F9)"))
        self.scan_button.setToolTip(self.tr("Quét một trang bằng máy quét đã chọn"))
        self.scan_button.setEnabled(False)
        self.scan_button.clicked.connect(self.scan)
        sources_row = QHBoxLayout()
        sources_row.addWidget(self.files_button)
        scanner_label = QLabel(self.tr("&Máy quét:"))
        scanner_label.setBuddy(self.scanner_combo)
        sources_row.addWidget(scanner_label)
        sources_row.addWidget(self.scanner_combo, 1)
        sources_row.addWidget(self.scan_button)

        self.folder_box = QGroupBox(self.tr("Thư mục quét"))
        self.folder_list = QListWidget()
        self.folder_list.setMaximumHeight(90)
        self.folder_button = QPushButton(self.tr("Lấy các bản quét &mới (F10)"))
        self.folder_button.setEnabled(False)
        self.folder_button.clicked.connect(self.take_from_folder)
        folder_layout = QHBoxLayout(self.folder_box)
        folder_layout.addWidget(self.folder_list, 1)
        folder_layout.addWidget(self.folder_button)
        self.folder_box.hide()

        self.pages = PageList()
        self.pages.move_asked.connect(self.move_page)
        self.pages.rotate_asked.connect(self.rotate_page)
        self.pages.remove_asked.connect(self.remove_page)
        self.pages.files_dropped.connect(self.add_paths)
        self.pages_label = QLabel()
        self.hint = QLabel(
            self.tr(
                "Alt+↑/Alt+↓ hoặc kéo: đổi thứ tự · R / Shift+R: xoay phải / trái · "
                "Del: bỏ trang · Ctrl+P: xem trước"
            )
        )
        self.hint.setStyleSheet("color: #555;")
        self.hint.setWordWrap(True)
        self.message = QLabel()
        self.message.setObjectName("captureMessage")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.hide()

        self.preview_button = QPushButton(self.tr("Xem &trước (Ctrl+P)"))
        self.preview_button.clicked.connect(self.preview_pdf)
        self.save_button = QPushButton(self.tr("&Lưu tài liệu"))
        self.save_button.setToolTip(self.tr("Giữ tài liệu này (Ctrl+S hoặc Ctrl+Enter)"))
        self.save_button.clicked.connect(self.save)
        self.cancel_button = QPushButton(self.tr("Hủy"))
        self.cancel_button.setToolTip(self.tr("Đóng, bỏ các trang vừa thêm (Esc)"))
        self.cancel_button.clicked.connect(self.reject)
        for button in (self.files_button, self.scan_button, self.preview_button):
            button.setAutoDefault(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.pages_label, 1)
        buttons.addWidget(self.preview_button)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.cancel_button)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(sources_row)
        layout.addWidget(self.folder_box)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.hint)
        layout.addLayout(buttons)

        for keys, slot in (
            ("Ctrl+O", self.choose_files),
            ("F9", self.scan),
            ("F10", self.take_from_folder),
            ("Ctrl+P", self.preview_pdf),
            ("Ctrl+S", self.save),
            ("Ctrl+Return", self.save),
            ("Ctrl+Enter", self.save),
        ):
            QShortcut(QKeySequence(keys), self, slot)
        self.pages.setFocus()

    # -- state ---------------------------------------------------------------------------
    @property
    def page_count(self) -> int:
        return len(self.draft.pages) if self.draft is not None else 0

    @property
    def preview(self) -> PreviewDialog | None:
        return self._preview if self._preview is not None and alive(self._preview) else None

    def show_message(self, text: str, *, error: bool = False, busy: bool = False) -> None:
        self.message.setStyleSheet(ERROR_STYLE if error else BUSY_STYLE if busy else INFO_STYLE)
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def _set_busy(self, busy: bool, text: str = "") -> None:
        self.busy = busy
        for widget in (
            self.files_button,
            self.folder_button,
            self.preview_button,
            self.save_button,
        ):
            widget.setEnabled(not busy)
        self.scan_button.setEnabled(not busy and self.scanner_combo.currentData() is not None)
        self.folder_button.setEnabled(not busy and self.folder_list.count() > 0)
        if text:
            self.show_message(text, busy=True)

    def _show_pages(self, current: int = -1) -> None:
        pages = self.draft.pages if self.draft is not None else []
        self.pages.show_pages(pages, current)
        self.pages_label.setText(self.tr("{n} trang").format(n=len(pages)))

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self.show_message(error_text(exc), error=True)

    # -- taking pages in -----------------------------------------------------------------
    def _add_from(self, source: sources.CaptureSource, busy_text: str) -> None:
        if self.busy:
            return
        self._set_busy(True, busy_text)
        op = ops.add_pages(
            ctx=self.ctx, parent=self, capture=self.capture, draft=self.draft, source=source
        )
        op.success(self._pages_added).failure(self._failed).run_in_background()

    def _pages_added(self, result: tuple[DocumentDraft, list[sources.CapturedFile]]) -> None:
        self.draft, files = result
        self._set_busy(False)
        if any(f.path is not None and self._in_folder(f.path) for f in files):
            self._folder_files += list(files)
            self._refresh_folder()
        self.show_message(self.tr("Đã thêm {n} tệp.").format(n=len(files)))
        self._show_pages(self.page_count - 1)

    def _in_folder(self, path: Path) -> bool:
        return self.watch is not None and path.parent == self.watch.folder

    def add_paths(self, paths: Sequence[Path | str]) -> None:
        """Files chosen or dropped: all their pages, or none and the reason."""
        if paths:
            self._add_from(sources.FileList(list(paths)), self.tr("Đang đọc tệp…"))

    def choose_files(self) -> None:
        if self.busy:
            return
        chosen = open_file_names(self, self.tr("Chọn tệp giấy tờ"), Path.home(), FILE_FILTERS)
        self.add_paths(chosen)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 (Qt API)
        if dropped_paths(event):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 (Qt API)
        paths = dropped_paths(event)
        if paths:
            event.acceptProposedAction()
            self.add_paths(paths)

    # -- the scanner ---------------------------------------------------------------------
    def _load_scanners(self) -> None:
        self.scanner_combo.addItem(self.tr("Đang tìm máy quét…"), None)
        ops.scanner_devices(ctx=self.ctx, parent=self).success(self._scanners_found).failure(
            self._no_scanners
        ).run_in_background()

    def _scanners_found(self, devices: list[tuple[str, str]]) -> None:
        self.scanner_combo.clear()
        for name, description in devices:
            self.scanner_combo.addItem(f"{description} ({name})", name)
        if not devices:
            self.scanner_combo.addItem(self.tr("Không thấy máy quét nào"), None)
        self.scan_button.setEnabled(bool(devices) and not self.busy)

    def _no_scanners(self, exc: BaseException) -> None:
        self.scanner_combo.clear()
        self.scanner_combo.addItem(self.tr("Không dùng được máy quét"), None)
        self.scanner_combo.setToolTip(error_text(exc))
        self.scan_button.setEnabled(False)

    def scan(self) -> None:
        device = self.scanner_combo.currentData()
        if self.busy or device is None:
            return
        self._set_busy(True, self.tr("Đang quét…"))
        op = ops.scan_pages(
            ctx=self.ctx, parent=self, capture=self.capture, draft=self.draft, device=device
        )
        op.success(self._pages_added).failure(self._failed).run_in_background()

    # -- the scan folder -----------------------------------------------------------------
    def _settings_read(self, settings: dict[str, Any]) -> None:
        folder = settings.get("capture_watch_folder") or ""
        if not folder:
            return
        self.watch = sources.WatchFolder(folder)
        self.folder_box.setTitle(self.tr("Thư mục quét: {folder}").format(folder=folder))
        self.folder_box.show()
        self._watch_timer = QTimer(self)
        self._watch_timer.setInterval(WATCH_POLL_MS)
        self._watch_timer.timeout.connect(self._refresh_folder)
        self._watch_timer.start()
        self._refresh_folder()

    def _refresh_folder(self) -> None:
        if self.watch is None:
            return
        op = ops.watch_folder_files(ctx=self.ctx, parent=self, watch=self.watch, code=self.code)
        op.success(self._folder_listed).failure(
            lambda exc: self.folder_box.setToolTip(error_text(exc))
        ).run_in_background()

    def _folder_listed(self, paths: list[Path]) -> None:
        taken = {f.path for f in self._folder_files}
        names = [p.name for p in paths if p not in taken]
        if names != [self.folder_list.item(i).text() for i in range(self.folder_list.count())]:
            self.folder_list.clear()
            self.folder_list.addItems(names)
        self.folder_button.setEnabled(bool(names) and not self.busy)

    def take_from_folder(self) -> None:
        """The new scans in the folder become pages (in the order they were scanned)."""
        if self.watch is None or self.busy or not self.folder_list.count():
            return
        names = [self.folder_list.item(i).text() for i in range(self.folder_list.count())]
        source = sources.FileList([self.watch.folder / name for name in names])
        source.source = "folder"
        self._add_from(source, self.tr("Đang đọc bản quét…"))

    # -- editing -------------------------------------------------------------------------
    def move_page(self, index: int, to: int) -> None:
        if self.draft is None or self.busy:
            return
        self.draft.move(index, to)
        self._show_pages(to)
        self._record()

    def rotate_page(self, index: int, degrees: int) -> None:
        if self.draft is None or self.busy:
            return
        self.draft.rotate(index, degrees)
        self._show_pages(index)
        self._record()

    def remove_page(self, index: int) -> None:
        if self.draft is None or self.busy:
            return
        self.draft.remove(index)
        self._show_pages(index)
        self._record()

    def _record(self, draft: DocumentDraft | None = None) -> None:
        """The pages as they are now are written down (kept across a kill)."""
        draft = draft or self.draft
        if self.capture is None or draft is None:
            return
        ops.record_open_capture(
            ctx=self.ctx, parent=self, capture=self.capture, draft=draft
        ).failure(self._not_recorded).run_in_background()

    def _not_recorded(self, exc: BaseException) -> None:
        self.show_message(
            self.tr("Chưa lưu tạm được các trang (sẽ mất nếu máy tắt đột ngột): {error}").format(
                error=error_text(exc)
            ),
            error=True,
        )

    def show_recovered(self, pages: int, lost: int) -> None:
        """The pages came back after the app closed abruptly: say so (and what was lost)."""
        text = self.tr(
            "Đã khôi phục {n} trang đang số hóa dở khi ứng dụng đóng đột ngột. Kiểm tra rồi "
            "bấm “Lưu tài liệu”, hoặc “Hủy” để bỏ."
        ).format(n=pages)
        if lost:
            text += " " + self.tr(
                "{n} trang không đọc lại được (tệp bị mất hoặc hỏng): cần số hóa lại."
            ).format(n=lost)
        self.show_message(text, error=bool(lost))

    # -- preview and save ----------------------------------------------------------------
    def _checked(self, then: Callable[[SavedDocument], None], busy_text: str) -> None:
        if self.busy:
            return
        if self.draft is None or not self.draft.pages:
            self.show_message(
                self.tr("Chưa có trang nào: hãy chọn tệp, kéo thả hoặc quét."), error=True
            )
            return
        self._set_busy(True, busy_text)
        op = ops.check_document(ctx=self.ctx, parent=self, draft=self.draft)
        op.success(then).failure(self._failed).run_in_background()

    def preview_pdf(self) -> None:
        self._checked(self._show_preview, self.tr("Đang tạo bản xem trước…"))

    def _show_preview(self, saved: SavedDocument) -> None:
        self._set_busy(False)
        self.show_message("")
        preview = PreviewDialog(
            self.ctx,
            saved.pdf,
            title=self.tr("{label}: {n} trang").format(label=self.label, n=saved.pages),
            parent=self,
            file_name="tai-lieu.pdf",
        )
        preview.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        preview.finished.connect(guard(self, lambda _result: self._back_from_preview()))
        self._preview = preview
        preview.open()

    def _back_from_preview(self) -> None:
        """Back to the pages (window managers do it; some platforms do not)."""
        if self.isVisible():
            self.activateWindow()
            self.pages.setFocus()

    def save(self) -> None:
        self._checked(self._save_checked, self.tr("Đang kiểm tra tài liệu…"))

    def _save_checked(self, _saved: SavedDocument) -> None:
        if self.on_save is None:
            self._set_busy(False)
            self.kept()
            return
        assert self.draft is not None
        self.on_save(self.draft)  # the opener calls kept() or fail()

    def kept(self) -> None:
        """The document is kept: scan-folder files leave the folder, the dialog closes."""
        if self.watch is not None and self._folder_files:
            ops.done_with_scans(
                ctx=self.ctx, parent=None, watch=self.watch, files=self._folder_files
            ).failure(lambda _exc: None).run_in_background()
        self.accept()

    def fail(self, message: str) -> None:
        self._set_busy(False)
        self.show_message(message, error=True)

    def done(self, result: int) -> None:  # noqa: D401 - Qt API
        timer = getattr(self, "_watch_timer", None)
        if timer is not None:
            timer.stop()
        if result != QDialog.DialogCode.Accepted and self.capture is not None:
            self._cancelled()
        super().done(result)

    def _cancelled(self) -> None:
        """Cancelled: the open capture goes, or goes back to the draft it was opened with."""
        if self._opened_with is not None and self._opened_with.pages:
            self._record(self._opened_with)
        else:
            ops.clear_open_capture(ctx=self.ctx, parent=None, capture=self.capture).failure(
                lambda _exc: None
            ).run_in_background()


def _back_to(parent: QWidget) -> None:
    """Back to the opener's window (window managers do it; some platforms do not)."""
    if parent.isVisible():
        parent.window().activateWindow()


def open_capture(
    ctx: AppContext,
    label: str,
    parent: QWidget,
    *,
    draft: DocumentDraft | None = None,
    code: str = "",
    on_save: Callable[[DocumentDraft], None] | None = None,
    on_kept: Callable[[DocumentDraft], None] | None = None,
    capture: OpenCapture | None = None,
    cancel_restores: bool = False,
) -> CaptureDialog:
    """Open the capture dialog (window-modal); `on_kept(draft)` once a document is kept."""
    dialog = CaptureDialog(
        ctx,
        label,
        parent,
        draft=draft,
        code=code,
        on_save=on_save,
        capture=capture,
        cancel_restores=cancel_restores,
    )
    if on_kept is not None:
        dialog.accepted.connect(guard(parent, lambda: on_kept(dialog.draft)))
    dialog.finished.connect(guard(parent, lambda _result: _back_to(parent)))
    dialog.setModal(True)
    dialog.open()
    return dialog
