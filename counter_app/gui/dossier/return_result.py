"""Hand the result back to whoever collects it (a CCCD scan fills name and number), and
digitise the result handed back (issue 16: "Số hóa kết quả…", stored as kind 'result' once
the hand-back is recorded).

The result kept in the capture dialog waits in this form's memory until the hand-back is
confirmed, so its open capture (services/open_captures.py) stays until the result is stored
(the detail clears it) or this form is cancelled: a kill in between brings it back in the
dossier's documents tab (gui/dossier/documents_tab.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton, QWidget

from counter_app.domain.cccd_qr import CccdQr
from counter_app.gui.dossier.action_dialog import ActionDialog, make_reason_edit
from counter_app.gui.operations import alive
from counter_app.gui.operations import attachments as attachment_ops
from counter_app.gui.widgets.scanner import install_scanner
from counter_app.services.attachments import RESULT
from counter_app.services.open_captures import OpenCapture

if TYPE_CHECKING:
    from counter_app.capture.pages import DocumentDraft
    from counter_app.gui.capture.dialog import CaptureDialog
    from counter_app.gui.context import AppContext


class ReturnDialog(ActionDialog):
    """Hand the result back: who collected it and their ID number (a CCCD scan fills both)."""

    def __init__(
        self,
        applicant: dict[str, Any],
        parent: QWidget | None = None,
        *,
        ctx: AppContext | None = None,
        code: str = "",
    ) -> None:
        super().__init__(
            self.tr("Trả kết quả"),
            self.tr(
                "Ghi họ tên và số giấy tờ của người nhận kết quả (có thể quét mã QR trên thẻ "
                "căn cước của người nhận)."
            ),
            self.tr("Xác nhận đã trả"),
            parent,
        )
        self.name_edit = QLineEdit(applicant.get("full_name") or "")
        self.id_edit = QLineEdit(applicant.get("id_number") or "")
        self.note_edit = make_reason_edit(self.tr("Không bắt buộc"))
        for text, widget in (
            (self.tr("&Người nhận:"), self.name_edit),
            (self.tr("&Số giấy tờ:"), self.id_edit),
            (self.tr("&Ghi chú:"), self.note_edit),
        ):
            label = QLabel(text)
            label.setBuddy(widget)
            self.form.addRow(label, widget)
        self.ctx = ctx
        self.code = code
        self.result_draft: DocumentDraft | None = None
        self.result_capture: OpenCapture | None = None  # kept across a kill until stored
        self._capture: CaptureDialog | None = None
        self.capture_button = QPushButton(self.tr("Số hóa &kết quả…"))
        self.capture_button.setToolTip(
            self.tr("Quét hoặc chọn tệp bản kết quả trả cho người nhận (lưu khi xác nhận đã trả)")
        )
        self.capture_button.setAutoDefault(False)
        self.capture_button.clicked.connect(self.capture_result)
        self.capture_button.setVisible(ctx is not None)
        self.capture_label = QLabel(self.tr("Chưa số hóa kết quả"))
        self.form.addRow(self.capture_button, self.capture_label)
        self.name_edit.selectAll()
        self.name_edit.setFocus()
        install_scanner().scanned.connect(self._scanned)
        self.rejected.connect(self._drop_result)

    @property
    def capture_dialog(self) -> CaptureDialog | None:
        return self._capture if self._capture is not None and alive(self._capture) else None

    def capture_result(self) -> CaptureDialog | None:
        from counter_app.gui.capture.dialog import open_capture

        if self.ctx is None:
            return None

        def kept(draft: DocumentDraft | None) -> None:
            self.result_draft = draft
            pages = len(draft.pages) if draft is not None else 0
            self.capture_label.setText(self.tr("Đã số hóa kết quả: {n} trang").format(n=pages))

        label = self.tr("Kết quả giải quyết")
        officer = self.ctx.officer.username if self.ctx.officer else ""
        if self.result_capture is None and officer:
            self.result_capture = OpenCapture.for_dossier(
                officer, self.code, kind=RESULT, item=None, label=label
            )
        self._capture = open_capture(
            self.ctx,
            label,
            self,
            draft=self.result_draft,
            code=self.code,
            on_kept=kept,
            capture=self.result_capture,
            cancel_restores=True,  # a result kept before lives only here until stored
        )
        return self._capture

    def _drop_result(self) -> None:
        """No hand-back: the result digitised for it goes too."""
        if self.ctx is not None and self.result_capture is not None:
            attachment_ops.clear_open_capture(
                ctx=self.ctx, parent=None, capture=self.result_capture
            ).failure(lambda _exc: None).run_in_background()

    def _scanned(self, qr: CccdQr) -> None:
        if not self.isVisible() or not self.isActiveWindow():
            return
        self.name_edit.setText(qr.full_name)
        self.id_edit.setText(qr.id_number)
        self.note_edit.setFocus()

    def values(self) -> dict[str, Any] | None:
        name = self.name_edit.text().strip()
        if not name:
            self.show_error(self.tr("Cần ghi họ tên người nhận kết quả."))
            self.name_edit.setFocus()
            return None
        return {
            "collected_by": name,
            "collected_id_number": self.id_edit.text().strip(),
            "reason": self.note_edit.text().strip(),
            "result_document": self.result_draft,
            "result_capture": self.result_capture,
        }
