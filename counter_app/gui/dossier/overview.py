"""The detail dialog's first tab: the applicant, the dossier, its documents and fees.

Texts stay in the translation context of DossierDetailDialog (the tab is part of that
screen), hence QCoreApplication.translate with that context instead of self.tr.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from counter_app.domain.residence import full_address
from counter_app.forms.formats import (
    doc_kind_text,
    id_kind_text,
    parse_moment,
    processing_time_text,
    short_date,
    vnd,
)
from counter_app.gui.widgets.tables import fill_table, make_table
from counter_app.gui.widgets.texts import due_text, html_escape, moment_text


def _value_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    return label


def _joined(parts: Sequence[Any], separator: str = ", ") -> str:
    return separator.join(str(part) for part in parts if part)


class DossierOverview(QWidget):
    """Labelled values (`fields`, keyed by name) and the documents and fees tables."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.fields: dict[str, QLabel] = {}
        self._forms: list[QFormLayout] = []
        translate = QCoreApplication.translate
        applicant = self._group(
            translate("DossierDetailDialog", "Người nộp hồ sơ"),
            [
                ("full_name", translate("DossierDetailDialog", "Họ và tên:")),
                ("id", translate("DossierDetailDialog", "Giấy tờ:")),
                ("birth", translate("DossierDetailDialog", "Ngày sinh, giới tính:")),
                ("contact", translate("DossierDetailDialog", "Điện thoại, email:")),
                ("address", translate("DossierDetailDialog", "Địa chỉ:")),
            ],
        )
        dossier = self._group(
            translate("DossierDetailDialog", "Hồ sơ"),
            [
                ("procedure", translate("DossierDetailDialog", "Thủ tục:")),
                ("field", translate("DossierDetailDialog", "Lĩnh vực, thời hạn:")),
                ("received", translate("DossierDetailDialog", "Tiếp nhận:")),
                ("due", translate("DossierDetailDialog", "Hẹn trả kết quả:")),
                ("sets", translate("DossierDetailDialog", "Số bộ, nhận kết quả:")),
                ("returned", translate("DossierDetailDialog", "Đã trả:")),
                ("notes", translate("DossierDetailDialog", "Ghi chú:")),
            ],
        )
        self.documents_table = make_table(
            [
                translate("DossierDetailDialog", "Tên giấy tờ"),
                translate("DossierDetailDialog", "Loại"),
                translate("DossierDetailDialog", "Số lượng"),
            ],
            stretch=0,
        )
        self.fees_table = make_table(
            [
                translate("DossierDetailDialog", "Phí, lệ phí"),
                translate("DossierDetailDialog", "Mức thu"),
                translate("DossierDetailDialog", "Đã nộp"),
            ],
            stretch=0,
        )
        self.fees_total = QLabel()
        self.fees_total.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        docs_box = QGroupBox(translate("DossierDetailDialog", "Thành phần hồ sơ"))
        QVBoxLayout(docs_box).addWidget(self.documents_table)
        fees_box = QGroupBox(translate("DossierDetailDialog", "Phí, lệ phí"))
        fees_layout = QVBoxLayout(fees_box)
        fees_layout.addWidget(self.fees_table)
        fees_layout.addWidget(self.fees_total)
        grid = QGridLayout(self)
        grid.addWidget(applicant, 0, 0)
        grid.addWidget(dossier, 0, 1)
        grid.addWidget(docs_box, 1, 0)
        grid.addWidget(fees_box, 1, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(1, 1)

    def _group(self, title: str, rows: Sequence[tuple[str, str]]) -> QGroupBox:
        box = QGroupBox(title)
        form = QFormLayout(box)
        self._forms.append(form)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        for key, text in rows:
            label = _value_label()
            self.fields[key] = label
            form.addRow(text, label)
        return box

    def show_dossier(self, d: dict[str, Any]) -> None:
        for key, text in overview_values(d).items():
            self.fields[key].setText(text or "—")
        for form in self._forms:
            form.invalidate()  # wrapped values change the row heights
        fill_table(
            self.documents_table,
            [
                [doc["name"], doc_kind_text(doc["kind"]), str(doc["count"])]
                for doc in d["documents"]
            ],
        )
        paid = QCoreApplication.translate("DossierDetailDialog", "Đã nộp")
        unpaid = QCoreApplication.translate("DossierDetailDialog", "Chưa nộp")
        free = QCoreApplication.translate("DossierDetailDialog", "Không thu phí")
        fill_table(
            self.fees_table,
            [
                [
                    fee["name"],
                    vnd(fee["amount"]),
                    free if not fee["amount"] else paid if fee["paid"] else unpaid,
                ]
                for fee in d["fees"]
            ],
        )
        self.fees_total.setText(
            QCoreApplication.translate("DossierDetailDialog", "Tổng cộng: <b>{total}</b>").format(
                total=vnd(sum(fee["amount"] for fee in d["fees"]))
            )
        )


def overview_values(d: dict[str, Any]) -> dict[str, str]:
    """The rich text of each labelled value of the overview, keyed like `fields`."""
    translate = QCoreApplication.translate
    a = d["applicant"]
    p = d["procedure"]
    birth = ""
    if a.get("birth_date"):
        moment = parse_moment(a["birth_date"])
        birth = short_date(moment.date()) if moment else a["birth_date"]
    id_text = ""
    if a.get("id_number"):
        id_text = f"{id_kind_text(a.get('id_type'))}: {a['id_number']}"
    address = full_address(a.get("address"), a.get("commune_name"), a.get("province_name"))
    officer = translate("DossierDetailDialog", "cán bộ")
    sets = translate("DossierDetailDialog", "bộ")
    if d.get("return_method") == "post":
        method = translate("DossierDetailDialog", "qua bưu chính")
    else:
        method = translate("DossierDetailDialog", "tại Bộ phận Một cửa")
    returned = _joined(
        (
            moment_text(d.get("returned_at")),
            d.get("collected_by") or "",
            d.get("collected_id_number") or "",
        )
    )
    return {
        "full_name": f"<b>{html_escape(a.get('full_name'))}</b>",
        "id": html_escape(id_text),
        "birth": html_escape(_joined((birth, a.get("sex") or ""))),
        "contact": html_escape(_joined((a.get("phone"), a.get("email")))),
        "address": html_escape(address),
        "procedure": f"<b>{html_escape(p.get('name'))}</b> ({html_escape(p.get('code'))})",
        "field": html_escape(
            f"{p.get('field_name') or ''}; "
            f"{processing_time_text(p.get('processing_time'), p.get('time_unit'))}"
        ),
        "received": html_escape(
            f"{moment_text(d.get('received_at'))}, {officer} {d.get('officer_name')}"
        ),
        "due": f"<b>{html_escape(due_text(d.get('due_at')))}</b>",
        "sets": html_escape(f"{d.get('sets') or 1} {sets}; {method}"),
        "returned": html_escape(returned or "—"),
        "notes": html_escape(d.get("notes") or "—"),
    }
