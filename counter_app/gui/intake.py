"""The intake screen (home screen): record a walk-in dossier, fully by keyboard.

Flow: applicant (typed, or filled by a CCCD QR scan) -> procedure (F6, accent-insensitive
type-ahead) -> documents checklist, fees, sets -> Ctrl+Enter "Lưu & In": the dossier is
saved on the background thread, its code shown large, Mẫu 01 rendered and previewed for
printing, and the form cleared for the next citizen.

Every change is saved as a draft (debounced) so a crash or power cut loses at most half a
second of typing; the draft is offered back when the screen opens again.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import shiboken6
from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QEvent,
    QLocale,
    QModelIndex,
    QObject,
    QRect,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QKeySequence, QShortcut, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QCompleter,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from counter_app.domain import addresses, clock, identity
from counter_app.domain.appointments import format_appointment
from counter_app.domain.identity import CccdQr
from counter_app.domain.status import Status
from counter_app.domain.text import fold
from counter_app.forms.formats import DOC_KINDS, processing_time_text, vnd
from counter_app.gui.context import AppContext
from counter_app.gui.dialogs.preview import PreviewDialog, open_logged_preview
from counter_app.gui.dossier.detail import CITIZEN_COPY, RECEIPT_COPIES, DossierDetailDialog
from counter_app.gui.dossier.refusal import RefusalDialog
from counter_app.gui.dossier.supplement import SupplementDialog
from counter_app.gui.operations import guard
from counter_app.gui.widgets.messages import ERROR_STYLE, INFO_STYLE, error_text
from counter_app.gui.widgets.scanner import install_scanner
from counter_app.gui.widgets.texts import due_text
from counter_app.services.intake_form import format_date, parse_birth_date
from counter_app.store import drafts

DRAFT_DELAY_MS = 500
APPOINTMENT_REFRESH_MS = 60_000
# Labels pass through self.tr() at run time; QT_TRANSLATE_NOOP lets lupdate see them.
ID_TYPES = (
    ("cccd", QT_TRANSLATE_NOOP("IntakeWidget", "CCCD / Căn cước")),
    ("cmnd", QT_TRANSLATE_NOOP("IntakeWidget", "CMND")),
    ("passport", QT_TRANSLATE_NOOP("IntakeWidget", "Hộ chiếu")),
)
SEXES = (
    ("", QT_TRANSLATE_NOOP("IntakeWidget", "(chưa chọn)")),
    ("Nam", QT_TRANSLATE_NOOP("IntakeWidget", "Nam")),
    ("Nữ", QT_TRANSLATE_NOOP("IntakeWidget", "Nữ")),
)
RETURN_METHODS = (
    ("counter", QT_TRANSLATE_NOOP("IntakeWidget", "Tại Bộ phận Một cửa")),
    ("post", QT_TRANSLATE_NOOP("IntakeWidget", "Qua dịch vụ bưu chính")),
)
# For lupdate only: the DOC_KINDS labels (counter_app.forms.formats) that _kind_combo
# shows through self.tr().
_DOC_KIND_LABELS = (
    QT_TRANSLATE_NOOP("IntakeWidget", "Bản chính"),
    QT_TRANSLATE_NOOP("IntakeWidget", "Bản sao có chứng thực"),
    QT_TRANSLATE_NOOP("IntakeWidget", "Bản chụp"),
)
STYLE = """
QLineEdit[state="error"], QComboBox[state="error"] { border: 1px solid #c62828; }
QLineEdit[state="warning"], QComboBox[state="warning"] { border: 1px solid #c77700; }
QLabel#issued_code { font-size: 22pt; font-weight: bold; color: #0b4f2c; }
QLabel#appointment { font-size: 13pt; }
QFrame#result_banner { background: #e8f6ec; border: 1px solid #a7d7b5; border-radius: 4px; }
QFrame#draft_banner { background: #fff6dd; border: 1px solid #e5c66b; border-radius: 4px; }
"""
_COLOURS = {"error": "#b71c1c", "warning": "#a15c00", "hint": "#666666"}


# --------------------------------------------------------------------------- helpers


def procedure_matches(procedures: Sequence[dict[str, Any]], query: str) -> list[dict[str, Any]]:
    """Accent-insensitive type-ahead over code and name: every typed word must appear."""
    words = fold(query).split()
    if not words:
        return list(procedures)
    hits = []
    for position, procedure in enumerate(procedures):
        name = fold(procedure["name"])
        tokens = [procedure["code"], *name.split(), *fold(procedure.get("field_name")).split()]
        haystack = " ".join(tokens)
        if not all(word in haystack for word in words):
            continue
        # Whole words beat word starts beat pieces of words; a name starting with the
        # first word comes first among equals.
        score = 0
        for word in words:
            if word in tokens:
                continue
            score += 1 if any(token.startswith(word) for token in tokens) else 3
        starts = name.startswith(words[0]) or procedure["code"].startswith(words[0])
        hits.append((score, 0 if starts else 1, position, procedure))
    hits.sort(key=lambda hit: hit[:3])
    return [hit[-1] for hit in hits]


def procedure_display(procedure: dict[str, Any]) -> str:
    return f"{procedure['code']} - {procedure['name']}"


def commune_display(commune: addresses.Commune) -> str:
    return f"{commune.name}, {commune.province_name}"


class SearchField(QObject):
    """Accent-insensitive suggestions under a QLineEdit (QCompleter fed by our own search).

    `search(text)` returns (display, payload) pairs, best first; `chosen(payload)` fires
    when one is picked (Enter/click in the popup, or `choose`).
    """

    chosen = Signal(object)

    def __init__(
        self,
        edit: QLineEdit,
        search: Callable[[str], list[tuple[str, Any]]],
        parent: QObject | None = None,
        *,
        popup_width: int = 520,
    ) -> None:
        super().__init__(parent)
        self.edit = edit
        self.search = search
        self.popup_width = popup_width
        self.payload: Any = None
        self.display = ""
        self.model = QStandardItemModel(self)
        self.completer = QCompleter(self.model, self)
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer.setMaxVisibleItems(12)
        self.completer.setWidget(edit)
        self.completer.activated[QModelIndex].connect(self._activated)
        edit.textEdited.connect(self._edited)

    def popup_visible(self) -> bool:
        return self.completer.popup().isVisible()

    def results(self, text: str) -> list[tuple[str, Any]]:
        return self.search(text) if text.strip() else []

    def _edited(self, text: str) -> None:
        if text != self.display:
            self.payload = None
            self.display = ""
        self.show_results(self.results(text))

    def show_results(self, results: list[tuple[str, Any]]) -> None:
        self.model.clear()
        for display, payload in results:
            item = QStandardItem(display)
            item.setData(payload, Qt.ItemDataRole.UserRole)
            item.setToolTip(display)
            self.model.appendRow(item)
        popup = self.completer.popup()
        if not results or not self.edit.hasFocus():
            popup.hide()
            return
        rect = QRect(0, 0, max(self.edit.width(), self.popup_width), self.edit.height())
        self.completer.complete(rect)
        popup.setCurrentIndex(self.completer.completionModel().index(0, 0))

    def _activated(self, index: QModelIndex) -> None:
        self.choose(index.data(Qt.ItemDataRole.DisplayRole), index.data(Qt.ItemDataRole.UserRole))

    def choose(self, display: str, payload: Any) -> None:
        self.display = display
        self.payload = payload
        self.edit.setText(display)
        self.edit.setCursorPosition(0)
        self.completer.popup().hide()
        self.chosen.emit(payload)

    def clear(self) -> None:
        self.payload = None
        self.display = ""
        self.edit.clear()
        self.completer.popup().hide()

    def resolve(self) -> bool:
        """Pick the only (or an exact) match for the typed text; True if something is chosen."""
        text = self.edit.text().strip()
        if self.payload is not None and text == self.display:
            return True
        results = self.results(text)
        exact = [r for r in results if fold(r[0]) == fold(text)]
        pick = exact[0] if exact else (results[0] if len(results) == 1 else None)
        if pick is None:
            return False
        self.choose(*pick)
        return True


@dataclass
class _Field:
    key: str
    editor: QWidget
    message: QLabel
    form: QFormLayout
    findings: list[tuple[str, str]] = field(default_factory=list)  # (level, message)


@dataclass
class _DocRow:
    check: QCheckBox
    name_label: QLabel | None
    name_edit: QLineEdit | None
    kind: QComboBox
    count: QSpinBox
    remove: QToolButton | None = None

    @property
    def name(self) -> str:
        if self.name_edit is not None:
            return self.name_edit.text().strip()
        return self.name_label.property("doc_name") if self.name_label else ""

    @property
    def widgets(self) -> list[QWidget]:
        items = [self.check, self.name_label, self.name_edit, self.kind, self.count, self.remove]
        return [w for w in items if w is not None]


@dataclass
class _FeeRow:
    code: str
    name: str
    label: QLabel
    amount: QSpinBox
    paid: QCheckBox


class _EnterAdvances(QObject):
    """Enter in a field moves to the next field (like Tab), as counter staff expect."""

    def __init__(self, owner: IntakeWidget) -> None:
        super().__init__(owner)
        self.owner = weakref.ref(owner)  # no reference cycle through the widget

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if event.type() != QEvent.Type.KeyPress:
            return False
        key = event.key()  # type: ignore[attr-defined]
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier  # type: ignore[attr-defined]
        if key not in (Qt.Key.Key_Return, Qt.Key.Key_Enter) or mods:
            return False
        owner = self.owner()
        return owner._enter_pressed(obj) if owner is not None else False


# --------------------------------------------------------------------------- the screen


class IntakeWidget(QWidget):
    """Record a dossier at the counter. `saved(code)` fires once per dossier saved."""

    saved = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.service = ctx.service
        self.setObjectName("IntakeWidget")
        self.procedures: list[dict[str, Any]] = []
        self.procedure: dict[str, Any] | None = None
        self.calendar: Any = None
        self.ready = False
        self.busy = False
        self.last_code = ""
        self.last_dossier: dict[str, Any] | None = None
        self.appointment_due: Any = None
        self.preview: PreviewDialog | None = None
        self.detail: DossierDetailDialog | None = None
        self.action_dialog: Any = None
        self.draft_offer: dict[str, Any] | None = None
        self.draft_saves = 0  # drafts written (for diagnostics and tests)
        self._restoring = False
        self._show_all_errors = False
        self._touched: set[str] = set()
        self._fields: dict[str, _Field] = {}
        self._doc_rows: list[_DocRow] = []
        self._rows_code = ""  # the procedure the checklist and fees were made for
        self._fee_rows: list[_FeeRow] = []
        self._cleared_state: dict[str, Any] | None = None
        self._enter = _EnterAdvances(self)
        self._draft_owner = self.officer  # whose draft the form is (stays across sign-out)

        self.setStyleSheet(STYLE)
        self._build()
        self._draft_timer = QTimer(self)
        self._draft_timer.setSingleShot(True)
        self._draft_timer.setInterval(DRAFT_DELAY_MS)
        self._draft_timer.timeout.connect(self.save_draft_now)
        self._clock_timer = QTimer(self)
        self._clock_timer.setInterval(APPOINTMENT_REFRESH_MS)
        self._clock_timer.timeout.connect(self.update_appointment)
        self._clock_timer.start()

        scanner = install_scanner()
        scanner.scanned.connect(self._scanned)
        scanner.scan_failed.connect(self._scan_failed)
        ctx.signals.settings_changed.connect(self._reload_calendar)
        ctx.signals.signed_in.connect(self._signed_in)
        ctx.signals.signed_out.connect(self._signed_out)
        self.full_name.setFocus()
        self._load()

    @property
    def officer(self) -> str:
        return self.ctx.officer.username if self.ctx.officer else ""

    # ------------------------------------------------------------------ layout
    def _label(self, text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text)
        label.setBuddy(buddy)
        return label

    def _add_field(
        self, form: QFormLayout, key: str, label: str, editor: QWidget, tip: str = ""
    ) -> None:
        message = QLabel()
        message.setWordWrap(True)
        message.setObjectName(f"msg_{key}")
        message.hide()
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(1)
        column.addWidget(editor)
        column.addWidget(message)
        editor.setObjectName(key)
        if tip:
            editor.setToolTip(tip)
        form.addRow(self._label(label, editor), box)
        self._fields[key] = _Field(key, editor, message, form)
        editor.installEventFilter(self._enter)

    def _build(self) -> None:
        # --- applicant
        self.full_name = QLineEdit()
        self.full_name.setPlaceholderText(self.tr("Họ và tên người nộp"))
        self.id_type = QComboBox()
        for key, label in ID_TYPES:
            self.id_type.addItem(self.tr(label), key)
        self.id_number = QLineEdit()
        self.id_number.setPlaceholderText(self.tr("12 chữ số (CCCD) — hoặc quét mã QR trên thẻ"))
        self.old_id = QLineEdit()
        self.old_id.setPlaceholderText(self.tr("Nếu có"))
        self.birth_date = QLineEdit()
        self.birth_date.setPlaceholderText(self.tr("dd/mm/yyyy"))
        self.sex = QComboBox()
        for key, label in SEXES:
            self.sex.addItem(self.tr(label), key)
        self.phone = QLineEdit()
        self.phone.setPlaceholderText(self.tr("VD 0912345678"))
        self.email = QLineEdit()
        self.address = QLineEdit()
        self.address.setPlaceholderText(self.tr("Số nhà, đường/phố, thôn/tổ"))
        self.commune = QLineEdit()
        self.commune.setPlaceholderText(self.tr("Gõ tên xã/phường, không cần dấu"))
        self.province_label = QLabel()
        self.province_label.setStyleSheet("color: #555;")

        applicant = QGroupBox(self.tr("Người nộp hồ sơ"))
        form = QFormLayout(applicant)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._add_field(form, "full_name", self.tr("Họ &và tên:"), self.full_name, self.tr("Alt+V"))
        self._add_field(form, "id_type", self.tr("&Loại giấy tờ:"), self.id_type, self.tr("Alt+L"))
        self._add_field(
            form,
            "id_number",
            self.tr("Số g&iấy tờ:"),
            self.id_number,
            self.tr("Alt+I. Quét mã QR trên thẻ căn cước để điền tự động."),
        )
        self._add_field(form, "old_id", self.tr("Số CMN&D cũ:"), self.old_id, self.tr("Alt+D"))
        self._add_field(
            form, "birth_date", self.tr("Ngà&y sinh:"), self.birth_date, self.tr("Alt+Y")
        )
        self._add_field(form, "sex", self.tr("Giới tí&nh:"), self.sex, self.tr("Alt+N"))
        self._add_field(form, "phone", self.tr("Điện th&oại:"), self.phone, self.tr("Alt+O"))
        self._add_field(form, "email", self.tr("&Email:"), self.email, self.tr("Alt+E"))
        self._add_field(form, "address", self.tr("Đị&a chỉ:"), self.address, self.tr("Alt+A"))
        self._add_field(
            form,
            "commune",
            self.tr("&Xã/phường:"),
            self.commune,
            self.tr("Alt+X. Gõ vài chữ (không cần dấu), chọn trong danh sách."),
        )
        form.addRow(self.tr("Tỉnh/thành phố:"), self.province_label)

        # --- procedure
        self.procedure_edit = QLineEdit()
        self.procedure_edit.setPlaceholderText(
            self.tr("Gõ mã hoặc tên thủ tục, không cần dấu (F6)")
        )
        self.procedure_info = QLabel()
        self.procedure_info.setWordWrap(True)
        self.procedure_info.hide()
        self.appointment_label = QLabel(self.tr("Hẹn trả kết quả: —"))
        self.appointment_label.setObjectName("appointment")
        procedure_box = QGroupBox(self.tr("Thủ tục hành chính"))
        pform = QFormLayout(procedure_box)
        pform.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        self._add_field(
            pform,
            "procedure",
            self.tr("&Thủ tục (F6):"),
            self.procedure_edit,
            self.tr("F6 hoặc Alt+T. Gõ vài chữ của tên hoặc mã, Enter để chọn."),
        )
        pform.addRow("", self.procedure_info)
        pform.addRow("", self.appointment_label)

        # --- documents
        self.docs_grid = QGridLayout()
        self.docs_grid.setColumnStretch(1, 1)
        self.docs_grid.setHorizontalSpacing(8)
        self.docs_empty = QLabel(self.tr("Chọn thủ tục để hiện danh mục giấy tờ."))
        self.docs_empty.setStyleSheet("color: #666;")
        self.add_doc_button = QPushButton(self.tr("Thêm giấy tờ &khác"))
        self.add_doc_button.setToolTip(self.tr("Thêm một dòng giấy tờ ngoài danh mục (Alt+K)"))
        self.add_doc_button.clicked.connect(lambda: self.add_document_row(focus=True))
        self.sets = QSpinBox()
        self.sets.setRange(1, 99)
        self.sets.setObjectName("sets")
        self.sets.installEventFilter(self._enter)
        docs_box = QGroupBox(self.tr("Thành phần hồ sơ (đánh dấu giấy tờ đã nhận)"))
        docs_layout = QVBoxLayout(docs_box)
        docs_layout.addWidget(self.docs_empty)
        docs_layout.addLayout(self.docs_grid)
        docs_bottom = QHBoxLayout()
        docs_bottom.addWidget(self.add_doc_button)
        docs_bottom.addStretch(1)
        docs_bottom.addWidget(self._label(self.tr("Số bộ hồ sơ:"), self.sets))
        docs_bottom.addWidget(self.sets)
        docs_layout.addLayout(docs_bottom)

        # --- fees
        self.fees_grid = QGridLayout()
        self.fees_grid.setColumnStretch(0, 1)
        self.fees_total = QLabel()
        self.fees_total.setObjectName("fees_total")
        self.fees_total.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.fees_box = QGroupBox(self.tr("Phí, lệ phí"))
        fees_layout = QVBoxLayout(self.fees_box)
        fees_layout.addLayout(self.fees_grid)
        fees_layout.addWidget(self.fees_total)

        # --- other
        self.return_method = QComboBox()
        for key, label in RETURN_METHODS:
            self.return_method.addItem(self.tr(label), key)
        self.notes = QLineEdit()
        other_box = QGroupBox(self.tr("Khác"))
        oform = QFormLayout(other_box)
        self._add_field(oform, "return_method", self.tr("Nhận kết &quả:"), self.return_method)
        self._add_field(oform, "notes", self.tr("Ghi &chú:"), self.notes, self.tr("Alt+C"))

        right = QVBoxLayout()
        right.addWidget(procedure_box)
        right.addWidget(docs_box)
        right.addWidget(self.fees_box)
        right.addWidget(other_box)
        right.addStretch(1)
        left = QVBoxLayout()
        left.addWidget(applicant)
        left.addStretch(1)
        self.form_area = QWidget()
        columns = QHBoxLayout(self.form_area)
        columns.setContentsMargins(0, 0, 0, 0)
        columns.addLayout(left, 5)
        columns.addLayout(right, 6)
        self.scroll = scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        scroll.setWidget(self.form_area)

        # --- banners
        self.draft_banner = QFrame()
        self.draft_banner.setObjectName("draft_banner")
        self.draft_text = QLabel()
        self.draft_text.setWordWrap(True)
        self.restore_button = QPushButton(self.tr("Khôi &phục"))
        self.restore_button.setToolTip(self.tr("Điền lại hồ sơ đang nhập dở (Alt+P)"))
        self.discard_button = QPushButton(self.tr("Bỏ qua"))
        self.discard_button.setToolTip(self.tr("Xóa bản nháp, bắt đầu hồ sơ mới"))
        self.restore_button.clicked.connect(self.restore_draft)
        self.discard_button.clicked.connect(self.discard_draft)
        row = QHBoxLayout(self.draft_banner)
        row.addWidget(self.draft_text, 1)
        row.addWidget(self.restore_button)
        row.addWidget(self.discard_button)
        self.draft_banner.hide()

        self.result_banner = QFrame()
        self.result_banner.setObjectName("result_banner")
        self.result_title = QLabel(self.tr("Đã tiếp nhận hồ sơ, mã hồ sơ:"))
        self.issued_code = QLabel()
        self.issued_code.setObjectName("issued_code")
        self.issued_code.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.result_details = QLabel()
        self.result_details.setWordWrap(True)
        self.open_button = QPushButton(self.tr("&Mở hồ sơ"))
        self.open_button.setToolTip(self.tr("Xem chi tiết hồ sơ vừa lưu (Alt+M)"))
        self.open_button.clicked.connect(self.open_last)
        banner = QGridLayout(self.result_banner)
        banner.addWidget(self.result_title, 0, 0)
        banner.addWidget(self.issued_code, 1, 0)
        banner.addWidget(self.result_details, 2, 0)
        banner.addWidget(self.open_button, 1, 1)
        banner.setColumnStretch(0, 1)
        self.result_banner.hide()

        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.hide()

        # --- buttons
        self.save_button = QPushButton(self.tr("Lưu && In (Ctrl+Enter)"))
        self.save_button.setObjectName("save_button")
        self.save_button.setToolTip(self.tr("Lưu hồ sơ, cấp mã và in Giấy tiếp nhận (Ctrl+Enter)"))
        self.save_button.setStyleSheet("QPushButton { font-weight: bold; padding: 6px 16px; }")
        self.supplement_button = QPushButton(self.tr("Yêu cầu bổ s&ung (Mẫu 02)"))
        self.supplement_button.setToolTip(
            self.tr("Ghi nhận hồ sơ và yêu cầu bổ sung giấy tờ còn thiếu (Alt+U)")
        )
        self.refuse_button = QPushButton(self.tr("Từ chối (Mẫu 0&3)"))
        self.refuse_button.setToolTip(self.tr("Từ chối tiếp nhận, in phiếu Mẫu 03 (Alt+3)"))
        self.new_button = QPushButton(self.tr("Nhập mới (Ctrl+N)"))
        self.new_button.setToolTip(self.tr("Xóa biểu mẫu để nhập hồ sơ khác (Ctrl+N)"))
        self.undo_clear_button = QPushButton(self.tr("Hoàn tác (Ctrl+Shift+N)"))
        self.undo_clear_button.setToolTip(self.tr("Lấy lại nội dung vừa xóa (Ctrl+Shift+N)"))
        self.undo_clear_button.hide()
        for button in (
            self.save_button,
            self.supplement_button,
            self.refuse_button,
            self.new_button,
            self.undo_clear_button,
            self.open_button,
            self.restore_button,
            self.discard_button,
            self.add_doc_button,
        ):
            button.setAutoDefault(True)  # Enter presses a focused button (not a dialog here)
        self.save_button.clicked.connect(self.save_and_print)
        self.supplement_button.clicked.connect(self.request_supplement)
        self.refuse_button.clicked.connect(self.refuse)
        self.new_button.clicked.connect(self.new_intake)
        self.undo_clear_button.clicked.connect(self.undo_clear)
        hint = QLabel(
            self.tr(
                "Enter: ô tiếp · F6: thủ tục · Ctrl+Enter: Lưu & In · Ctrl+N: nhập mới · "
                "Alt+chữ gạch chân: đến ô đó"
            )
        )
        hint.setStyleSheet("color: #555;")
        hint.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(hint, 1)
        buttons.addWidget(self.undo_clear_button)
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.refuse_button)
        buttons.addWidget(self.supplement_button)
        buttons.addWidget(self.save_button)

        title = QLabel(self.tr("Tiếp nhận hồ sơ"))
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        title.setFont(font)
        root = QVBoxLayout(self)
        root.addWidget(title)
        root.addWidget(self.draft_banner)
        root.addWidget(self.result_banner)
        root.addWidget(self.message)
        root.addWidget(scroll, 1)
        root.addLayout(buttons)

        # --- searches
        self.procedure_search = SearchField(self.procedure_edit, self._search_procedures, self)
        self.procedure_search.chosen.connect(self._procedure_chosen)
        self.commune_search = SearchField(
            self.commune, self._search_communes, self, popup_width=420
        )
        self.commune_search.chosen.connect(self._commune_chosen)

        # --- shortcuts
        def shortcut(keys: str, slot: Callable[[], None]) -> None:
            item = QShortcut(QKeySequence(keys), self, slot)
            item.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)

        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut(keys, self.save_and_print)
        shortcut("Ctrl+N", self.new_intake)
        shortcut("Ctrl+Shift+N", self.undo_clear)
        shortcut("F6", self.pick_procedure)
        shortcut("Alt+T", self.pick_procedure)

        # --- change tracking
        for edit in self._text_fields():
            edit.textChanged.connect(self._changed)
        self.commune.textChanged.connect(self._commune_edited)
        self.procedure_edit.textChanged.connect(self._procedure_edited)
        for combo in (self.id_type, self.sex, self.return_method):
            combo.currentIndexChanged.connect(self._changed)
        self.sets.valueChanged.connect(self._changed)
        live = {
            self.full_name: ("full_name",),
            self.id_number: ("id_number",),
            self.old_id: ("old_id",),
            self.birth_date: ("birth_date", "id_number"),
            self.phone: ("phone",),
            self.email: ("email",),
        }
        for edit, keys in live.items():
            edit.textChanged.connect(lambda _t, keys=keys: self._validate(*keys))
            edit.editingFinished.connect(lambda key=keys[0]: self._touch(key))
        self.birth_date.editingFinished.connect(self._tidy_birth_date)
        self.id_type.currentIndexChanged.connect(lambda _i: self._validate("id_number"))
        self.sex.currentIndexChanged.connect(lambda _i: self._validate("id_number"))
        self.commune.editingFinished.connect(self._commune_left)
        self.procedure_edit.editingFinished.connect(self._procedure_left)
        self._update_fees_total()
        self._update_tab_order()

    # ------------------------------------------------------------------ loading
    def _load(self) -> None:
        service, officer = self.service, self._draft_owner

        def job() -> dict[str, Any]:
            calendar = service.calendar.work_calendar()
            calendar.due_at(clock.now(), 1, "working_days")  # warm the holiday tables
            addresses.find_communes("a", limit=1)  # build the commune index off the GUI thread
            return {
                "procedures": service.catalogue.procedures(),
                "calendar": calendar,
                "draft": drafts.load_draft(service, officer) if officer else None,
            }

        self.ctx.run(job, self._loaded, self._load_failed)

    def _loaded(self, result: dict[str, Any]) -> None:
        if not shiboken6.isValid(self):
            return
        self.procedures = result["procedures"]
        self.calendar = result["calendar"]
        self.ready = True
        if self.procedure is not None:
            self.update_appointment()
        self._offer_if_any(result["draft"])

    def _offer_if_any(self, draft: dict[str, Any] | None) -> None:
        if draft and not self._state_is_empty(draft):
            self._offer_draft(draft)

    # ------------------------------------------------------------------ officers
    def _signed_in(self, officer: Any) -> None:
        """Another officer at this PC: keep the previous one's draft, offer theirs."""
        username = getattr(officer, "username", "")
        if not shiboken6.isValid(self) or username == self._draft_owner:
            return
        self.flush_draft()
        self._reset_for_officer(username)
        service = self.service
        self.ctx.run(
            lambda: drafts.load_draft(service, username) if username else None,
            lambda draft: self._offer_if_any(draft) if shiboken6.isValid(self) else None,
            lambda _exc: None,
        )

    def _signed_out(self) -> None:
        """Nothing of the last citizen stays on screen; their draft stays in the DB."""
        if not shiboken6.isValid(self):
            return
        self.flush_draft()
        self._reset_for_officer(self._draft_owner)

    def _reset_for_officer(self, username: str) -> None:
        self._draft_timer.stop()
        self._draft_owner = username
        self.draft_offer = None
        self.draft_banner.hide()
        self.result_banner.hide()
        self._cleared_state = None
        self.undo_clear_button.hide()
        self.last_code = ""
        self.show_message("")
        self.clear_form()

    # ------------------------------------------------------------------ for the shell
    def focus_first_field(self) -> None:
        """Where typing starts: the draft offer if there is one, else the name."""
        if self.draft_banner.isVisible():
            self.restore_button.setFocus(Qt.FocusReason.ShortcutFocusReason)
        else:
            self.full_name.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def has_unsaved_input(self) -> bool:
        """Something typed that is not a saved dossier (it is kept as a draft anyway)."""
        return not self.is_empty()

    def flush_draft(self) -> None:
        """Write a pending draft now (call before the background thread shuts down)."""
        if self._draft_timer.isActive():
            self.save_draft_now()

    def _load_failed(self, exc: BaseException) -> None:
        if shiboken6.isValid(self):
            self.show_message(
                self.tr("Không tải được danh mục thủ tục: {error}").format(error=error_text(exc)),
                error=True,
            )

    def _reload_calendar(self) -> None:
        service = self.service
        self.ctx.run(
            lambda: (service.calendar.work_calendar(), service.catalogue.procedures()),
            self._calendar_reloaded,
            lambda _exc: None,
        )

    def _calendar_reloaded(self, result: tuple[Any, list[dict[str, Any]]]) -> None:
        if shiboken6.isValid(self):
            self.calendar, self.procedures = result
            self.update_appointment()

    # ------------------------------------------------------------------ messages
    def show_message(self, text: str, *, error: bool = False) -> None:
        self.message.setStyleSheet(ERROR_STYLE if error else INFO_STYLE)
        self.message.setText(text)
        self.message.setVisible(bool(text))

    # ------------------------------------------------------------------ keyboard
    def _enter_pressed(self, obj: QObject) -> bool:
        if obj is self.procedure_edit:
            if not self.procedure_search.resolve():
                self.procedure_search.show_results(
                    self.procedure_search.results(self.procedure_edit.text())
                    or self._search_procedures("")
                )
                return True
        elif obj is self.commune and self.commune.text().strip():
            if not self.commune_search.resolve():
                self.commune_search.show_results(self.commune_search.results(self.commune.text()))
                return True
        self.focus_next()
        return True

    def focus_next(self) -> None:
        """Like Tab; the scroll area scrolls the new field into view."""
        self.scroll.focusNextPrevChild(True)

    def pick_procedure(self) -> None:
        """F6: go to the procedure picker and list what matches (everything when empty)."""
        self.procedure_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        text = "" if self.procedure is not None else self.procedure_edit.text()
        if self.procedure is not None:
            self.procedure_edit.selectAll()
        self.procedure_search.show_results(self._search_procedures(text))

    def _update_tab_order(self) -> None:
        chain: list[QWidget] = [
            self.full_name,
            self.id_type,
            self.id_number,
            self.old_id,
            self.birth_date,
            self.sex,
            self.phone,
            self.email,
            self.address,
            self.commune,
            self.procedure_edit,
        ]
        for row in self._doc_rows:
            chain += [w for w in (row.check, row.name_edit, row.kind, row.count, row.remove) if w]
        chain += [self.add_doc_button, self.sets]
        for fee in self._fee_rows:
            chain += [fee.amount, fee.paid]
        chain += [
            self.return_method,
            self.notes,
            self.save_button,
            self.supplement_button,
            self.refuse_button,
            self.new_button,
        ]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)

    # ------------------------------------------------------------------ validation
    def _touch(self, key: str) -> None:
        self._touched.add(key)
        self._render_field(key)

    def _tidy_birth_date(self) -> None:
        try:
            day = parse_birth_date(self.birth_date.text())
        except ValueError:
            return
        if day is not None and self.birth_date.text() != format_date(day):
            self.birth_date.setText(format_date(day))

    def _birth(self) -> date | None:
        try:
            return parse_birth_date(self.birth_date.text())
        except ValueError:
            return None

    def _check(self, key: str) -> list[tuple[str, str]]:
        if key == "full_name":
            if not self.full_name.text().strip():
                return [("error", self.tr("Chưa nhập họ tên người nộp."))]
            return []
        if key == "id_number":
            number = self.id_number.text()
            if not number.strip():
                return []
            found = identity.check_id_number(
                number,
                self.id_type.currentData(),
                birth_date=self._birth(),
                sex=self.sex.currentData() or None,
            )
            return [(f.level, f.message) for f in found]
        if key == "old_id":
            number = self.old_id.text()
            if not number.strip():
                return []
            return [(f.level, f.message) for f in identity.check_id_number(number, "cmnd")]
        if key == "birth_date":
            try:
                day = parse_birth_date(self.birth_date.text())
            except ValueError:
                return [
                    ("error", self.tr("Ngày sinh phải có dạng ngày/tháng/năm, ví dụ 02/05/1990."))
                ]
            if day is None:
                return []
            today = clock.now().date()
            if day > today:
                return [("error", self.tr("Ngày sinh ở tương lai."))]
            if today.year - day.year > 120:
                return [("warning", self.tr("Người nộp hơn 120 tuổi? Kiểm tra lại năm sinh."))]
            return []
        if key == "phone":
            return [(f.level, f.message) for f in identity.check_phone(self.phone.text())]
        if key == "email":
            return [(f.level, f.message) for f in identity.check_email(self.email.text())]
        if key == "commune":
            if self.commune.text().strip() and self.commune_search.payload is None:
                return [("error", self.tr("Chọn xã/phường trong danh sách gợi ý (Enter để chọn)."))]
            return []
        if key == "procedure":
            if self.procedure is None:
                return [("error", self.tr("Chưa chọn thủ tục (F6)."))]
            return []
        return []

    def _validate(self, *keys: str) -> None:
        for key in keys:
            self._fields[key].findings = self._check(key)
            self._render_field(key)

    def _render_field(self, key: str) -> None:
        item = self._fields[key]
        shown = key in self._touched or self._show_all_errors
        lines = []
        state = ""
        for level, message in item.findings:
            if level == "error":
                colour = _COLOURS["error"] if shown else _COLOURS["hint"]
                state = "error" if shown else state
            else:
                colour = _COLOURS["warning"]
                state = state or "warning"
            lines.append(f'<span style="color:{colour}">{_escape(message)}</span>')
        item.message.setText("<br>".join(lines))
        if item.message.isVisibleTo(item.editor.parentWidget()) != bool(lines):
            item.message.setVisible(bool(lines))
            item.form.invalidate()  # QFormLayout keeps the old row height otherwise
        if item.editor.property("state") != state:
            item.editor.setProperty("state", state)
            item.editor.style().unpolish(item.editor)
            item.editor.style().polish(item.editor)

    def errors(self) -> dict[str, list[str]]:
        """Blocking problems by field (validates everything)."""
        keys = (
            "full_name",
            "id_number",
            "old_id",
            "birth_date",
            "phone",
            "email",
            "commune",
            "procedure",
        )
        self._validate(*keys)
        return {
            key: [m for level, m in self._fields[key].findings if level == "error"]
            for key in keys
            if any(level == "error" for level, _m in self._fields[key].findings)
        }

    def warnings(self) -> dict[str, list[str]]:
        return {
            key: [m for level, m in item.findings if level == "warning"]
            for key, item in self._fields.items()
            if any(level == "warning" for level, _m in item.findings)
        }

    # ------------------------------------------------------------------ address
    def _search_communes(self, text: str) -> list[tuple[str, Any]]:
        return [(commune_display(c), c.code) for c in addresses.find_communes(text, limit=15)]

    def _commune_chosen(self, code: int) -> None:
        commune = addresses.commune(code)
        self.province_label.setText(commune.province_name)
        self._validate("commune")
        self._changed()
        if self.commune.hasFocus():
            self.focus_next()

    def _commune_edited(self, text: str) -> None:
        if text != self.commune_search.display:
            self.commune_search.payload = None
            self.province_label.setText("")
        if not text.strip():
            self._validate("commune")
        self._changed()

    def _commune_left(self) -> None:
        if self.commune.text().strip() and self.commune_search.payload is None:
            self.commune_search.resolve()
        self._touched.add("commune")
        self._validate("commune")

    def _set_commune(self, code: int | None, text: str = "") -> None:
        if code:
            try:
                commune = addresses.commune(code)
            except ValueError:
                code = None
            else:
                self.commune_search.choose(commune_display(commune), commune.code)
                return
        self.commune_search.clear()
        self.commune.setText(text)
        self.province_label.setText("")

    # ------------------------------------------------------------------ procedure
    def _search_procedures(self, text: str) -> list[tuple[str, Any]]:
        return [(procedure_display(p), p["code"]) for p in procedure_matches(self.procedures, text)]

    def _procedure_by_code(self, code: str) -> dict[str, Any] | None:
        return next((p for p in self.procedures if p["code"] == code), None)

    def _procedure_chosen(self, code: str) -> None:
        procedure = self._procedure_by_code(code)
        if procedure is None or procedure is self.procedure:
            return  # Enter in the popup can confirm the same choice twice
        advance = self.procedure_edit.hasFocus() and not self._restoring
        self.set_procedure(procedure)
        if advance:
            self.focus_next()

    def _procedure_edited(self, text: str) -> None:
        if self.procedure is not None and text != self.procedure_search.display:
            # Typing over the choice un-chooses it, but keeps the checklist and fees in
            # case the same procedure is picked again.
            self.procedure = None
            self._validate("procedure")
            self.update_appointment()
        self._changed()

    def _procedure_left(self) -> None:
        if self.procedure is None and self.procedure_edit.text().strip():
            self.procedure_search.resolve()
        self._touched.add("procedure")
        self._validate("procedure")

    def set_procedure(
        self,
        procedure: dict[str, Any] | None,
        *,
        keep_text: bool = False,
        documents: Sequence[dict[str, Any]] | None = None,
        fees: Sequence[dict[str, Any]] | None = None,
    ) -> None:
        """Show a procedure: its field, time, fees and a fresh documents checklist.

        Choosing again the procedure the checklist was made for keeps the ticks and fees.
        """
        self.procedure = procedure
        if procedure is None:
            if not keep_text:
                self.procedure_search.clear()
            self.procedure_info.setText("")
            self.procedure_info.hide()
            self._set_documents([])
            self._set_fees([])
            self._rows_code = ""
        else:
            if self.procedure_search.display != procedure_display(procedure):
                self.procedure_search.choose(procedure_display(procedure), procedure["code"])
            self.procedure_info.show()
            self.procedure_info.setText(
                self.tr("Lĩnh vực: {field} · Thời hạn giải quyết: {time}").format(
                    field=procedure.get("field_name") or "—",
                    time=processing_time_text(
                        procedure.get("processing_time"), procedure.get("time_unit")
                    ),
                )
            )
            same = procedure["code"] == self._rows_code and documents is None and fees is None
            if not same:
                docs = (
                    documents
                    if documents is not None
                    else [dict(d, checked=True) for d in procedure.get("documents") or []]
                )
                self._set_documents(docs)
                self._set_fees(
                    fees
                    if fees is not None
                    else [dict(f, paid=False) for f in procedure.get("fees") or []]
                )
                self._rows_code = procedure["code"]
        self._fields["procedure"].form.invalidate()
        self._validate("procedure")
        self.update_appointment()
        self._changed()

    def update_appointment(self) -> None:
        """The appointment if the dossier were saved now (also refreshed every minute)."""
        if self.procedure is None or self.calendar is None:
            self.appointment_label.setText(self.tr("Hẹn trả kết quả: —"))
            return
        try:
            due = self.calendar.due_at(
                clock.now(), self.procedure["processing_time"], self.procedure["time_unit"]
            )
        except (ValueError, RuntimeError) as exc:
            self.appointment_label.setText(
                self.tr("Không tính được ngày hẹn: {error}").format(error=str(exc))
            )
            return
        self.appointment_due = due
        self.appointment_label.setText(
            self.tr("Hẹn trả kết quả: <b>{due}</b>").format(due=format_appointment(due))
        )

    # ------------------------------------------------------------------ documents
    def _clear_grid(self, grid: QGridLayout) -> None:
        while grid.count():
            item = grid.takeAt(0)
            widget = item.widget()
            if widget is not None:
                widget.hide()
                widget.deleteLater()

    def _kind_combo(self, kind: str) -> QComboBox:
        combo = QComboBox()
        for key, label in DOC_KINDS.items():
            combo.addItem(self.tr(label), key)
        combo.setCurrentIndex(max(0, combo.findData(kind or "original")))
        combo.currentIndexChanged.connect(self._changed)
        combo.installEventFilter(self._enter)
        return combo

    def _count_spin(self, count: int) -> QSpinBox:
        spin = QSpinBox()
        spin.setRange(1, 99)
        spin.setValue(int(count or 1))
        spin.setSuffix(self.tr(" bản"))
        spin.valueChanged.connect(self._changed)
        spin.installEventFilter(self._enter)
        return spin

    def _set_documents(self, documents: Sequence[dict[str, Any]]) -> None:
        self._clear_grid(self.docs_grid)
        self._doc_rows = []
        for doc in documents:
            self.add_document_row(doc, rebuild_order=False)
        self.docs_empty.setVisible(not documents)
        self._update_tab_order()

    def add_document_row(
        self,
        doc: dict[str, Any] | None = None,
        *,
        focus: bool = False,
        rebuild_order: bool = True,
    ) -> None:
        """A checklist row; without `doc`, an empty "other document" row (ticked)."""
        custom = doc is None or bool(doc.get("custom"))
        doc = doc or {"name": "", "kind": "original", "count": 1, "checked": True, "custom": True}
        row_index = len(self._doc_rows)
        check = QCheckBox()
        check.setChecked(bool(doc.get("checked", True)))
        check.toggled.connect(self._changed)
        check.installEventFilter(self._enter)
        name_label = name_edit = remove = None
        if custom:
            name_edit = QLineEdit(doc.get("name") or "")
            name_edit.setPlaceholderText(self.tr("Tên giấy tờ khác"))
            name_edit.textChanged.connect(self._changed)
            name_edit.installEventFilter(self._enter)
            check.setAccessibleName(self.tr("Đã nhận giấy tờ khác"))
            remove = QToolButton()
            remove.setText("✕")
            remove.setToolTip(self.tr("Bỏ dòng này"))
            remove.setAutoRaise(True)
            name_widget: QWidget = name_edit
        else:
            name_label = QLabel(doc["name"])
            name_label.setWordWrap(True)
            name_label.setProperty("doc_name", doc["name"])
            name_label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
            check.setAccessibleName(doc["name"])
            check.setToolTip(
                self.tr("Đã nhận: {name} (phím cách để đánh dấu)").format(name=doc["name"])
            )
            name_widget = name_label
        kind = self._kind_combo(doc.get("kind") or "original")
        count = self._count_spin(doc.get("count") or 1)
        row = _DocRow(check, name_label, name_edit, kind, count, remove)
        self._doc_rows.append(row)
        self.docs_grid.addWidget(check, row_index, 0, Qt.AlignmentFlag.AlignTop)
        self.docs_grid.addWidget(name_widget, row_index, 1)
        self.docs_grid.addWidget(kind, row_index, 2, Qt.AlignmentFlag.AlignTop)
        self.docs_grid.addWidget(count, row_index, 3, Qt.AlignmentFlag.AlignTop)
        if remove is not None:
            self.docs_grid.addWidget(remove, row_index, 4, Qt.AlignmentFlag.AlignTop)
            remove.clicked.connect(lambda: self._remove_document_row(row))
        for widget in row.widgets:
            widget.show()  # now, not on the next layout pass: focus may go there at once
        self.docs_empty.hide()
        if rebuild_order:
            self._update_tab_order()
            self._changed()
        if focus and name_edit is not None:
            name_edit.setFocus()

    def _remove_document_row(self, row: _DocRow) -> None:
        state = [self._doc_state(r) for r in self._doc_rows if r is not row]
        self._set_documents(state)
        self.add_doc_button.setFocus()
        self._changed()

    def _doc_state(self, row: _DocRow) -> dict[str, Any]:
        return {
            "name": row.name,
            "kind": row.kind.currentData(),
            "count": row.count.value(),
            "checked": row.check.isChecked(),
            "custom": row.name_edit is not None,
        }

    def documents_state(self) -> list[dict[str, Any]]:
        return [self._doc_state(row) for row in self._doc_rows]

    # ------------------------------------------------------------------ fees
    def _set_fees(self, fees: Sequence[dict[str, Any]]) -> None:
        self._clear_grid(self.fees_grid)
        self._fee_rows = []
        for index, fee in enumerate(fees):
            label = QLabel(fee["name"])
            label.setWordWrap(True)
            amount = QSpinBox()
            amount.setRange(0, 2_000_000_000)
            amount.setSingleStep(1000)
            amount.setGroupSeparatorShown(True)
            amount.setLocale(QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam))
            amount.setSuffix(self.tr(" đồng"))
            amount.setValue(int(fee.get("amount") or 0))
            amount.setAccessibleName(fee["name"])
            amount.valueChanged.connect(self._fees_changed)
            amount.installEventFilter(self._enter)
            paid = QCheckBox(self.tr("Đã nộp"))
            paid.setChecked(bool(fee.get("paid")))
            paid.toggled.connect(self._changed)
            paid.installEventFilter(self._enter)
            self.fees_grid.addWidget(label, index, 0)
            self.fees_grid.addWidget(amount, index, 1, Qt.AlignmentFlag.AlignTop)
            self.fees_grid.addWidget(paid, index, 2, Qt.AlignmentFlag.AlignTop)
            self._fee_rows.append(_FeeRow(fee.get("code") or "", fee["name"], label, amount, paid))
            for widget in (label, amount, paid):
                widget.show()
        self._update_fees_total()
        self._update_tab_order()

    def _fees_changed(self) -> None:
        self._update_fees_total()
        self._changed()

    def fees_state(self) -> list[dict[str, Any]]:
        return [
            {"code": f.code, "name": f.name, "amount": f.amount.value(), "paid": f.paid.isChecked()}
            for f in self._fee_rows
        ]

    def _update_fees_total(self) -> None:
        if not self._fee_rows:
            self.fees_total.setText(self.tr("Không có phí, lệ phí"))
            return
        total = sum(f.amount.value() for f in self._fee_rows)
        self.fees_total.setText(self.tr("Tổng cộng: <b>{total}</b>").format(total=vnd(total)))

    # ------------------------------------------------------------------ scanner
    def _accepts_scan(self) -> bool:
        if not self.isVisible():
            return False
        modal = QApplication.activeModalWidget()
        return modal is None or modal is self.window()

    def _scanned(self, qr: CccdQr) -> None:
        if not shiboken6.isValid(self) or not self._accepts_scan():
            return
        if self.busy:
            self.show_message(self.tr("Đang lưu hồ sơ trước; hãy quét lại sau."), error=True)
            return
        self.apply_scan(qr)

    def _scan_failed(self, message: str) -> None:
        if shiboken6.isValid(self) and self._accepts_scan():
            self.show_message(message, error=True)

    def apply_scan(self, qr: CccdQr) -> None:
        """Fill the applicant from a chip-CCCD QR code, then go to the procedure picker."""
        self.full_name.setText(qr.full_name)
        self.id_type.setCurrentIndex(self.id_type.findData("cccd"))
        self.id_number.setText(qr.id_number)
        self.old_id.setText(qr.old_id_number)
        if qr.birth_date is not None:
            self.birth_date.setText(format_date(qr.birth_date))
        folded = fold(qr.sex)
        sex = "Nam" if folded == "nam" else "Nữ" if folded == "nu" else ""
        self.sex.setCurrentIndex(max(0, self.sex.findData(sex)))
        if qr.address:
            self.address.setText(qr.address)
        for key in ("full_name", "id_number", "old_id", "birth_date"):
            self._touched.add(key)
        self._validate("full_name", "id_number", "old_id", "birth_date")
        self.show_message(
            self.tr(
                "Đã đọc thẻ căn cước: {name}, số {number}. Kiểm tra địa chỉ và chọn xã/phường."
            ).format(name=qr.full_name, number=qr.id_number)
        )
        self.procedure_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        self._changed()

    # ------------------------------------------------------------------ state, drafts
    def state(self) -> dict[str, Any]:
        """Everything typed, JSON-serialisable (the draft)."""
        return {
            "v": 1,
            "full_name": self.full_name.text(),
            "id_type": self.id_type.currentData(),
            "id_number": self.id_number.text(),
            "old_id": self.old_id.text(),
            "birth_date": self.birth_date.text(),
            "sex": self.sex.currentData(),
            "phone": self.phone.text(),
            "email": self.email.text(),
            "address": self.address.text(),
            "ward_code": self.commune_search.payload,
            "ward_text": self.commune.text(),
            "procedure_code": self.procedure["code"] if self.procedure else "",
            "procedure_text": self.procedure_edit.text() if self.procedure is None else "",
            "rows_code": self._rows_code,
            "documents": self.documents_state(),
            "fees": self.fees_state(),
            "sets": self.sets.value(),
            "return_method": self.return_method.currentData(),
            "notes": self.notes.text(),
        }

    @staticmethod
    def _state_is_empty(state: dict[str, Any]) -> bool:
        texts = (
            "full_name",
            "id_number",
            "old_id",
            "birth_date",
            "phone",
            "email",
            "address",
            "ward_text",
            "procedure_code",
            "procedure_text",
            "notes",
        )
        return not any(str(state.get(key) or "").strip() for key in texts)

    def is_empty(self) -> bool:
        return self._state_is_empty(self.state())

    def apply_state(self, state: dict[str, Any]) -> None:
        """Fill the form from `state()` output (a draft)."""
        self._restoring = True
        try:
            self.full_name.setText(state.get("full_name") or "")
            self.id_type.setCurrentIndex(
                max(0, self.id_type.findData(state.get("id_type") or "cccd"))
            )
            self.id_number.setText(state.get("id_number") or "")
            self.old_id.setText(state.get("old_id") or "")
            self.birth_date.setText(state.get("birth_date") or "")
            self.sex.setCurrentIndex(max(0, self.sex.findData(state.get("sex") or "")))
            self.phone.setText(state.get("phone") or "")
            self.email.setText(state.get("email") or "")
            self.address.setText(state.get("address") or "")
            self._set_commune(state.get("ward_code"), state.get("ward_text") or "")
            procedure = self._procedure_by_code(state.get("procedure_code") or "")
            rows_for = self._procedure_by_code(state.get("rows_code") or "")
            if procedure is not None or rows_for is not None:
                self.set_procedure(
                    procedure or rows_for,
                    documents=state.get("documents") or [],
                    fees=state.get("fees") or [],
                )
            else:
                self.set_procedure(None)
            if procedure is None:
                self.procedure_edit.setText(state.get("procedure_text") or "")
            self.sets.setValue(int(state.get("sets") or 1))
            self.return_method.setCurrentIndex(
                max(0, self.return_method.findData(state.get("return_method") or "counter"))
            )
            self.notes.setText(state.get("notes") or "")
        finally:
            self._restoring = False
        self._touched = {
            k for k in ("full_name", "id_number", "birth_date", "phone", "email") if state.get(k)
        }
        self._validate(
            "full_name", "id_number", "old_id", "birth_date", "phone", "email", "commune"
        )
        self._changed()

    def _changed(self, *_args: object) -> None:
        if self._restoring:
            return
        # Not restarted by further typing: the draft is written at most DRAFT_DELAY_MS
        # after the first unsaved change, so steady typing cannot postpone it.
        if self.draft_offer is None and not self._draft_timer.isActive():
            self._draft_timer.start()

    def save_draft_now(self) -> None:
        """Write the draft now (the debounce timer calls this)."""
        self._draft_timer.stop()
        if self.draft_offer is not None or not self._draft_owner or self.busy:
            return
        service, officer = self.service, self._draft_owner
        state = self.state()
        if self._state_is_empty(state):
            self.ctx.run(lambda: drafts.clear_draft(service, officer), None, lambda _exc: None)
            return
        state["saved_at"] = clock.to_storage(clock.now())

        def saved(_none: None) -> None:
            self.draft_saves += 1

        def failed(exc: BaseException) -> None:
            if shiboken6.isValid(self):
                self.show_message(
                    self.tr("Không lưu được bản nháp: {error}").format(error=error_text(exc)),
                    error=True,
                )

        try:
            self.ctx.run(lambda: drafts.save_draft(service, officer, state), saved, failed)
        except RuntimeError:  # the background thread is already shut down (app closing)
            try:
                drafts.save_draft(service, officer, state)
            except Exception:  # noqa: BLE001 - last resort at shutdown; never crash closing
                pass

    def _offer_draft(self, draft: dict[str, Any]) -> None:
        self.draft_offer = draft
        who = draft.get("full_name") or self.tr("(chưa có họ tên)")
        procedure = self._procedure_by_code(draft.get("procedure_code") or "")
        when = draft.get("saved_at") or draft.get("_updated_at") or ""
        details = who + (f" — {procedure['name']}" if procedure else "")
        if when:
            details += self.tr(", lưu lúc {when}").format(when=when[11:16] + " " + _dmy(when))
        self.draft_text.setText(
            self.tr("<b>Khôi phục hồ sơ đang nhập dở?</b> {details}").format(
                details=_escape(details)
            )
        )
        self.draft_banner.show()
        self.restore_button.setFocus()

    def restore_draft(self) -> None:
        draft = self.draft_offer
        if draft is None:
            return
        self.draft_offer = None
        self.draft_banner.hide()
        self.apply_state(draft)
        self.show_message(self.tr("Đã khôi phục hồ sơ đang nhập dở."))
        self.full_name.setFocus()

    def discard_draft(self) -> None:
        if self.draft_offer is None:
            return
        self.draft_offer = None
        self.draft_banner.hide()
        service, officer = self.service, self._draft_owner
        self.ctx.run(lambda: drafts.clear_draft(service, officer), None, lambda _exc: None)
        if not self.is_empty():
            self._changed()
        self.full_name.setFocus()

    def hideEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt API)
        self.flush_draft()
        super().hideEvent(event)

    # ------------------------------------------------------------------ clearing
    def _text_fields(self) -> tuple[QLineEdit, ...]:
        """The free-text inputs: watched for changes (drafts) and emptied by clear_form."""
        return (
            self.full_name,
            self.id_number,
            self.old_id,
            self.birth_date,
            self.phone,
            self.email,
            self.address,
            self.notes,
        )

    def clear_form(self) -> None:
        self._restoring = True
        try:
            for edit in self._text_fields():
                edit.clear()
            self.id_type.setCurrentIndex(0)
            self.sex.setCurrentIndex(0)
            self.return_method.setCurrentIndex(0)
            self._set_commune(None)
            self.set_procedure(None)
            self.sets.setValue(1)
        finally:
            self._restoring = False
        self._touched = set()
        self._show_all_errors = False
        for key in self._fields:
            self._fields[key].findings = []
            self._render_field(key)
        self.full_name.setFocus()
        self.scroll.ensureWidgetVisible(self.full_name)

    def new_intake(self) -> None:
        """Ctrl+N: clear the form (the cleared content can be brought back once)."""
        if self.busy:
            return
        if not self.is_empty():
            self._cleared_state = self.state()
            self.undo_clear_button.show()
        self.clear_form()
        self.result_banner.hide()
        self.show_message("")
        self._changed()

    def undo_clear(self) -> None:
        if self._cleared_state is not None:
            self.apply_state(self._cleared_state)
            self._cleared_state = None
        self.undo_clear_button.hide()

    # ------------------------------------------------------------------ saving
    def receive_data(self) -> dict[str, Any]:
        """The `service.receive` JSON for what is on screen."""
        birth = self._birth()
        notes = self.notes.text().strip()
        old_id = identity.normalise_id_number(self.old_id.text())
        if old_id:
            notes = "; ".join(x for x in (self.tr("Số CMND cũ: {n}").format(n=old_id), notes) if x)
        return {
            "procedure_code": self.procedure["code"] if self.procedure else "",
            "applicant": {
                "full_name": self.full_name.text(),
                "id_number": self.id_number.text(),
                "id_type": self.id_type.currentData(),
                "birth_date": birth.isoformat() if birth else "",
                "sex": self.sex.currentData(),
                "phone": self.phone.text(),
                "email": self.email.text().strip(),
                "address": self.address.text(),
                "ward_code": self.commune_search.payload,
            },
            "documents": [
                {"name": d["name"], "kind": d["kind"], "count": d["count"]}
                for d in self.documents_state()
                if d["checked"] and d["name"]
            ],
            "fees": self.fees_state(),
            "sets": self.sets.value(),
            "officer": self.officer,
            "channel": "counter",
            "return_method": self.return_method.currentData(),
            "notes": notes,
        }

    def _ready_to_save(self) -> dict[str, Any] | None:
        """Validate everything; show the problems and return None, or the receive JSON."""
        if self.busy:
            return None
        if not self.ready:
            self.show_message(self.tr("Đang tải danh mục, vui lòng chờ."), error=True)
            return None
        if self.commune.text().strip() and self.commune_search.payload is None:
            self.commune_search.resolve()
        if self.procedure is None and self.procedure_edit.text().strip():
            self.procedure_search.resolve()
        self._show_all_errors = True
        problems = self.errors()
        for key in self._fields:
            self._render_field(key)
        if problems:
            first = next(iter(problems))
            self._fields[first].editor.setFocus()
            self.scroll.ensureWidgetVisible(self._fields[first].editor)
            count = sum(len(v) for v in problems.values())
            self.show_message(
                self.tr("Còn {n} lỗi cần sửa trước khi lưu: {first}").format(
                    n=count, first=problems[first][0]
                ),
                error=True,
            )
            return None
        return self.receive_data()

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.form_area.setEnabled(not busy)
        for button in (
            self.save_button,
            self.supplement_button,
            self.refuse_button,
            self.new_button,
        ):
            button.setEnabled(not busy)
        if busy:
            self._draft_timer.stop()

    def _save_failed(self, exc: BaseException) -> None:
        """The service refused: keep everything typed, point at the field."""
        if not shiboken6.isValid(self):
            return
        self._set_busy(False)
        message = error_text(exc)
        field_name = getattr(exc, "field", "")
        key = field_name.removeprefix("applicant.").split("[")[0]
        key = {
            "ward_code": "commune",
            "procedure_code": "procedure",
            "province_code": "commune",
        }.get(key, key)
        if key in self._fields:
            self._fields[key].findings = [("error", message)]
            self._touched.add(key)
            self._render_field(key)
            self._fields[key].editor.setFocus()
            self.scroll.ensureWidgetVisible(self._fields[key].editor)
        self.show_message(
            self.tr("Chưa lưu được hồ sơ: {message}").format(message=message), error=True
        )
        self._changed()

    def _after_saved(self, dossier: dict[str, Any], warnings: Sequence[Any], headline: str) -> None:
        """Common end of every save: show the code, clear form and draft, notify."""
        self._set_busy(False)
        code = dossier["code"]
        self.last_code = code
        self.last_dossier = dossier
        self.result_title.setText(headline)
        self.issued_code.setText(code)
        details = [
            self.tr("Người nộp: {name}").format(name=dossier["applicant"]["full_name"]),
            self.tr("Hẹn trả: {due}").format(due=due_text(dossier.get("due_at"))),
        ]
        self.result_details.setText(" · ".join(details))
        if warnings:
            self.result_details.setText(
                self.result_details.text()
                + "<br>"
                + "<br>".join(
                    f'<span style="color:{_COLOURS["warning"]}">{_escape(w.message)}</span>'
                    for w in warnings
                )
            )
        self.result_banner.show()
        self.show_message("")
        self._cleared_state = None
        self.undo_clear_button.hide()
        self.clear_form()
        service, officer = self.service, self._draft_owner
        self.ctx.run(lambda: drafts.clear_draft(service, officer), None, lambda _exc: None)
        self.ctx.signals.dossiers_changed.emit(code)
        self.saved.emit(code)

    def save_and_print(self) -> None:
        """Ctrl+Enter: validate, save (background), show the code, then preview Mẫu 01."""
        data = self._ready_to_save()
        if data is None:
            return
        self._set_busy(True)
        service = self.service

        def job() -> tuple[Any, bytes | None, str, str]:
            result = service.intake.receive(data)
            paper = service.settings.get("paper")
            try:
                pdf = service.prints.render(result.dossier, "receipt", paper=paper)
                error = ""
            except Exception as exc:  # the dossier is saved; print it again from its detail
                pdf, error = None, error_text(exc)
            return result, pdf, error, paper

        def done(out: tuple[Any, bytes | None, str, str]) -> None:
            if not shiboken6.isValid(self):
                return
            result, pdf, error, paper = out
            self._after_saved(
                result.dossier, result.warnings, self.tr("Đã tiếp nhận hồ sơ, mã hồ sơ:")
            )
            if pdf is None:
                self.show_message(
                    self.tr(
                        "Hồ sơ đã lưu nhưng chưa tạo được Giấy tiếp nhận: {error}. "
                        "Mở hồ sơ để in lại."
                    ).format(error=error),
                    error=True,
                )
                return
            dossier = result.dossier
            self.show_preview(
                pdf,
                dossier,
                title=self.tr("Giấy tiếp nhận hồ sơ và hẹn trả kết quả"),
                form="receipt",
                copies=RECEIPT_COPIES,
                paper=paper,
                rerender=lambda p: service.prints.render(dossier, "receipt", paper=p),
            )

        self.ctx.run(job, done, self._save_failed)

    def show_preview(
        self,
        pdf: bytes,
        dossier: dict[str, Any],
        *,
        title: str,
        form: str,
        copies: Sequence[str],
        paper: str = "a4",
        rerender: Callable[[str], bytes] | None = None,
    ) -> PreviewDialog:
        preview = open_logged_preview(
            self.ctx,
            self,
            pdf,
            code=dossier["code"],
            form=form,
            title=title,
            copies=copies,
            officer=self.officer,
            on_error=guard(self, lambda exc: self.show_message(error_text(exc), error=True)),
            paper=paper,
            rerender=rerender,
        )
        preview.finished.connect(lambda _r: self._preview_closed())
        self.preview = preview
        preview.open()
        return preview

    def _preview_closed(self) -> None:
        if shiboken6.isValid(self) and self.isVisible() and not self.busy:
            self.window().activateWindow()
            self.full_name.setFocus()

    def request_supplement(self) -> None:
        """Record the dossier and ask for more documents (status 5, Mẫu 02), atomically."""
        data = self._ready_to_save()
        if data is None:
            return
        missing = [dict(d, checked=not d["checked"]) for d in self.documents_state() if d["name"]]
        self._record_with_status(
            data,
            SupplementDialog(missing, self),
            Status.SUPPLEMENT_REQUESTED,
            lambda values: (values["reason"], values["items"]),
            form="supplement",
            title=self.tr("Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (Mẫu 02)"),
            saved_text=self.tr("Đã ghi nhận hồ sơ và yêu cầu bổ sung, mã hồ sơ:"),
        )

    def refuse(self) -> None:
        """Refuse at reception (Mẫu 03): the dossier is recorded and refused in one
        transaction, so the refusal has a code, is on record and reaches the portal."""
        data = self._ready_to_save()
        if data is None:
            return
        self._record_with_status(
            data,
            RefusalDialog(self, note=""),
            Status.REFUSED,
            # one reason a line, as Mẫu 03 lists them
            lambda values: ("\n".join(values["reasons"]), None),
            form="refusal",
            title=self.tr("Phiếu từ chối tiếp nhận giải quyết hồ sơ (Mẫu 03)"),
            saved_text=self.tr("Đã từ chối tiếp nhận hồ sơ, mã hồ sơ:"),
        )

    def _record_with_status(
        self,
        data: dict[str, Any],
        dialog: Any,
        target: Status,
        reason_and_documents: Callable[[dict[str, Any]], tuple[str, list[Any] | None]],
        *,
        form: str,
        title: str,
        saved_text: str,
    ) -> None:
        """Ask the dialog, then record the dossier and move it to `target` in one
        transaction, and render the form from what was recorded."""
        dialog.setModal(True)
        self.action_dialog = dialog
        service, by = self.service, self.officer

        def submit(values: dict[str, Any]) -> None:
            reason, documents = reason_and_documents(values)

            def job() -> tuple[dict[str, Any], list[Any], bytes | None, str]:
                result = service.intake.receive_with_status(
                    data, int(target), by=by, reason=reason, documents=documents
                )
                dossier = result.dossier
                try:  # the dossier is saved either way; the form can be printed later
                    return dossier, result.warnings, service.prints.render(dossier, form), ""
                except Exception as exc:
                    return dossier, result.warnings, None, error_text(exc)

            def done(out: tuple[dict[str, Any], list[Any], bytes | None, str]) -> None:
                dialog.accept()
                if not shiboken6.isValid(self):
                    return
                dossier, warnings, pdf, error = out
                self._after_saved(dossier, warnings, saved_text)
                if pdf is None:
                    self.show_message(
                        self.tr("Chưa tạo được phiếu: {error}").format(error=error), error=True
                    )
                    return
                self.show_preview(pdf, dossier, title=title, form=form, copies=CITIZEN_COPY)

            def failed(exc: BaseException) -> None:
                dialog.fail(error_text(exc))
                self._save_failed(exc)

            self._set_busy(True)
            self.ctx.run(job, done, failed)

        dialog.on_submit = submit
        dialog.open()

    def open_last(self) -> None:
        if not self.last_code:
            return
        self.detail = DossierDetailDialog(self.ctx, self.last_code, self)
        self.detail.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.detail.open()


def _escape(value: object) -> str:
    text = "" if value is None else str(value)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _dmy(stored: str) -> str:
    return f"{stored[8:10]}/{stored[5:7]}/{stored[0:4]}" if len(stored) >= 10 else stored
