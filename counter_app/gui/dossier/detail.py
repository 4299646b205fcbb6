"""The dossier detail screen: everything about one dossier, and what may be done next.

The action buttons are exactly `service.dossiers.allowed_actions(code)`, labelled and ordered by the
action table (dossier/actions.py). Each action opens its own small dialog (one file each
in this package); the dialog stays open with the service's message if the change is
refused, so nothing typed is lost. Mẫu 02 / Mẫu 03 are rendered and shown after a
supplement request / refusal; every print is logged.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from counter_app.domain.status import Status
from counter_app.forms.formats import (
    parse_moment,
)
from counter_app.gui.context import AppContext
from counter_app.gui.dialogs.preview import PreviewDialog
from counter_app.gui.dossier.action_dialog import ActionDialog
from counter_app.gui.dossier.actions import Action, action_label, actions_for
from counter_app.gui.dossier.detail_prints import CITIZEN_COPY, DetailPrints
from counter_app.gui.dossier.documents_tab import DocumentsTab
from counter_app.gui.dossier.handover import HandoverDialog
from counter_app.gui.dossier.history import (
    fill_due_changes,
    fill_events,
    fill_handovers,
    fill_prints,
    make_due_changes_table,
    make_events_table,
    make_handovers_table,
    make_prints_table,
)
from counter_app.gui.dossier.move_due import MoveDueDialog
from counter_app.gui.dossier.overview import DossierOverview
from counter_app.gui.dossier.reason import ReasonDialog
from counter_app.gui.dossier.refusal import RefusalDialog
from counter_app.gui.dossier.return_result import ReturnDialog
from counter_app.gui.dossier.supplement import SupplementDialog
from counter_app.gui.operations import OpChanges, alive, guard
from counter_app.gui.operations import attachments as attachment_ops
from counter_app.gui.operations import dossiers as dossier_ops
from counter_app.gui.widgets.messages import ERROR_STYLE, INFO_STYLE, error_text
from counter_app.gui.widgets.screen import fit_to_screen
from counter_app.gui.widgets.texts import due_text, status_label
from counter_app.services.dossiers import HANDOVER_CLOSED

ACTION_COLUMNS = 4
FINAL_FOR_DUE = (Status.RETURNED, Status.REFUSED, Status.WITHDRAWN)
SYNC_NAMES = {
    "pending": "Chờ gửi lên Cổng",
    "sending": "Đang gửi lên Cổng",
    "synced": "Đã đồng bộ với Cổng",
    "rejected": "Cổng từ chối",
    "conflict": "Xung đột dữ liệu với Cổng",
    "local": "Dữ liệu thử (không đồng bộ)",
}


# --------------------------------------------------------------------------- the screen


class DossierDetailDialog(QDialog, DetailPrints):
    """One dossier: fields, documents, fees, timeline, appointment changes, prints, actions."""

    def __init__(self, ctx: AppContext, code: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.code = code
        self.dossier: dict[str, Any] | None = None
        self.allowed: list[int] = []
        self.action_buttons: dict[int, QPushButton] = {}
        self._action_dialog_open: ActionDialog | None = None
        self._preview: PreviewDialog | None = None
        self.loading = False
        self._focused_once = False
        self.setWindowTitle(self.tr("Hồ sơ {code}").format(code=code))
        self.setObjectName("DossierDetailDialog")
        fit_to_screen(self, 1100, 760)
        self._build()
        ctx.signals.changed.connect(self._changed_elsewhere)
        self.reload()

    # -- layout ------------------------------------------------------------------
    def _build(self) -> None:
        self.code_label = QLabel(self.code)
        font = self.code_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.code_label.setFont(font)
        self.code_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status_chip = QLabel()
        self.status_chip.setStyleSheet(
            "QLabel { background: #e4ecf7; color: #123a6b; border-radius: 4px; padding: 3px 8px;"
            " font-weight: bold; }"
        )
        self.sync_label = QLabel()
        self.sync_label.setStyleSheet("color: #555;")
        head = QHBoxLayout()
        head.addWidget(self.code_label)
        head.addWidget(self.status_chip)
        head.addStretch(1)
        head.addWidget(self.sync_label)

        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.hide()

        self.tabs = QTabWidget()
        self.overview = DossierOverview()
        self.tabs.addTab(self.overview, self.tr("&Thông tin hồ sơ"))
        self.events_table = make_events_table()
        self.tabs.addTab(self.events_table, self.tr("&Lịch sử xử lý"))
        self.due_table = make_due_changes_table()
        self.tabs.addTab(self.due_table, self.tr("Thay đổi &ngày hẹn"))
        self.prints_table = make_prints_table()
        self.tabs.addTab(self.prints_table, self.tr("Nhật &ký in"))
        self.handovers_table = make_handovers_table()
        self.tabs.addTab(self.handovers_table, self.tr("Bàn gi&ao"))
        self.documents_tab = DocumentsTab(self.ctx, self.code)
        self.tabs.addTab(self.documents_tab, self.tr("Tài liệu số &hóa"))

        self.actions_box = QGroupBox(self.tr("Xử lý hồ sơ"))
        self.actions_layout = QGridLayout(self.actions_box)
        self.no_actions_label = QLabel(self.tr("Hồ sơ đã ở trạng thái cuối, không còn thao tác."))
        self.actions_layout.addWidget(self.no_actions_label, 0, 0, 1, ACTION_COLUMNS)

        self.move_button = QPushButton(self.tr("&Dời ngày hẹn…"))
        self.move_button.setToolTip(self.tr("Đổi ngày hẹn trả kết quả, cần ghi lý do (Alt+D)"))
        self.handover_button = QPushButton(self.tr("Chu&yển xử lý / Nhận lại kết quả…"))
        self.handover_button.setToolTip(
            self.tr(
                "Ghi bàn giao hồ sơ cho cơ quan giải quyết hoặc nhận lại kết quả, với người giao "
                "và người nhận (Alt+Y)"
            )
        )
        self.reprint_button = QPushButton(self.tr("In &biên nhận…"))
        self.reprint_button.setToolTip(self.tr("In Mẫu 01 (Alt+B)"))
        self.control_button = QPushButton(self.tr("In &phiếu kiểm soát"))
        self.control_button.setToolTip(
            self.tr("Phiếu kiểm soát quá trình giải quyết hồ sơ (Alt+P)")
        )
        self.close_button = QPushButton(self.tr("Đóng"))
        self.close_button.setToolTip(self.tr("Đóng (Esc)"))
        for button in (
            self.move_button,
            self.handover_button,
            self.reprint_button,
            self.control_button,
            self.close_button,
        ):
            button.setAutoDefault(True)  # Enter presses the focused button
        self.move_button.clicked.connect(self.move_due)
        self.handover_button.clicked.connect(self.record_handover)
        self.reprint_button.clicked.connect(self.print_receipt)
        self.control_button.clicked.connect(self.print_control)
        self.close_button.clicked.connect(self.reject)
        self.close_button.setDefault(True)  # Enter outside a button closes, never acts
        QShortcut(QKeySequence.StandardKey.Refresh, self, self.reload)
        other = QHBoxLayout()
        other.addWidget(self.move_button)
        other.addWidget(self.handover_button)
        other.addWidget(self.reprint_button)
        other.addWidget(self.control_button)
        other.addStretch(1)
        other.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.message)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.actions_box)
        layout.addLayout(other)
        self._set_enabled(False)

    # -- loading -------------------------------------------------------------------
    def _set_enabled(self, enabled: bool) -> None:
        for widget in (
            self.actions_box,
            self.move_button,
            self.handover_button,
            self.reprint_button,
            self.control_button,
        ):
            widget.setEnabled(enabled)

    def show_message(self, text: str, *, error: bool = False) -> None:
        self.message.setStyleSheet(ERROR_STYLE if error else INFO_STYLE)
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def reload(self) -> None:
        self.loading = True
        dossier_ops.load_dossier(ctx=self.ctx, parent=self, code=self.code).success(
            self._loaded
        ).failure(self._load_failed).run_in_background()

    def _changed_elsewhere(self, changes: OpChanges) -> None:
        if changes.touches_dossier(self.code) and not self.loading:
            self.reload()

    def _load_failed(self, exc: BaseException) -> None:
        self.loading = False
        self.show_message(error_text(exc), error=True)

    def _loaded(self, result: tuple[dict[str, Any], list[int]]) -> None:
        self.loading = False
        self.dossier, self.allowed = result
        self._populate()

    def _populate(self) -> None:
        d = self.dossier
        assert d is not None
        self.code_label.setText(d["code"])
        self.status_chip.setText(f"{d['status']} · {status_label(d['status'])}")
        sync = SYNC_NAMES.get(d.get("sync_state") or "", d.get("sync_state") or "")
        if d.get("sync_message"):
            sync += f": {d['sync_message']}"
        self.sync_label.setText(sync)
        self.overview.show_dossier(d)
        fill_events(self.events_table, d["events"])
        fill_due_changes(self.due_table, d["due_changes"])
        fill_prints(self.prints_table, d["prints"])
        fill_handovers(self.handovers_table, d["handovers"])
        self.documents_tab.set_checklist(d["documents"])
        if any(p["form"] == "receipt" for p in d["prints"]):
            self.reprint_button.setText(self.tr("In lại &biên nhận…"))
            self.reprint_button.setToolTip(self.tr("In lại Mẫu 01, cần ghi lý do in lại (Alt+B)"))
        else:
            self.reprint_button.setText(self.tr("In &biên nhận…"))
            self.reprint_button.setToolTip(self.tr("In Mẫu 01 lần đầu (Alt+B)"))
        self.tabs.setTabText(2, self.tr("Thay đổi &ngày hẹn ({n})").format(n=len(d["due_changes"])))
        self.tabs.setTabText(3, self.tr("Nhật &ký in ({n})").format(n=len(d["prints"])))
        self.tabs.setTabText(4, self.tr("Bàn gi&ao ({n})").format(n=len(d["handovers"])))
        self._rebuild_actions()
        self._set_enabled(True)
        self.move_button.setEnabled(Status(d["status"]) not in FINAL_FOR_DUE)
        self.handover_button.setEnabled(Status(d["status"]) not in HANDOVER_CLOSED)
        focus = self.focusWidget()
        if not self._focused_once or focus is None or not focus.isVisible():
            self._focused_once = True
            first = next(iter(self.action_buttons.values()), None)
            (first or self.close_button).setFocus(Qt.FocusReason.OtherFocusReason)

    def _rebuild_actions(self) -> None:
        for button in self.action_buttons.values():
            self.actions_layout.removeWidget(button)
            button.hide()
            button.deleteLater()
        self.action_buttons = {}
        current = int(self.dossier["status"]) if self.dossier else 0
        ordered = actions_for(current, self.allowed)
        self.no_actions_label.setVisible(not ordered)
        previous: QWidget | None = None
        for index, action in enumerate(ordered):
            target = int(action.target)
            button = QPushButton(self.tr(action_label(current, target, mnemonic=True)))
            button.setObjectName(f"action_{target}")
            button.setAutoDefault(True)
            tip = self.tr("Chuyển sang: {name}").format(name=status_label(target))
            if action.reason_required:
                tip += self.tr(" (cần ghi lý do)")
            button.setToolTip(tip)
            if action.negative:
                button.setStyleSheet("QPushButton { color: #9f1d1d; }")
            button.clicked.connect(lambda _checked=False, t=target: self.start_action(t))
            self.actions_layout.addWidget(button, index // ACTION_COLUMNS, index % ACTION_COLUMNS)
            button.show()
            self.action_buttons[target] = button
            if previous is not None:
                QWidget.setTabOrder(previous, button)
            previous = button

    # -- actions ---------------------------------------------------------------------
    @property
    def action_dialog(self) -> ActionDialog | None:
        """The action dialog on screen; None once closed (it deletes itself)."""
        dialog = self._action_dialog_open
        return dialog if dialog is not None and alive(dialog) else None

    @property
    def preview(self) -> PreviewDialog | None:
        """The preview on screen; None once closed (it deletes itself)."""
        preview = self._preview
        return preview if preview is not None and alive(preview) else None

    @property
    def officer(self) -> str:
        return self.ctx.officer.username if self.ctx.officer else ""

    def _open_action(
        self, dialog: ActionDialog, submit: Callable[[dict[str, Any]], None]
    ) -> ActionDialog:
        dialog.on_submit = submit
        dialog.setModal(True)
        dialog.finished.connect(guard(self, self._sub_dialog_closed))
        self._action_dialog_open = dialog
        dialog.open()
        return dialog

    def _sub_dialog_closed(self, *_result: object) -> None:
        """Back to this window (window managers do it; some platforms do not)."""
        if self.isVisible():
            self.activateWindow()

    def _action_dialog(self, action: Action, current: int) -> ActionDialog:
        """The dialog the action table names for `action`, filled for this dossier."""
        d = self.dossier
        assert d is not None
        if action.dialog == "supplement":
            return SupplementDialog([dict(doc, checked=False) for doc in d["documents"]], self)
        if action.dialog == "refusal":
            return RefusalDialog(self)
        if action.dialog == "return":
            return ReturnDialog(d["applicant"], self, ctx=self.ctx, code=d["code"])
        label = action_label(current, int(action.target))
        intro = self.tr("Hồ sơ {code}: {current} → {target}.").format(
            code=d["code"], current=status_label(current), target=status_label(action.target)
        )
        if current == Status.SUPPLEMENT_REQUESTED:
            intro += " " + self.tr(
                "Xác nhận công dân đã nộp đủ giấy tờ bổ sung; ngày hẹn trả sẽ được tính lại."
            )
        return ReasonDialog(
            self.tr(label),
            intro,
            required=action.reason_required,
            submit_text=self.tr(label),
            parent=self,
        )

    def start_action(self, target: int) -> ActionDialog | None:
        """Open the form for the transition to `target` (must be allowed now)."""
        d = self.dossier
        if d is None or target not in self.allowed:
            return None
        current = int(d["status"])
        action = next(a for a in actions_for(current, self.allowed) if a.target == target)
        dialog = self._action_dialog(action, current)
        return self._open_action(dialog, lambda v: self._change(target, v, form=action.form))

    def _change(self, target: int, values: dict[str, Any], *, form: str = "") -> None:
        before_due = self.dossier.get("due_at") if self.dossier else None
        reason = values.get("reason", "")
        if form == "refusal":
            reason = "\n".join(values["reasons"])  # one reason a line, as Mẫu 03 lists them
        dialog = self.action_dialog

        def done(out: dict[str, Any]) -> None:
            if dialog is not None and alive(dialog):
                dialog.accept()
            dossier = out["dossier"]
            text = self.tr("Đã chuyển hồ sơ sang trạng thái: {name}.").format(
                name=status_label(target)
            )
            if dossier.get("due_at") != before_due:
                text += " " + self.tr("Hẹn trả cũ: {old} → Hẹn trả mới: {new}.").format(
                    old=due_text(before_due), new=due_text(dossier.get("due_at"))
                )
            if out["pdf_error"]:
                self.show_message(
                    text
                    + " "
                    + self.tr("Không tạo được biểu mẫu: {error}").format(error=out["pdf_error"]),
                    error=True,
                )
            else:
                self.show_message(text)
            self.dossier = dossier
            self.reload()  # before the op publishes the change: no second load then
            if values.get("result_document") is not None:
                self._attach_result(values["result_document"], values.get("result_capture"))
            if out["pdf"]:
                title = (
                    self.tr("Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (Mẫu 02)")
                    if form == "supplement"
                    else self.tr("Phiếu từ chối tiếp nhận giải quyết hồ sơ (Mẫu 03)")
                )
                self.show_preview(out["pdf"], title=title, form=form, copies=CITIZEN_COPY)

        def failed(exc: BaseException) -> None:
            if dialog is not None and alive(dialog):
                dialog.fail(error_text(exc))
            else:
                self.show_message(error_text(exc), error=True)

        dossier_ops.change_status(
            ctx=self.ctx,
            parent=self,
            code=self.code,
            target=target,
            by=self.officer,
            reason=reason,
            collected_by=values.get("collected_by", ""),
            collected_id_number=values.get("collected_id_number", ""),
            documents=values.get("items") if form == "supplement" else None,
            form=form,
        ).success(done).failure(failed).run_in_background()

    def _attach_result(self, draft: Any, capture: Any = None) -> None:
        """The result captured at hand-back, stored once the hand-back is recorded; then its
        open capture goes (`capture`, services/open_captures.py)."""

        def stored(_row: dict[str, Any]) -> None:
            if capture is not None:
                attachment_ops.clear_open_capture(
                    ctx=self.ctx, parent=None, capture=capture
                ).failure(lambda _exc: None).run_in_background()

        def failed(exc: BaseException) -> None:
            self.show_message(
                self.tr(
                    "Đã trả kết quả nhưng chưa lưu được bản số hóa kết quả: {error}. "
                    "Thêm lại ở tab Tài liệu số hóa."
                ).format(error=error_text(exc)),
                error=True,
            )

        attachment_ops.attach(
            ctx=self.ctx, parent=self, code=self.code, draft=draft, by=self.officer, kind="result"
        ).success(stored).failure(failed).run_in_background()

    def move_due(self) -> ActionDialog | None:
        if self.dossier is None:
            return None
        current = parse_moment(self.dossier.get("due_at"))
        dialog = MoveDueDialog(current, self)

        def done(dossier: dict[str, Any]) -> None:
            guard(dialog, lambda: dialog.accept())()
            new_due = parse_moment(dossier.get("due_at"))
            self.show_message(
                self.tr("Đã dời ngày hẹn: {old} → {new}.").format(
                    old=due_text(current), new=due_text(new_due)
                )
            )
            self.reload()
            if current is not None and new_due is not None and new_due > current:
                self.offer_apology(current, new_due)  # later: Mẫu 04 apologises for it

        def submit(values: dict[str, Any]) -> None:
            dossier_ops.move_due(
                ctx=self.ctx,
                parent=self,
                code=self.code,
                new_due=values["new_due"],
                by=self.officer,
                reason=values["reason"],
            ).success(done).failure(
                guard(dialog, lambda exc: dialog.fail(error_text(exc)))
            ).run_in_background()

        return self._open_action(dialog, submit)

    def record_handover(self) -> ActionDialog | None:
        """Hand the dossier over to the deciding agency, or take it back (both people named)."""
        d = self.dossier
        if d is None:
            return None
        officer_name = self.ctx.officer.full_name if self.ctx.officer else ""
        dialog = HandoverDialog(d["code"], d["handovers"], officer_name, self)

        def submit(values: dict[str, Any]) -> None:
            def done(_batch: str) -> None:
                guard(dialog, lambda: dialog.accept())()
                text = (
                    self.tr("Đã ghi chuyển hồ sơ đến {agency}: {giver} giao, {receiver} nhận.")
                    if values["direction"] == "out"
                    else self.tr(
                        "Đã ghi nhận lại hồ sơ từ {agency}: {giver} giao, {receiver} nhận."
                    )
                )
                self.show_message(text.format(**values))
                self.reload()

            dossier_ops.record_handover(
                ctx=self.ctx, parent=self, code=self.code, by=self.officer, **values
            ).success(done).failure(
                guard(dialog, lambda exc: dialog.fail(error_text(exc)))
            ).run_in_background()

        return self._open_action(dialog, submit)
