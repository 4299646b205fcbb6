"""Preview a rendered form (PDF bytes), print it, or save it as a file.

Printing renders each PDF page to an image at the printer's resolution (capped, so an
A4 page stays a few tens of MB) and paints it; it runs on the background thread through
`AppContext.run`, like everything slow. Where the printer is a CUPS queue (Linux: `lp`
exists) the PDF itself is queued instead (forms/spooler.py): vector text, the form's own
page size. Each form remembers its printer and paper (setting "form_printing",
forms/print_setup.py); a preview opened without a form uses the general "printer"/"paper".
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QBuffer,
    QByteArray,
    QIODevice,
    QMarginsF,
    QPointF,
    QRectF,
    QSize,
    Qt,
)
from PySide6.QtGui import QColor, QImage, QKeySequence, QPageLayout, QPageSize, QPainter, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from counter_app.forms.print_setup import PRINTED_FORMS, print_choice
from counter_app.forms.registry import file_name as form_file_name
from counter_app.forms.spooler import lp_command
from counter_app.gui.context import AppContext
from counter_app.gui.operations import guard
from counter_app.gui.operations import prints as print_ops
from counter_app.gui.operations import settings as settings_ops
from counter_app.gui.widgets.file_dialogs import save_file_name

# Labels pass through self.tr() at run time; QT_TRANSLATE_NOOP lets lupdate see them.
PAPERS = (
    ("a4", QT_TRANSLATE_NOOP("PreviewDialog", "A4")),
    ("80mm", QT_TRANSLATE_NOOP("PreviewDialog", "80 mm (máy in nhiệt)")),
)
MAX_PRINT_DPI = 300


class PrintError(RuntimeError):
    pass


def print_pdf(pdf_bytes: bytes, printer: QPrinter, *, max_dpi: int = MAX_PRINT_DPI) -> int:
    """Paint every page of `pdf_bytes` on `printer`; returns the number of pages.

    Safe on a worker thread (QPainter on a QPrinter is). Each page is rendered with
    QPdfDocument.render at min(printer resolution, max_dpi) on white, then scaled onto the
    printer's full page; the printer's page size follows the PDF's first page.
    """
    handle, name = tempfile.mkstemp(suffix=".pdf", prefix="counter-print-")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(pdf_bytes)
        document = QPdfDocument()
        error = document.load(name)
        if error != QPdfDocument.Error.None_ or document.pageCount() == 0:
            raise PrintError(f"Không đọc được tệp PDF để in ({error.name})")
        first = document.pagePointSize(0)
        printer.setFullPage(True)
        printer.setPageLayout(
            QPageLayout(
                QPageSize(first, QPageSize.Unit.Point, "", QPageSize.SizeMatchPolicy.FuzzyMatch),
                QPageLayout.Orientation.Portrait,
                QMarginsF(0, 0, 0, 0),
            )
        )
        dpi = max(72, min(printer.resolution(), max_dpi))
        painter = QPainter()
        if not painter.begin(printer):
            raise PrintError("Không mở được máy in (máy in chưa sẵn sàng hoặc không tồn tại)")
        try:
            for page in range(document.pageCount()):
                if page:
                    printer.newPage()
                points = document.pagePointSize(page)
                size = QSize(round(points.width() * dpi / 72), round(points.height() * dpi / 72))
                rendered = document.render(page, size)
                sheet = QImage(size, QImage.Format.Format_RGB32)
                sheet.fill(QColor("white"))
                sheet_painter = QPainter(sheet)
                sheet_painter.drawImage(QPointF(0, 0), rendered)
                sheet_painter.end()
                target = QRectF(painter.viewport())
                scale = min(target.width() / size.width(), target.height() / size.height())
                painter.drawImage(QRectF(0, 0, size.width() * scale, size.height() * scale), sheet)
            return document.pageCount()
        finally:
            painter.end()
            document.close()
    finally:
        try:
            os.unlink(name)
        except OSError:
            pass


class PreviewDialog(QDialog):
    """Shows a PDF with In (print), Lưu PDF (save) and Đóng (close).

    on_printed(copies) is called on the GUI thread after the print job went to the
    printer or the PDF was saved (either counts as printed; a cancelled dialog or a failed
    job does not); `copies` are the copy labels of the document (repeated for extra copies).
    With `rerender(paper) -> bytes` the officer may switch between A4 and 80 mm; the
    current choice is `self.paper`.
    """

    def __init__(
        self,
        ctx: AppContext,
        pdf_bytes: bytes,
        *,
        title: str,
        on_printed: Callable[[list[str]], None] | None = None,
        parent: QWidget | None = None,
        copies: Sequence[str] = ("",),
        paper: str | None = None,
        rerender: Callable[[str], bytes] | None = None,
        file_name: str = "",
        form: str = "",
    ) -> None:
        super().__init__(parent)
        self.form = form  # a key of forms.print_setup.PRINTED_FORMS: its printer is remembered
        self.ctx = ctx
        self.pdf_bytes = pdf_bytes
        self.on_printed = on_printed
        self.copies = list(copies)
        self.paper = paper or "a4"
        self.rerender = rerender
        self.file_name = file_name or "bieu-mau.pdf"
        self.printer_name = ""
        self.printed = False
        self.saved_path: Path | None = None
        self._stored: dict[str, Any] = {}  # the settings as last read or written
        self._busy = False
        self.setWindowTitle(title)
        self.setObjectName("PreviewDialog")
        self.resize(820, 900)

        self.document = QPdfDocument(self)
        self._buffer: QBuffer | None = None
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitInView)
        self.view.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

        self.title_label = QLabel(f"<b>{title}</b>")
        self.title_label.setWordWrap(True)
        self.pages_label = QLabel()
        self.printer_label = QLabel()
        self.paper_combo = QComboBox()
        for key, label in PAPERS:
            self.paper_combo.addItem(self.tr(label), key)
        paper_label = QLabel(self.tr("&Khổ giấy:"))
        paper_label.setBuddy(self.paper_combo)
        self.paper_combo.setVisible(rerender is not None)
        paper_label.setVisible(rerender is not None)
        self.paper_combo.setCurrentIndex(max(0, self.paper_combo.findData(self.paper)))
        self.paper_combo.currentIndexChanged.connect(self._paper_changed)
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.print_button = QPushButton(self.tr("&In"))
        self.print_button.setToolTip(self.tr("In biểu mẫu (Enter hoặc Ctrl+P)"))
        self.print_button.setDefault(True)
        self.print_button.setAutoDefault(True)
        self.save_button = QPushButton(self.tr("&Lưu PDF"))
        self.save_button.setToolTip(self.tr("Lưu biểu mẫu thành tệp PDF (Ctrl+S)"))
        self.save_button.setAutoDefault(True)
        self.close_button = QPushButton(self.tr("Đón&g"))
        self.close_button.setToolTip(self.tr("Đóng cửa sổ xem trước (Esc)"))
        self.close_button.setAutoDefault(True)
        self.print_button.clicked.connect(self.print_document)
        self.save_button.clicked.connect(self.save_pdf)
        self.close_button.clicked.connect(self.reject)
        QShortcut(QKeySequence.StandardKey.Print, self, self.print_document)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save_pdf)
        QShortcut(QKeySequence.StandardKey.ZoomIn, self, lambda: self._zoom(1.2))
        QShortcut(QKeySequence.StandardKey.ZoomOut, self, lambda: self._zoom(1 / 1.2))

        top = QHBoxLayout()
        top.addWidget(self.title_label, 1)
        top.addWidget(self.pages_label)
        options = QHBoxLayout()
        options.addWidget(self.printer_label, 1)
        options.addWidget(paper_label)
        options.addWidget(self.paper_combo)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status_label, 1)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(options)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)

        self.load_pdf(pdf_bytes)
        self.print_button.setFocus()
        self._show_printer()
        settings_ops.load_settings(ctx=ctx, parent=self).success(self._settings_read).failure(
            lambda _exc: None
        ).run_in_background()

    # -- document --------------------------------------------------------------
    def load_pdf(self, pdf_bytes: bytes) -> None:
        self.pdf_bytes = pdf_bytes
        self.document.close()
        buffer = QBuffer(self)
        buffer.setData(QByteArray(pdf_bytes))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(buffer)
        if self._buffer is not None:
            self._buffer.deleteLater()
        self._buffer = buffer
        pages = self.document.pageCount()
        self.pages_label.setText(self.tr("{n} trang").format(n=pages))

    @property
    def page_count(self) -> int:
        return self.document.pageCount()

    def _zoom(self, factor: float) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(max(0.25, min(4.0, self.view.zoomFactor() * factor)))

    # -- settings --------------------------------------------------------------
    def _settings_read(self, settings: dict[str, Any]) -> None:
        if self.form in PRINTED_FORMS:
            self._stored = {"form_printing": dict(settings.get("form_printing") or {})}
            self.printer_name = print_choice(settings, self.form).printer
        else:
            self._stored = {"printer": settings.get("printer"), "paper": settings.get("paper")}
            self.printer_name = settings.get("printer") or ""
        self._show_printer()

    def _show_printer(self) -> None:
        name = self.printer_name or self.tr("máy in mặc định")
        self.printer_label.setText(self.tr("Máy in: {name}").format(name=name))

    def _remember(self, printer_name: str) -> None:
        if "form_printing" in self._stored:
            table = dict(self._stored["form_printing"])
            entry = dict(table.get(self.form) or {})
            entry.update(paper=self.paper, direct=bool(entry.get("direct")))
            entry["printer"] = printer_name or entry.get("printer") or ""
            table[self.form] = entry
            values: dict[str, Any] = {"form_printing": table}
        else:
            values = {"paper": self.paper}
            if printer_name:
                values["printer"] = printer_name
        values = {k: v for k, v in values.items() if self._stored.get(k) != v}
        if not values:
            return  # nothing new: no settings write, no audit row
        self._stored.update(values)
        officer = self.ctx.officer.username if self.ctx.officer else "gui"
        settings_ops.update_settings(
            ctx=self.ctx, parent=self, values=values, actor=officer
        ).failure(
            lambda _exc: None  # remembering the printer is a convenience, never an error
        ).run_in_background()

    def _paper_changed(self) -> None:
        paper = self.paper_combo.currentData()
        if self.rerender is None or paper == self.paper:
            return
        self.paper = paper
        self._set_busy(True, self.tr("Đang tạo lại biểu mẫu…"))
        print_ops.rerender(ctx=self.ctx, parent=self, render=self.rerender, paper=paper).success(
            self._rerendered
        ).failure(self._failed).run_in_background()
        self._remember("")

    def _rerendered(self, pdf_bytes: bytes) -> None:
        self.load_pdf(pdf_bytes)
        self._set_busy(False, "")

    # -- actions -------------------------------------------------------------------
    def _set_busy(self, busy: bool, message: str) -> None:
        self._busy = busy
        for button in (self.print_button, self.save_button, self.paper_combo):
            button.setEnabled(not busy)
        self.status_label.setStyleSheet("")
        self.status_label.setText(message)

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False, "")
        self.status_label.setStyleSheet("color: #b00020;")
        self.status_label.setText(str(exc))

    def make_printer(self) -> QPrinter:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        if self.printer_name:
            printer.setPrinterName(self.printer_name)
        printer.setDocName(self.windowTitle())
        return printer

    def print_document(self) -> None:
        """Ask for the printer (QPrintDialog), then print off the GUI thread."""
        if self._busy:
            return
        printer = self.make_printer()
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(self.tr("In biểu mẫu"))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.print_to(printer)

    def print_direct(self) -> None:
        """Print on the form's remembered printer without asking (the preview may stay hidden)."""
        self.print_to(self.make_printer())

    def print_to(self, printer: QPrinter) -> None:
        if self._busy:
            return
        name = printer.printerName()
        if printer.outputFormat() == QPrinter.OutputFormat.NativeFormat and name:
            self.printer_name = name
            self._show_printer()
        self._remember(name if printer.outputFormat() == QPrinter.OutputFormat.NativeFormat else "")
        copies = self.copies * max(1, printer.copyCount())
        pdf = self.pdf_bytes
        self._set_busy(True, self.tr("Đang gửi lệnh in…"))

        on_printed = self.on_printed

        def shown() -> None:
            self._set_busy(False, self.tr("Đã gửi lệnh in."))
            self.printed = True

        def done(_pages: int) -> None:
            guard(self, shown)()  # the copies are logged even when the preview is gone
            if on_printed is not None:
                on_printed(copies)

        # parent=None: the result must reach on_printed even after the preview closed
        if printer.outputFormat() == QPrinter.OutputFormat.NativeFormat and lp_command():
            op = print_ops.send_to_queue(
                ctx=self.ctx,
                parent=None,
                pdf=pdf,
                queue=name,
                copies=max(1, printer.copyCount()),
                title=self.windowTitle(),
            )
        else:
            op = print_ops.send_to_printer(ctx=self.ctx, parent=None, pdf=pdf, printer=printer)
        op.success(done).failure(guard(self, self._failed)).run_in_background()

    def save_pdf(self) -> None:
        if self._busy:
            return
        path = save_file_name(
            self, self.tr("Lưu PDF"), Path.home() / self.file_name, self.tr("Tệp PDF (*.pdf)")
        )
        if not path:
            return
        target = Path(path)
        if target.suffix.lower() != ".pdf":
            target = target.with_name(target.name + ".pdf")
        pdf = self.pdf_bytes
        copies = list(self.copies)
        on_printed = self.on_printed
        self._set_busy(True, self.tr("Đang lưu…"))

        def done(saved: Path) -> None:
            self._set_busy(False, self.tr("Đã lưu: {path}").format(path=str(saved)))
            self.saved_path = saved
            if on_printed is not None:
                on_printed(copies)  # a saved form is a printed form: the log says so

        def failed(exc: BaseException) -> None:
            message = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            self._failed(
                RuntimeError(self.tr("Không lưu được tệp: {message}").format(message=message))
            )

        print_ops.save_pdf(ctx=self.ctx, parent=self, pdf=pdf, target=target).success(done).failure(
            failed
        ).run_in_background()


def open_logged_preview(
    ctx: AppContext,
    parent: QWidget,
    pdf: bytes,
    *,
    code: str,
    form: str,
    title: str,
    copies: Sequence[str],
    officer: str,
    on_error: Callable[[BaseException], None],
    paper: str = "a4",
    reprint_reason: str = "",
    rerender: Callable[[str], bytes] | None = None,
) -> PreviewDialog:
    """A modal preview whose printed copies go to the print log (form, copy, officer, paper)."""
    preview: PreviewDialog | None = None

    def printed(printed_copies: list[str]) -> None:
        used_paper = preview.paper if preview is not None else paper
        print_ops.record_print(
            ctx=ctx,
            parent=None,  # on_error is the opener's, guarded there
            code=code,
            form=form,
            officer=officer,
            copies=printed_copies,
            paper=used_paper,
            reprint_reason=reprint_reason,
        ).failure(on_error).run_in_background()

    preview = PreviewDialog(
        ctx,
        pdf,
        title=f"{title} - {code}",
        on_printed=printed,
        parent=parent,
        copies=copies,
        paper=paper,
        rerender=rerender,
        file_name=form_file_name(form, code),
        form=form,
    )
    preview.setModal(True)
    return preview
