"""Producing a form for printing: render it and record it in the print log, in one place.

A form printed before is a reprint: it needs a reason and carries "BẢN IN LẠI".
"""

from __future__ import annotations

from datetime import date
from typing import Any

from counter_app import forms
from counter_app.services import CounterService, InputError

RECEIPT_COPIES = ("Liên 1: Lưu", "Liên 2: Giao người nộp")
FORM_NAMES = {
    "receipt": "Mẫu 01 - Giấy tiếp nhận hồ sơ và hẹn trả kết quả",
    "supplement": "Mẫu 02 - Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ",
    "refusal": "Mẫu 03 - Phiếu từ chối tiếp nhận giải quyết hồ sơ",
    "control": "Phiếu kiểm soát quá trình giải quyết hồ sơ",
}


def _last_event(dossier: dict[str, Any], status: int) -> dict[str, Any] | None:
    matching = [e for e in dossier["events"] if e["to_status"] == status]
    return matching[-1] if matching else None


def render_form(
    service: CounterService,
    dossier: dict[str, Any],
    form: str,
    *,
    paper: str = "a4",
    reprint: bool = False,
) -> bytes:
    """The PDF of one form for a dossier (no logging; see produce_form)."""
    centre = service.settings.centre()
    if form == "receipt":
        return forms.render_receipt(dossier, centre, paper=paper, reprint=reprint)
    if form == "control":
        return forms.render_control(dossier, centre)
    if form == "supplement":
        event = _last_event(dossier, 5)
        if event is None:
            raise InputError("form", "Hồ sơ chưa có yêu cầu bổ sung (trạng thái 5) để in Mẫu 02")
        return forms.render_supplement(
            dossier,
            centre,
            items=event["detail"].get("documents", []),
            reason=event["reason"],
            officer_name=event["by_name"],
        )
    if form == "refusal":
        event = _last_event(dossier, 3)
        if event is None:
            raise InputError("form", "Hồ sơ chưa bị từ chối tiếp nhận (trạng thái 3) để in Mẫu 03")
        reasons = [line.strip() for line in event["reason"].splitlines() if line.strip()]
        return forms.render_refusal(dossier, centre, reasons=reasons, officer_name=event["by_name"])
    raise InputError("form", f"Không có mẫu '{form}' (receipt, supplement, refusal, control)")


def produce_form(
    service: CounterService,
    code: str,
    form: str,
    *,
    officer: str,
    paper: str = "a4",
    reprint_reason: str = "",
) -> bytes:
    """Render a form for printing and log it; a second print of a form is a reprint."""
    if paper not in ("a4", "80mm"):
        raise InputError("paper", "Khổ giấy chỉ nhận 'a4' hoặc '80mm'")
    service.staff.get(officer)
    dossier = service.dossiers.get(code)
    reprint = service.prints.was_printed(code, form)
    if reprint and not reprint_reason.strip():
        raise InputError(
            "reprint_reason",
            f"{FORM_NAMES.get(form, form)} của hồ sơ này đã được in; in lại cần ghi lý do",
        )
    pdf = render_form(service, dossier, form, paper=paper, reprint=reprint)
    copies = list(RECEIPT_COPIES) if form == "receipt" else ["1"]
    service.prints.record(
        code,
        form=form,
        officer=officer,
        copies=copies,
        paper=paper,
        reprint_reason=reprint_reason if reprint else "",
    )
    return pdf


def produce_register(service: CounterService, date_from: date, date_to: date) -> bytes:
    if date_to < date_from:
        raise InputError("to", "Ngày kết thúc phải sau ngày bắt đầu")
    rows: list[dict[str, Any]] = []
    before = None
    while True:
        page = service.search.dossiers(
            "", date_from=date_from, date_to=date_to, limit=1000, before_id=before
        )
        rows += page
        if len(page) < 1000:
            break
        before = page[-1]["id"]
    dossiers = [service.dossiers.get(r["code"]) for r in reversed(rows)]  # oldest first
    return forms.render_register(
        dossiers, service.settings.centre(), date_from=date_from, date_to=date_to
    )
