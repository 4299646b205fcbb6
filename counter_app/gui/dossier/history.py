"""The detail dialog's history tabs: status changes, due-date changes, hand-overs to the
deciding agency and the print log.

Texts stay in the translation context of DossierDetailDialog (these tabs are part of that
screen), hence QCoreApplication.translate with that context instead of self.tr.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QTableWidget

from counter_app.forms.registry import form_title
from counter_app.gui.widgets.tables import fill_table, make_table
from counter_app.gui.widgets.texts import due_text, moment_text, status_label


def make_events_table() -> QTableWidget:
    translate = QCoreApplication.translate
    return make_table(
        [
            translate("DossierDetailDialog", "Thời điểm"),
            translate("DossierDetailDialog", "Chuyển trạng thái"),
            translate("DossierDetailDialog", "Người thực hiện"),
            translate("DossierDetailDialog", "Lý do"),
        ],
        stretch=3,
    )


def make_due_changes_table() -> QTableWidget:
    translate = QCoreApplication.translate
    return make_table(
        [
            translate("DossierDetailDialog", "Thời điểm"),
            translate("DossierDetailDialog", "Loại"),
            translate("DossierDetailDialog", "Hẹn trả cũ → mới"),
            translate("DossierDetailDialog", "Người thực hiện"),
            translate("DossierDetailDialog", "Lý do"),
        ],
        stretch=4,
    )


def make_handovers_table() -> QTableWidget:
    translate = QCoreApplication.translate
    return make_table(
        [
            translate("DossierDetailDialog", "Thời điểm"),
            translate("DossierDetailDialog", "Chiều"),
            translate("DossierDetailDialog", "Cơ quan giải quyết"),
            translate("DossierDetailDialog", "Người giao"),
            translate("DossierDetailDialog", "Người nhận"),
            translate("DossierDetailDialog", "Ghi chú"),
        ],
        stretch=5,
    )


def make_prints_table() -> QTableWidget:
    translate = QCoreApplication.translate
    return make_table(
        [
            translate("DossierDetailDialog", "Thời điểm"),
            translate("DossierDetailDialog", "Biểu mẫu"),
            translate("DossierDetailDialog", "Liên"),
            translate("DossierDetailDialog", "Khổ giấy"),
            translate("DossierDetailDialog", "Người in"),
            translate("DossierDetailDialog", "Lý do in lại"),
        ],
        stretch=5,
    )


def fill_events(table: QTableWidget, events: list[dict[str, Any]]) -> None:
    fill_table(
        table,
        [
            [
                moment_text(e["at"]),
                (
                    f"{status_label(e['from_status'])} → {status_label(e['to_status'])}"
                    if e.get("from_status")
                    else status_label(e["to_status"])
                ),
                e.get("by_name") or e.get("by") or "",
                _event_note(e),
            ]
            for e in events
        ],
    )


def _event_note(event: dict[str, Any]) -> str:
    """The reason, and for a returned result who collected it (name, identity number)."""
    detail = event.get("detail") or {}
    parts = [event.get("reason") or ""]
    if detail.get("collected_by"):
        collector = QCoreApplication.translate(
            "DossierDetailDialog", "Người nhận kết quả: {name}"
        ).format(name=detail["collected_by"])
        if detail.get("collected_id_number"):
            collector += f" ({detail['collected_id_number']})"
        parts.append(collector)
    return "; ".join(part for part in parts if part)


def fill_due_changes(table: QTableWidget, changes: list[dict[str, Any]]) -> None:
    kinds = {
        "moved": QCoreApplication.translate("DossierDetailDialog", "Dời ngày hẹn"),
        "supplement": QCoreApplication.translate("DossierDetailDialog", "Sau bổ sung"),
    }
    fill_table(
        table,
        [
            [
                moment_text(c["at"]),
                kinds.get(c["kind"], c["kind"]),
                f"{due_text(c['old_due'])} → {due_text(c['new_due'])}",
                c.get("by") or "",
                c.get("reason") or "",
            ]
            for c in changes
        ],
    )


def fill_handovers(table: QTableWidget, handovers: list[dict[str, Any]]) -> None:
    directions = {
        "out": QCoreApplication.translate("DossierDetailDialog", "Chuyển xử lý"),
        "back": QCoreApplication.translate("DossierDetailDialog", "Nhận lại kết quả"),
    }
    fill_table(
        table,
        [
            [
                moment_text(h["at"]),
                directions.get(h["direction"], h["direction"]),
                h.get("agency") or "",
                h.get("giver") or "",
                h.get("receiver") or "",
                h.get("notes") or "",
            ]
            for h in handovers
        ],
    )


def fill_prints(table: QTableWidget, prints: list[dict[str, Any]]) -> None:
    fill_table(
        table,
        [
            [
                moment_text(pr["at"]),
                form_title(pr["form"], short=True),
                pr.get("copy") or "",
                "A4" if pr.get("paper") == "a4" else (pr.get("paper") or ""),
                pr.get("officer") or "",
                pr.get("reprint_reason") or "",
            ]
            for pr in prints
        ],
    )
