"""How the intake screen is laid out: every widget it shows, built once (the part Qt
Designer's setupUi would be). `IntakeWidget` inherits it; the behaviour lives elsewhere."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from counter_app.gui.intake.fields import ID_TYPES, RETURN_METHODS, SEXES, FieldSlot
from counter_app.gui.widgets.search_field import SearchField


class IntakeLayout:
    """The widgets of `IntakeWidget` (a mixin: `self` is the QWidget)."""

    _fields: dict[str, FieldSlot]
    _enter: Any

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
        self._fields[key] = FieldSlot(key, editor, message, form)
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
