"""The applicant block of the intake screen: name, identity papers, contact, address and
the commune (accent-insensitive type-ahead; the province follows from it)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox, QLabel, QLineEdit, QWidget

from counter_app.domain import addresses
from counter_app.gui.intake.fields import ID_TYPES, SEXES, FieldChecks, commune_display
from counter_app.gui.widgets.search_field import SearchField
from counter_app.services.intake_form import IntakeForm

# The applicant's keys in `IntakeForm` that are plain editors (the commune is separate).
TEXT_KEYS = ("full_name", "id_number", "old_id", "birth_date", "phone", "email", "address")
COMBO_KEYS = ("id_type", "sex")
# Editor -> the findings it changes while typed (the birth date checks the CCCD number too).
LIVE_CHECKS = {
    "full_name": ("full_name",),
    "id_number": ("id_number",),
    "old_id": ("old_id",),
    "birth_date": ("birth_date", "id_number"),
    "phone": ("phone",),
    "email": ("email",),
}


class ApplicantBox(QGroupBox):
    """The "Người nộp hồ sơ" group. `changed` on every edit; `advance` asks the screen to
    move to the next field (a commune was picked with Enter)."""

    changed = Signal()
    advance = Signal()

    def __init__(self, checks: FieldChecks, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Người nộp hồ sơ"))
        self.checks = checks
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
        self._lay_out()
        self.commune_search = SearchField(
            self.commune, self._search_communes, self, popup_width=420
        )
        self.commune_search.chosen.connect(self._commune_chosen)
        self._connect()

    def _lay_out(self) -> None:
        form = QFormLayout(self)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        add = self.checks.add
        add(form, "full_name", self.tr("Họ &và tên:"), self.full_name, self.tr("Alt+V"))
        add(form, "id_type", self.tr("&Loại giấy tờ:"), self.id_type, self.tr("Alt+L"))
        add(
            form,
            "id_number",
            self.tr("Số g&iấy tờ:"),
            self.id_number,
            self.tr("Alt+I. Quét mã QR trên thẻ căn cước để điền tự động."),
        )
        add(form, "old_id", self.tr("Số CMN&D cũ:"), self.old_id, self.tr("Alt+D"))
        add(form, "birth_date", self.tr("Ngà&y sinh:"), self.birth_date, self.tr("Alt+Y"))
        add(form, "sex", self.tr("Giới tí&nh:"), self.sex, self.tr("Alt+N"))
        add(form, "phone", self.tr("Điện th&oại:"), self.phone, self.tr("Alt+O"))
        add(form, "email", self.tr("&Email:"), self.email, self.tr("Alt+E"))
        add(form, "address", self.tr("Đị&a chỉ:"), self.address, self.tr("Alt+A"))
        add(
            form,
            "commune",
            self.tr("&Xã/phường:"),
            self.commune,
            self.tr("Alt+X. Gõ vài chữ (không cần dấu), chọn trong danh sách."),
        )
        form.addRow(self.tr("Tỉnh/thành phố:"), self.province_label)

    def _connect(self) -> None:
        for edit in self.text_fields():
            edit.textChanged.connect(self.changed)
        for combo in (self.id_type, self.sex):
            combo.currentIndexChanged.connect(self.changed)
            combo.currentIndexChanged.connect(lambda _i: self.checks.validate("id_number"))
        for key, keys in LIVE_CHECKS.items():
            edit = getattr(self, key)
            edit.textChanged.connect(lambda _t, keys=keys: self.checks.validate(*keys))
            edit.editingFinished.connect(lambda key=key: self.checks.touch(key))
        self.birth_date.editingFinished.connect(self._tidy_birth_date)
        self.commune.textChanged.connect(self._commune_edited)
        self.commune.editingFinished.connect(self._commune_left)

    # ------------------------------------------------------------------ the screen's view
    def text_fields(self) -> tuple[QLineEdit, ...]:
        return tuple(getattr(self, key) for key in TEXT_KEYS)

    def focus_chain(self) -> list[QWidget]:
        """The Tab order of this block."""
        first = [self.full_name, self.id_type, self.id_number, self.old_id, self.birth_date]
        return [*first, self.sex, self.phone, self.email, self.address, self.commune]

    def values(self) -> dict[str, Any]:
        """This block's part of the `IntakeForm`."""
        return {
            **{key: getattr(self, key).text() for key in TEXT_KEYS},
            **{key: getattr(self, key).currentData() for key in COMBO_KEYS},
            "ward_code": self.commune_search.payload,
            "ward_text": self.commune.text(),
        }

    def set_values(self, values: Mapping[str, Any]) -> None:
        """Fill the editors named in `values` (from a draft or a QR scan); others stay."""
        for key in TEXT_KEYS:
            if key in values:
                getattr(self, key).setText(values[key] or "")
        defaults = {"id_type": "cccd", "sex": ""}
        for key in COMBO_KEYS:
            if key in values:
                combo: QComboBox = getattr(self, key)
                combo.setCurrentIndex(max(0, combo.findData(values[key] or defaults[key])))
        if "ward_code" in values or "ward_text" in values:
            self.set_commune(values.get("ward_code"), values.get("ward_text") or "")

    def clear(self) -> None:
        for edit in self.text_fields():
            edit.clear()
        self.id_type.setCurrentIndex(0)
        self.sex.setCurrentIndex(0)
        self.set_commune(None)

    def commune_enter_pressed(self) -> bool:
        """Enter in the commune: True when the focus may move on (empty, or a commune is
        chosen); otherwise the suggestions are shown."""
        text = self.commune.text()
        if not text.strip() or self.commune_search.resolve():
            return True
        self.commune_search.show_results(self.commune_search.results(text))
        return False

    def resolve_commune(self) -> None:
        """A commune typed but not picked: pick it if the text names exactly one."""
        if self.commune.text().strip() and self.commune_search.payload is None:
            self.commune_search.resolve()

    def _tidy_birth_date(self) -> None:
        tidy = IntakeForm(birth_date=self.birth_date.text()).tidy_birth_date()
        if self.birth_date.text() != tidy:
            self.birth_date.setText(tidy)

    # ------------------------------------------------------------------ commune
    def _search_communes(self, text: str) -> list[tuple[str, Any]]:
        return [(commune_display(c), c.code) for c in addresses.find_communes(text, limit=15)]

    def _commune_chosen(self, code: int) -> None:
        commune = addresses.commune(code)
        self.province_label.setText(commune.province_name)
        self.checks.validate("commune")
        self.changed.emit()
        if self.commune.hasFocus():
            self.advance.emit()

    def _commune_edited(self, text: str) -> None:
        if text != self.commune_search.display:
            self.commune_search.payload = None
            self.province_label.setText("")
        if not text.strip():
            self.checks.validate("commune")
        self.changed.emit()

    def _commune_left(self) -> None:
        self.resolve_commune()
        self.checks.touched.add("commune")
        self.checks.validate("commune")

    def set_commune(self, code: int | None, text: str = "") -> None:
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
