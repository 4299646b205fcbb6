"""Working hours of a commune centre (DESIGN.md §6): the periods of a working day and the
same-day cutoff, parsed from the setting text ("07:30-11:30,13:30-17:00")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import cached_property

__all__ = ["DEFAULT_HOURS", "WorkingHours", "parse_cutoff"]

_DEFAULT_PERIODS: tuple[tuple[time, time], ...] = (
    (time(7, 30), time(11, 30)),
    (time(13, 30), time(17, 0)),
)
_TIME_RE = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2}))?$")
_PERIOD_SPLIT = re.compile(r"\s*[-–—]\s*")


def _hours_error(text: object, reason_en: str, reason_vi: str) -> ValueError:
    return ValueError(
        f"Invalid working hours {text!r}: {reason_en} "
        f"(expected e.g. '07:30-11:30,13:30-17:00') / "
        f"Giờ làm việc không hợp lệ {text!r}: {reason_vi} "
        f"(ví dụ đúng: '07:30-11:30,13:30-17:00')"
    )


def _parse_clock(token: str, text: str) -> time:
    match = _TIME_RE.match(token.strip())
    if not match:
        raise _hours_error(
            text, f"{token!r} is not a time HH:MM", f"{token!r} không phải giờ HH:MM"
        )
    hour, minute, second = int(match[1]), int(match[2]), int(match[3] or 0)
    try:
        return time(hour, minute, second)
    except ValueError:
        raise _hours_error(
            text, f"{token!r} is not a valid time of day", f"{token!r} không phải giờ hợp lệ"
        ) from None


def parse_cutoff(text: object) -> time:
    """A same-day cutoff "HH:MM" (the setting's, or a procedure's in the catalogue). Raises
    ValueError saying what is wrong, in both languages."""
    if not isinstance(text, str):
        raise ValueError(
            f"Same-day cutoff must be a text HH:MM, not {type(text).__name__} / "
            "Giờ chốt nhận trong ngày phải là chuỗi HH:MM"
        )
    match = _TIME_RE.match(text.strip())
    if match:
        hour, minute, second = int(match[1]), int(match[2]), int(match[3] or 0)
        if hour < 24 and minute < 60 and second < 60:
            return time(hour, minute, second)
    shown = text.strip()[:20]
    raise ValueError(
        f"Same-day cutoff {shown!r} is not a time HH:MM (e.g. 15:00) / "
        f"Giờ chốt nhận trong ngày {shown!r} không phải giờ HH:MM (ví dụ 15:00)"
    )


def _format_clock(value: time) -> str:
    return value.strftime("%H:%M:%S" if value.second else "%H:%M")


@dataclass(frozen=True)
class WorkingHours:
    """Working periods of a day (same every working day) and the same-day cutoff."""

    periods: tuple[tuple[time, time], ...] = _DEFAULT_PERIODS
    same_day_cutoff: time = time(15, 0)

    def __post_init__(self) -> None:
        periods = tuple((start, end) for start, end in self.periods)
        text = self._describe(periods)
        if not periods:
            raise _hours_error(text, "no working period", "không có khoảng giờ làm việc nào")
        for start, end in periods:
            if not (isinstance(start, time) and isinstance(end, time)):
                raise _hours_error(text, "periods must be times", "các mốc phải là giờ")
            if start.tzinfo is not None or end.tzinfo is not None:
                raise _hours_error(text, "times must be naive", "giờ không được kèm múi giờ")
            if start >= end:
                raise _hours_error(
                    text,
                    f"period {_format_clock(start)}-{_format_clock(end)} does not end after it starts",
                    f"khoảng {_format_clock(start)}-{_format_clock(end)} có giờ kết thúc "
                    "không sau giờ bắt đầu",
                )
        for (start1, end1), (start2, _end2) in zip(periods, periods[1:], strict=False):
            if start2 < start1:
                raise _hours_error(
                    text,
                    "periods are not in chronological order",
                    "các khoảng giờ không theo thứ tự thời gian",
                )
            if start2 < end1:
                raise _hours_error(text, "periods overlap", "các khoảng giờ chồng lấn nhau")
        if not isinstance(self.same_day_cutoff, time):
            raise _hours_error(
                text, "same-day cutoff must be a time", "giờ chốt trong ngày phải là giờ"
            )
        object.__setattr__(self, "periods", periods)

    @staticmethod
    def _describe(periods: tuple) -> str:
        try:
            return ",".join(f"{_format_clock(s)}-{_format_clock(e)}" for s, e in periods)
        except (AttributeError, TypeError, ValueError):
            return repr(periods)

    @classmethod
    def parse(cls, text: str) -> WorkingHours:
        """Parse ``"07:30-11:30,13:30-17:00"`` (spaces, ``;`` and en dashes tolerated)."""
        if not isinstance(text, str) or not text.strip():
            raise _hours_error(text, "empty", "chưa nhập")
        periods = []
        for chunk in re.split(r"[,;]", text):
            if not chunk.strip():
                raise _hours_error(text, "empty period", "có khoảng giờ trống")
            parts = _PERIOD_SPLIT.split(chunk.strip())
            if len(parts) != 2:
                raise _hours_error(
                    text,
                    f"{chunk.strip()!r} is not a period START-END",
                    f"{chunk.strip()!r} không phải khoảng BẮT ĐẦU-KẾT THÚC",
                )
            periods.append((_parse_clock(parts[0], text), _parse_clock(parts[1], text)))
        return cls(tuple(periods))

    def format(self) -> str:
        """Inverse of :meth:`parse`: ``"07:30-11:30,13:30-17:00"``."""
        return ",".join(f"{_format_clock(s)}-{_format_clock(e)}" for s, e in self.periods)

    @cached_property
    def daily_total(self) -> timedelta:
        """Total working time of one working day (7 h 30 min by default)."""
        return sum(
            (
                datetime.combine(date.min, end) - datetime.combine(date.min, start)
                for start, end in self.periods
            ),
            timedelta(),
        )

    @property
    def day_start(self) -> time:
        return self.periods[0][0]

    @property
    def day_end(self) -> time:
        """End of the last period: when a same-day dossier is due (17:00 by default)."""
        return self.periods[-1][1]


DEFAULT_HOURS = WorkingHours()
