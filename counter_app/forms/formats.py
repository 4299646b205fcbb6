"""Vietnamese wording of amounts, dates, times and code lists as printed on official forms.

Qt-free; the GUI reuses these so screen and paper say the same thing.
Numbers below 10 in days and months 1-2 get a leading zero, as administrative
documents write them (Nghị định 30/2020/NĐ-CP): "ngày 05 tháng 02 năm 2026".
"""

from __future__ import annotations

from datetime import date, datetime

from counter_app.domain.appointments import weekday_name
from counter_app.domain.clock import from_storage, parse_datetime
from counter_app.domain.status import STATUS_NAMES

DOC_KINDS = {
    "original": "Bản chính",
    "certified_copy": "Bản sao có chứng thực",
    "photocopy": "Bản chụp",
}

ID_KINDS = {
    "cccd": "Căn cước công dân",
    "cc": "Căn cước",
    "cmnd": "Chứng minh nhân dân",
    "passport": "Hộ chiếu",
    "ho_chieu": "Hộ chiếu",
    "dinh_danh": "Số định danh cá nhân",
}

_PROCESSING_UNITS = {
    "working_days": "ngày làm việc",
    "working_hours": "giờ làm việc",
    "calendar_days": "ngày",
}


def two_digits(number: int) -> str:
    """01 … 09, then 10, 11, …: how counts and clock figures are printed."""
    return f"{number:02d}"


def vnd(amount: float | int | None) -> str:
    """50000 -> '50.000 đồng' (dot as thousands separator)."""
    value = round(amount or 0)
    sign = "-" if value < 0 else ""
    return f"{sign}{abs(value):,} đồng".replace(",", ".")


def long_date(day: date) -> str:
    """'ngày 15 tháng 7 năm 2026'; 'ngày 05 tháng 02 năm 2026'."""
    month = two_digits(day.month) if day.month <= 2 else str(day.month)
    return f"ngày {two_digits(day.day)} tháng {month} năm {day.year}"


def short_date(day: date) -> str:
    """'15/07/2026'."""
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


def short_datetime(moment: datetime) -> str:
    """'10:05 15/07/2026'."""
    return f"{moment.hour:02d}:{moment.minute:02d} {short_date(moment)}"


def clock_time(moment: datetime) -> str:
    """'10 giờ 05 phút'."""
    return f"{two_digits(moment.hour)} giờ {two_digits(moment.minute)} phút"


def moment_text(moment: datetime, *, with_weekday: bool = False) -> str:
    """'10 giờ 05 phút, ngày 15 tháng 7 năm 2026' (optionally with ', Thứ Năm' before the date)."""
    parts = [clock_time(moment)]
    if with_weekday:
        parts.append(weekday_name(moment.date()))
    parts.append(long_date(moment.date()))
    return ", ".join(parts)


def _amount_text(amount: float) -> str:
    if float(amount).is_integer():
        return two_digits(int(amount))
    return f"{amount:g}".replace(".", ",")


def processing_time_text(amount: float | int | None, unit: str | None) -> str:
    """(1.0, 'working_days') -> '01 ngày làm việc'; (4, 'working_hours') -> '04 giờ làm việc';
    (5, 'calendar_days') -> '05 ngày'; (…, 'same_day') -> 'Trong ngày'."""
    if unit == "same_day":
        return "Trong ngày"
    words = _PROCESSING_UNITS.get(unit or "", unit or "")
    figure = "……" if amount is None else _amount_text(float(amount))
    return f"{figure} {words}".strip()


def doc_kind_text(kind: str | None) -> str:
    """'original' -> 'Bản chính', 'certified_copy' -> 'Bản sao có chứng thực', 'photocopy' -> 'Bản chụp'."""
    return DOC_KINDS.get(kind or "", kind or "")


def id_kind_text(kind: str | None) -> str:
    """'cccd' -> 'Căn cước công dân', 'cmnd' -> 'Chứng minh nhân dân', …; unknown kinds as given."""
    return ID_KINDS.get((kind or "").lower(), kind or "")


def status_text(code: int | None) -> str:
    """National status code (DESIGN §3) -> Vietnamese name."""
    return STATUS_NAMES.get(code or 0, "")


def parse_moment(value: str | datetime | None) -> datetime | None:
    """Storage text ('2026-07-15 10:05:00', or ISO) -> naive datetime; None/empty -> None."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value
    try:
        return from_storage(value)
    except ValueError:
        return parse_datetime(value)
