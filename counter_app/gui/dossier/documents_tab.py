"""The dossier detail's "Tài liệu số hóa" tab (issue 16): the dossier's digitised documents.

One row per document: its checklist item (or "Giấy tờ khác", or the result), pages, size,
where it came from, who stored it and when, and its upload state as the sync step records it
(chờ gửi / chờ hồ sơ được Cổng chấp nhận / đang gửi n % / đã gửi / bị từ chối with the
portal's message; another counter's document: ở quầy khác, or đã gỡ once its list on the
portal no longer names it, then it no longer opens). Enter opens one in
the preview (decrypted, its SHA-256 checked by `service.attachments.open`); Insert adds one
(the capture dialog, stored at once); Del removes one with a reason (audited). The rows
reload on every published change touching the dossier, a sync pass's results included.

A capture dialog of this dossier that a crash left open (services/open_captures.py: one
opened here, or the result's at hand-back) reopens when the tab opens again, with its pages
and a message; kept, it is stored at once (a result as kind 'result', its hand-back
recorded or not), and its open capture goes once the document is stored.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from counter_app.capture.pages import DocumentDraft
from counter_app.gui.capture.dialog import CaptureDialog, open_capture
from counter_app.gui.context import AppContext
from counter_app.gui.dialogs.preview import PreviewDialog
from counter_app.gui.dossier.reason import ReasonDialog
from counter_app.gui.operations import OpChanges, alive, guard
from counter_app.gui.operations import attachments as ops
from counter_app.gui.widgets.messages import ERROR_STYLE, INFO_STYLE, error_text
from counter_app.gui.widgets.tables import fill_table, make_table
from counter_app.services.attachments import OTHER_LABEL, RESULT, SUBMITTED
from counter_app.services.open_captures import FOR_DOSSIER, OpenCapture, Recovered

SOURCE_NAMES = {
    "scanner": QT_TRANSLATE_NOOP("DocumentsTab", "Máy quét"),
    "folder": QT_TRANSLATE_NOOP("DocumentsTab", "Thư mục quét"),
    "file": QT_TRANSLATE_NOOP("DocumentsTab", "Tệp"),
}
HEADERS = (
    QT_TRANSLATE_NOOP("DocumentsTab", "Giấy tờ"),
    QT_TRANSLATE_NOOP("DocumentsTab", "Số trang"),
    QT_TRANSLATE_NOOP("DocumentsTab", "Dung lượng"),
    QT_TRANSLATE_NOOP("DocumentsTab", "Nguồn"),
    QT_TRANSLATE_NOOP("DocumentsTab", "Người lưu, lúc"),
    QT_TRANSLATE_NOOP("DocumentsTab", "Gửi lên Cổng"),
)


def size_text(size: int) -> str:
    return f"{size / 1e6:.1f} MB" if size >= 100_000 else f"{max(1, round(size / 1000))} kB"


class DocumentsTab(QWidget):
    """The digitised documents of dossier `code` (a tab of the detail dialog)."""

    def __init__(self, ctx: AppContext, code: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("DocumentsTab")
        self.ctx = ctx
        self.code = code
        self.rows: list[dict[str, Any]] = []
        self.checklist: list[dict[str, Any]] = []
        self.loading = False
        self._preview: PreviewDialog | None = None
        self._capture: CaptureDialog | None = None
        self._remove: ReasonDialog | None = None
        self.table = make_table([self.tr(h) for h in HEADERS], stretch=0)
        self.table.setObjectName("attachmentsTable")
        self.table.doubleClicked.connect(lambda _index: self.open_selected())
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.hide()
        self.item_combo = QComboBox()
        self.item_combo.setAccessibleName(self.tr("Giấy tờ cần số hóa"))
        item_label = QLabel(self.tr("Số hóa &cho:"))
        item_label.setBuddy(self.item_combo)
        self.open_button = QPushButton(self.tr("Mở (Enter)"))
        self.add_button = QPushButton(self.tr("Thêm tài liệu… (Insert)"))
        self.remove_button = QPushButton(self.tr("Xóa… (Del)"))
        self.retry_button = QPushButton(self.tr("Gửi lại"))
        self.retry_button.setToolTip(self.tr("Gửi lại tài liệu bị Cổng từ chối"))
        self.open_button.clicked.connect(self.open_selected)
        self.retry_button.clicked.connect(self.retry_selected)
        self.add_button.clicked.connect(self.add_document)
        self.remove_button.clicked.connect(self.remove_selected)
        for button in (self.open_button, self.add_button, self.remove_button, self.retry_button):
            button.setAutoDefault(True)
        for keys, slot in (
            (Qt.Key.Key_Return, self.open_selected),
            (Qt.Key.Key_Enter, self.open_selected),
            (Qt.Key.Key_Delete, self.remove_selected),
            (Qt.Key.Key_Insert, self.add_document),
        ):
            shortcut = QShortcut(QKeySequence(keys), self.table, slot)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.remove_button)
        buttons.addWidget(self.retry_button)
        buttons.addStretch(1)
        buttons.addWidget(item_label)
        buttons.addWidget(self.item_combo)
        buttons.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        ctx.signals.changed.connect(guard(self, self._changed))
        self.reload()
        if self.officer:
            ops.recover_open_capture(
                ctx=ctx, parent=self, officer=self.officer, at=FOR_DOSSIER
            ).success(self._reopen).failure(
                lambda exc: self.show_message(error_text(exc), error=True)
            ).run_in_background()

    # -- loading -------------------------------------------------------------------------
    def set_checklist(self, documents: list[dict[str, Any]]) -> None:
        """The dossier's checklist (positions 1..n, in order): what a new document is for."""
        self.checklist = list(documents)
        chosen = self.item_combo.currentData()
        self.item_combo.clear()
        for position, document in enumerate(documents, 1):
            self.item_combo.addItem(f"{position}. {document['name']}", (SUBMITTED, position))
        self.item_combo.addItem(self.tr("Giấy tờ khác"), (SUBMITTED, None))
        self.item_combo.addItem(self.tr("Kết quả giải quyết"), (RESULT, None))
        if chosen is not None:
            self.item_combo.setCurrentIndex(max(0, self.item_combo.findData(chosen)))

    def reload(self) -> None:
        self.loading = True
        ops.list_attachments(ctx=self.ctx, parent=self, code=self.code).success(
            self._loaded
        ).failure(self._load_failed).run_in_background()

    def _changed(self, changes: OpChanges) -> None:
        if changes.touches_dossier(self.code) and not self.loading:
            self.reload()

    def _load_failed(self, exc: BaseException) -> None:
        self.loading = False
        self.show_message(error_text(exc), error=True)

    def _loaded(self, rows: list[dict[str, Any]]) -> None:
        self.loading = False
        current = self.table.currentRow()
        self.rows = rows
        fill_table(self.table, [self._cells(r) for r in rows])
        if rows:
            self.table.selectRow(min(max(current, 0), len(rows) - 1))
        self.open_button.setEnabled(bool(rows))
        self.remove_button.setEnabled(bool(rows))

    def _cells(self, row: dict[str, Any]) -> list[str]:
        when = (row.get("created_at") or "")[:16].replace("T", " ")
        return [
            row["label"] + (f" (mục {row['item']})" if row.get("item") is not None else ""),
            str(row["pages"]),
            size_text(int(row["bytes"])),
            self.tr(SOURCE_NAMES.get(row["source"], row["source"])),
            f"{row['created_by']}, {when}",
            self.upload_text(row),
        ]

    def upload_text(self, row: dict[str, Any]) -> str:
        state = row.get("upload_state") or "pending"
        if row.get("withdrawn"):
            return self.tr("Đã gỡ ở quầy khác (chỉ lưu vết)")
        if row.get("waits_for_record"):
            return self.tr("Chờ hồ sơ được Cổng chấp nhận")
        if state == "uploading":
            percent = int(100 * int(row.get("uploaded_bytes") or 0) / max(1, int(row["bytes"])))
            return self.tr("Đang gửi {n} %").format(n=percent)
        if state == "uploaded":
            return self.tr("Đã gửi")
        if state == "rejected":
            return self.tr("Bị từ chối: {message}").format(message=row.get("upload_error") or "")
        if state == "remote":
            return self.tr("Ở quầy khác (Enter: tải về)")
        return self.tr("Chờ gửi")

    def show_message(self, text: str, *, error: bool = False) -> None:
        self.message.setStyleSheet(ERROR_STYLE if error else INFO_STYLE)
        self.message.setText(text)
        self.message.setVisible(bool(text))

    @property
    def officer(self) -> str:
        return self.ctx.officer.username if self.ctx.officer else ""

    def selected(self) -> dict[str, Any] | None:
        index = self.table.currentRow()
        return self.rows[index] if 0 <= index < len(self.rows) else None

    # -- open ----------------------------------------------------------------------------
    @property
    def preview(self) -> PreviewDialog | None:
        return self._preview if self._preview is not None and alive(self._preview) else None

    def open_selected(self) -> None:
        row = self.selected()
        if row is None:
            return

        def opened(pdf: bytes) -> None:
            self.show_message("")
            preview = PreviewDialog(
                self.ctx,
                pdf,
                title=self.tr("{label} — hồ sơ {code}").format(label=row["label"], code=self.code),
                parent=self.window(),
                file_name=f"{self.code}-{row['id']}.pdf",
            )
            preview.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            preview.finished.connect(guard(self, lambda _result: self._back_to_table()))
            self._preview = preview
            preview.open()

        if row.get("upload_state") == "remote" and not row.get("withdrawn"):
            self.show_message(self.tr("Đang tải tài liệu từ Cổng…"))
            op = ops.fetch_and_open(
                ctx=self.ctx, parent=self, code=self.code, attachment_id=row["id"]
            )
        else:
            op = ops.open_attachment(ctx=self.ctx, parent=self, attachment_id=row["id"])
        op.success(opened).failure(
            lambda exc: self.show_message(
                self.tr("Không mở được tài liệu: {error}").format(error=error_text(exc)),
                error=True,
            )
        ).run_in_background()

    def _back_to_table(self) -> None:
        if self.isVisible():
            self.window().activateWindow()
            self.table.setFocus()

    # -- add -----------------------------------------------------------------------------
    @property
    def capture_dialog(self) -> CaptureDialog | None:
        return self._capture if self._capture is not None and alive(self._capture) else None

    def add_document(self) -> CaptureDialog | None:
        kind, item = self.item_combo.currentData() or (SUBMITTED, None)
        label = self.item_combo.currentText()
        if item is not None:
            label = label.split(". ", 1)[-1]
        return self.capture(kind=kind, item=item, label=label)

    def _reopen(self, recovered: Recovered | None) -> None:
        """A capture of this dossier left open by a crash: its dialog again."""
        if recovered is None or recovered.capture.code != self.code:
            return
        capture = recovered.capture
        label = capture.label or self.tr("Giấy tờ khác")
        dialog = self.capture(
            kind=capture.kind, item=capture.item, label=label, recovered=recovered
        )
        dialog.show_recovered(len(recovered.draft.pages), recovered.lost)

    def capture(
        self, *, kind: str, item: int | None, label: str, recovered: Recovered | None = None
    ) -> CaptureDialog:
        """Capture a document and store it at once (the dialog stays open if refused)."""
        holder: list[CaptureDialog] = []
        capture = recovered.capture if recovered is not None else None
        if capture is None and self.officer:
            capture = OpenCapture.for_dossier(
                self.officer, self.code, kind=kind, item=item, label=label
            )

        def save(draft: DocumentDraft) -> None:
            dialog = holder[0]

            def done(_row: dict[str, Any]) -> None:
                if capture is not None:  # the document is stored: its open capture goes
                    ops.clear_open_capture(ctx=self.ctx, parent=None, capture=capture).failure(
                        lambda _exc: None
                    ).run_in_background()
                if alive(dialog):
                    dialog.kept()
                self.show_message(self.tr("Đã lưu tài liệu số hóa: {label}.").format(label=label))

            ops.attach(
                ctx=self.ctx,
                parent=self,
                code=self.code,
                draft=draft,
                by=self.officer,
                kind=kind,
                item=item,
                label=OTHER_LABEL if kind == SUBMITTED and item is None else "",
            ).success(done).failure(
                guard(dialog, lambda exc: dialog.fail(error_text(exc)))
            ).run_in_background()

        dialog = open_capture(
            self.ctx,
            label,
            self.window(),
            draft=recovered.draft if recovered is not None else None,
            code=self.code,
            on_save=save,
            capture=capture,
        )
        holder.append(dialog)
        self._capture = dialog
        return dialog

    # -- remove --------------------------------------------------------------------------
    @property
    def remove_dialog(self) -> ReasonDialog | None:
        return self._remove if self._remove is not None and alive(self._remove) else None

    def retry_selected(self) -> None:
        """Queue a document the portal refused for sending again (the next sync pass)."""
        row = self.selected()
        if row is None:
            return
        if row.get("upload_state") != "rejected":
            self.show_message(self.tr("Chỉ gửi lại được tài liệu bị Cổng từ chối."), error=True)
            return
        ops.retry_upload(
            ctx=self.ctx, parent=self, code=self.code, attachment_id=row["id"], by=self.officer
        ).success(
            lambda _row: self.show_message(self.tr("Tài liệu sẽ được gửi lại ở lần đồng bộ tới."))
        ).failure(lambda exc: self.show_message(error_text(exc), error=True)).run_in_background()

    def remove_selected(self) -> ReasonDialog | None:
        row = self.selected()
        if row is None:
            return None
        dialog = ReasonDialog(
            self.tr("Xóa tài liệu số hóa"),
            self.tr("Xóa tài liệu \u201c{label}\u201d ({n} trang) khỏi hồ sơ {code}?").format(
                label=row["label"], n=row["pages"], code=self.code
            ),
            required=True,
            submit_text=self.tr("Xóa tài liệu"),
            parent=self.window(),
        )

        def submit(values: dict[str, Any]) -> None:
            def done(_none: None) -> None:
                guard(dialog, dialog.accept)()
                self.show_message(self.tr("Đã xóa tài liệu: {label}.").format(label=row["label"]))

            ops.remove_attachment(
                ctx=self.ctx,
                parent=self,
                code=self.code,
                attachment_id=row["id"],
                by=self.officer,
                reason=values["reason"],
            ).success(done).failure(
                guard(dialog, lambda exc: dialog.fail(error_text(exc)))
            ).run_in_background()

        dialog.on_submit = submit
        dialog.setModal(True)
        self._remove = dialog
        dialog.open()
        return dialog
