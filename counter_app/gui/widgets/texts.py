"""How moments, appointments and statuses read on screen."""

from __future__ import annotations

from datetime import datetime

from counter_app.domain.appointments import format_appointment
from counter_app.forms.formats import parse_moment, short_datetime
from counter_app.gui import i18n


def moment_text(value: str | datetime | None) -> str:
    """'10:05 15/07/2026', or '' when there is no time."""
    moment = parse_moment(value) if value else None
    return short_datetime(moment) if moment else ""


def due_text(value: str | datetime | None) -> str:
    """'Thứ Tư, 25/02/2026 09:00', or ''."""
    moment = parse_moment(value) if value else None
    return format_appointment(moment) if moment else ""


def status_label(code: int | None) -> str:
    return i18n.status_label(code) if code is not None else ""


def html_escape(value: object) -> str:
    """Text for a rich-text label (None reads as empty)."""
    text = "" if value is None else str(value)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
