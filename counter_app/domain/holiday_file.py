"""Holiday files: a JSON list of days off and make-up working days,
`[{"date": "YYYY-MM-DD", "working": false, "note": "..."}]` (the shape the stand-in portal
takes with --holidays). Every value is type-checked and bounded (domain.limits)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from counter_app.domain import limits, values
from counter_app.domain.values import InputError


@dataclass(frozen=True)
class HolidayOverride:
    day: date
    working: bool  # True: a make-up working day; False: a day off
    note: str


def parse_holiday_file(raw: bytes) -> list[HolidayOverride]:
    """The days of a holiday file; InputError names the entry and field of a bad value."""
    data = values.parse_json(raw, "file", max_bytes=limits.FILE_BYTES_MAX)
    return parse_holiday_items(data)


def parse_holiday_items(items: Any, field: str = "holidays") -> list[HolidayOverride]:
    """A list of {date, working, note} objects; each day at most once."""
    parsed: list[HolidayOverride] = []
    seen: set[date] = set()
    for number, item in enumerate(values.items(items, field, max_items=limits.HOLIDAYS_MAX), 1):
        at = f"{field}[{number}]"
        values.mapping(item, at)
        day = holiday_day(item.get("date"), f"{at}.date")
        if day in seen:
            raise InputError(f"{at}.date", f"ngày {day.isoformat()} có hai lần / listed twice")
        seen.add(day)
        if item.get("working") is None:
            raise InputError(f"{at}.working", "thiếu 'working' (true/false) / missing")
        parsed.append(
            HolidayOverride(
                day=day,
                working=values.boolean(item.get("working"), f"{at}.working"),
                note=values.text(item.get("note"), f"{at}.note", max_len=limits.TITLE_MAX),
            )
        )
    return parsed


def holiday_day(value: Any, field: str) -> date:
    """A YYYY-MM-DD date (or a date) between CALENDAR_EARLIEST and CALENDAR_LATEST."""
    if isinstance(value, date):
        day = value
    else:
        if not isinstance(value, str) or len(value.strip()) != 10:
            raise InputError(field, "ngày phải có dạng YYYY-MM-DD / must be YYYY-MM-DD")
        try:
            day = date.fromisoformat(value.strip())
        except ValueError:
            raise InputError(field, "ngày phải có dạng YYYY-MM-DD / must be YYYY-MM-DD") from None
    if not limits.CALENDAR_EARLIEST <= day <= limits.CALENDAR_LATEST:
        raise InputError(
            field,
            f"ngày phải từ {limits.CALENDAR_EARLIEST.isoformat()} đến "
            f"{limits.CALENDAR_LATEST.isoformat()} / out of range",
        )
    return day
