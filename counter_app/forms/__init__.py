"""Print-ready PDFs of the official one-stop-shop forms (ReportLab, no Qt).

Every renderer takes the service layer's plain dicts and returns PDF bytes with
Liberation Serif embedded; `formats` holds the Vietnamese wording shared with the GUI.
`registry.FORMS` is the one table of the forms printed for a dossier.
"""

from __future__ import annotations

from .counter_sheets import render_handback, render_handover_list
from .followup import (
    render_apology,
    render_control,
    render_refusal,
    render_stop,
    render_supplement,
)
from .probe import render_text_probe
from .receipt import render_receipt
from .register import render_register
from .registry import FORMS, FormSpec

__all__ = [
    "FORMS",
    "FormSpec",
    "render_apology",
    "render_control",
    "render_handback",
    "render_handover_list",
    "render_receipt",
    "render_refusal",
    "render_register",
    "render_stop",
    "render_supplement",
    "render_text_probe",
]
