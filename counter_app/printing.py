"""Producing a form for printing: render it and record it in the print log, in one place.

A form printed before is a reprint: it needs a reason and carries "BẢN IN LẠI".
"""

from __future__ import annotations

from datetime import date
from typing import Any

from counter_app import forms
from counter_app.forms.registry import PAPER_SIZES, FormError, form_spec, form_title
from counter_app.services import CounterService, InputError


def render_form(
    service: CounterService,
    dossier: dict[str, Any],
    form: str,
    *,
    paper: str = "a4",
    reprint: bool = False,
) -> bytes:
    """The PDF of one form for a dossier (no logging; see produce_form)."""
    try:
        spec = form_spec(form)
        return spec.render(dossier, service.settings.centre(), paper=paper, reprint=reprint)
    except FormError as exc:
        raise InputError("form", str(exc)) from None


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
    if paper not in PAPER_SIZES:
        raise InputError("paper", "Khổ giấy chỉ nhận 'a4' hoặc '80mm'")
    service.staff.get(officer)
    dossier = service.dossiers.get(code)
    reprint = service.prints.was_printed(code, form)
    if reprint and not reprint_reason.strip():
        raise InputError(
            "reprint_reason",
            f"{form_title(form)} của hồ sơ này đã được in; in lại cần ghi lý do",
        )
    pdf = render_form(service, dossier, form, paper=paper, reprint=reprint)
    copies = list(form_spec(form).copies)
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
