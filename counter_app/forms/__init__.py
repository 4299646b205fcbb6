"""Print-ready PDFs of the official one-stop-shop forms (ReportLab, no Qt).

Every renderer takes the service layer's plain dicts and returns PDF bytes with
Liberation Serif embedded; `formats` holds the Vietnamese wording shared with the GUI.
"""

from __future__ import annotations

from collections.abc import Callable

from .followup import render_control, render_refusal, render_supplement
from .probe import render_text_probe
from .receipt import render_receipt
from .register import render_register

FORMS: dict[str, Callable[..., bytes]] = {
    "receipt": render_receipt,
    "supplement": render_supplement,
    "refusal": render_refusal,
    "control": render_control,
}

__all__ = [
    "FORMS",
    "render_control",
    "render_receipt",
    "render_refusal",
    "render_register",
    "render_supplement",
    "render_text_probe",
]
